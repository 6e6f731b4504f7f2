from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import FLOW

app_name = "rewards"
urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("board/", views.notice_board, name="notice_board"),
    path("new/", views.decision_create, name="decision_create"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<int:pk>/certificate.pdf", views.decision_certificate, name="decision_certificate"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("suggestions/propose/", views.suggestion_propose, name="suggestion_propose"),
    path("scorecard/", views.scorecard_overview, name="scorecard"),
    path("scorecard/export.csv", views.scorecard_export_csv, name="scorecard_export_csv"),
    path("scorecard/export.xlsx", views.scorecard_export_xlsx, name="scorecard_export_xlsx"),
    path("scorecard/weights/", views.weights_edit, name="weights"),
    path("scorecard/<int:pk>/", views.scorecard_department, name="scorecard_department"),
    path("scorecard/<int:pk>/scorecard.pdf", views.scorecard_pdf, name="scorecard_pdf"),
    path("scorecard/<int:pk>/<slug:figure>/", views.scorecard_records, name="scorecard_records"),
    *move_urlpatterns(FLOW, queryset=views.visible_decisions, render_detail=views.decision_page),
]
