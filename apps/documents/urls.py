from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import FLOW

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("my/", views.my_acknowledgements, name="my_acknowledgements"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/versions/new/", views.version_new, name="version_new"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/file/", views.version_file, name="version_file"),
    path("versions/<int:pk>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/acknowledge/", views.campaign_acknowledge, name="campaign_acknowledge"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/export.csv", views.campaign_export_csv, name="campaign_export_csv"),
    path("campaigns/<int:pk>/export.xlsx", views.campaign_export_xlsx, name="campaign_export_xlsx"),
    *move_urlpatterns(
        FLOW, queryset=views.visible_versions, render_detail=views.version_page, prefix="versions/<int:pk>/"
    ),
]
