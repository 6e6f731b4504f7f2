from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import DRILL_FLOW

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
    path("drills/<int:pk>/problems/", views.drill_problem_add, name="drill_problem_add"),
    path("problems/<int:pk>/hazard/", views.drill_problem_hazard, name="drill_problem_hazard"),
    # One URL per move, served by the generic move view: emergency:drill_record at drills/<pk>/record/,
    # emergency:drill_cancel at drills/<pk>/cancel/.
    *move_urlpatterns(
        DRILL_FLOW, queryset=views.visible_drills, render_detail=views.drill_page, prefix="drills/<int:pk>/"
    ),
]
