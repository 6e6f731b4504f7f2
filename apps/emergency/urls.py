from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/versions/new/", views.plan_version_new, name="plan_version_new"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("team/", views.team, name="team"),
    path("team/roster.pdf", views.team_roster, name="team_roster"),
    path("team/<int:pk>/remove/", views.team_member_remove, name="team_member_remove"),
    path("drills/", views.drill_list, name="drill_list"),
    path("drills/new/", views.drill_schedule, name="drill_schedule"),
    path("drills/<int:pk>/", views.drill_detail, name="drill_detail"),
    path("drills/<int:pk>/record/", views.drill_record, name="drill_record"),
    path("drills/<int:pk>/cancel/", views.drill_cancel, name="drill_cancel"),
    path("drills/<int:pk>/problems/", views.drill_problem_add, name="drill_problem_add"),
    path("problems/<int:pk>/hazard/", views.drill_problem_hazard, name="drill_problem_hazard"),
]
