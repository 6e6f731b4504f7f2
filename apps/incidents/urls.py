from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import ACTION_FLOW, INCIDENT_FLOW

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="incident_list"),
    path("export.csv", views.incident_export, name="incident_export"),
    path("report/", views.incident_report, name="incident_report"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/hours/", views.hours_set, name="hours_set"),
    path("cases/", views.case_study_list, name="case_study_list"),
    path("cases/<int:pk>/", views.case_study_detail, name="case_study_detail"),
    path("<int:pk>/", views.incident_detail, name="incident_detail"),
    path("<int:pk>/pdf/", views.incident_pdf, name="incident_pdf"),
    # The page's forms that change the incident without moving it (views.PAGE_FORMS).
    path("<int:pk>/edit/", views.incident_form_post, {"name": "edit"}, name="incident_edit"),
    path("<int:pk>/plan/", views.incident_form_post, {"name": "plan"}, name="incident_activate_plan"),
    path("<int:pk>/lead/", views.incident_form_post, {"name": "lead"}, name="incident_assign_lead"),
    path("<int:pk>/external/", views.incident_form_post, {"name": "external"}, name="incident_external"),
    path("<int:pk>/investigation/", views.incident_form_post, {"name": "investigation"}, name="incident_investigation"),
    path("<int:pk>/events/", views.incident_form_post, {"name": "event"}, name="incident_event_add"),
    path("<int:pk>/actions/", views.incident_form_post, {"name": "action"}, name="action_add"),
    path("<int:pk>/case-study/", views.case_study_publish, name="case_study_publish"),
    # One URL per move, served by the generic move view: incidents:incident_<move> at <pk>/<move>/
    # (investigate, start-actions, close, reopen) and incidents:correctiveaction_<move> at
    # actions/<pk>/<move>/ (complete, confirm-effective, not-effective, raise-hazard).
    *INCIDENT_FLOW.urlpatterns(queryset=views.visible_incidents, render_detail=views.incident_page),
    *move_urlpatterns(
        ACTION_FLOW, queryset=views.visible_actions, render_detail=views.action_page, prefix="actions/<int:pk>/"
    ),
]
