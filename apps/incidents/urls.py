from django.urls import path

from . import views

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
    path("<int:pk>/move/<slug:name>/", views.incident_move, name="incident_move"),
    path("<int:pk>/edit/", views.incident_edit, name="incident_edit"),
    path("<int:pk>/plan/", views.incident_activate_plan, name="incident_activate_plan"),
    path("<int:pk>/lead/", views.incident_assign_lead, name="incident_assign_lead"),
    path("<int:pk>/external/", views.incident_external, name="incident_external"),
    path("<int:pk>/investigation/", views.incident_investigation, name="incident_investigation"),
    path("<int:pk>/events/", views.incident_event_add, name="incident_event_add"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("<int:pk>/case-study/", views.case_study_publish, name="case_study_publish"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path("actions/<int:pk>/check/", views.action_check, name="action_check"),
    path("actions/<int:pk>/hazard/", views.action_raise_hazard, name="action_raise_hazard"),
]
