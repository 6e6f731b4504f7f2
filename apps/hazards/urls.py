from django.urls import path

from . import views
from .workflow import FLOW

app_name = "hazards"
urlpatterns = [
    # Stable URLs (docs/architecture.md): list, report form (?area=<id> from a QR poster), detail, risk map.
    path("", views.hazard_list_view, name="hazard_list"),
    path("report/", views.hazard_report, name="hazard_report"),
    path("<int:pk>/", views.hazard_detail, name="hazard_detail"),
    path("map/", views.hazard_map, name="hazard_map"),
    path("export.csv", views.hazard_export, name="hazard_export"),
    path("my/", views.my_work_view, name="my_work"),
    path("<int:pk>/notice.pdf", views.hazard_notice, name="hazard_notice"),
    path("posters/", views.area_posters, name="area_posters"),
    path("posters/<int:area_id>/", views.area_poster, name="area_poster"),
    # One URL per move, hazards:hazard_<move> (<pk>/<move-name>/), all served by the generic move view.
    *FLOW.urlpatterns(queryset=views.visible_hazards, render_detail=views.hazard_page),
]
