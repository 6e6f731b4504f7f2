from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import INSPECTION_FLOW, PLAN_FLOW

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("new/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/results/<int:result_pk>/", views.inspection_result_save, name="inspection_result_save"),
    path("<int:pk>/report.pdf", views.inspection_report, name="inspection_report"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/lines/<int:line_pk>/delete/", views.plan_line_delete, name="plan_line_delete"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("coverage/", views.coverage, name="coverage"),
    # One URL per move, served by the generic move view; the paths are those of before:
    # inspections:inspection_start at <pk>/start/, inspections:inspection_finish at <pk>/finish/,
    # inspections:inspectionplan_approve at plans/<pk>/approve/, inspectionplan_generate at plans/<pk>/generate/.
    *INSPECTION_FLOW.urlpatterns(queryset=views.visible_inspections, render_detail=views.inspection_page),
    *move_urlpatterns(PLAN_FLOW, queryset=views.visible_plans, render_detail=views.plan_page, prefix="plans/<int:pk>/"),
]
