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
    *move_urlpatterns(FLOW, queryset=views.visible_decisions, render_detail=views.decision_page),
]
