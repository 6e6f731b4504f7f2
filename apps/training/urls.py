from django.urls import path

from apps.core.workflow_views import move_urlpatterns

from . import views
from .workflow import ASSIGNMENT_FLOW, ATTEMPT_FLOW

app_name = "training"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_create, name="course_update"),
    path("courses/<int:pk>/exam/", views.exam_settings, name="exam_settings"),
    path("courses/<int:pk>/exam/start/", views.exam_start, name="exam_start"),
    path("courses/<int:pk>/materials/new/", views.material_add, name="material_add"),
    path("materials/<int:pk>/file/", views.material_file, name="material_file"),
    path("courses/<int:pk>/questions/", views.question_list, name="question_list"),
    path("courses/<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("courses/<int:pk>/statistics/", views.exam_statistics, name="exam_statistics"),
    path("questions/<int:pk>/edit/", views.question_update, name="question_update"),
    path("questions/<int:pk>/retire/", views.question_retire, name="question_retire"),
    path("attempts/<int:pk>/", views.attempt_detail, name="attempt_detail"),
    path("attempts/<int:pk>/answer/", views.attempt_answer, name="attempt_answer"),
    path("my/", views.my_training, name="my_training"),
    path("team/", views.team, name="team"),
    path("new-hires/", views.new_hires, name="new_hires"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/export/", views.matrix_export, name="matrix_export"),
    path("requirements/", views.requirement_list, name="requirement_list"),
    path("requirements/new/", views.requirement_create, name="requirement_create"),
    path("requirements/<int:pk>/deactivate/", views.requirement_deactivate, name="requirement_deactivate"),
    path("assignments/", views.assignment_list, name="assignment_list"),
    path("assignments/new/", views.assignment_create, name="assignment_create"),
    path("assignments/again/", views.assignment_again, name="assignment_again"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("records/new/", views.record_create, name="record_create"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/enrol/", views.session_enrol, name="session_enrol"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("plan/", views.plan, name="plan"),
    path("plan/new/", views.plan_line_create, name="plan_line_create"),
    path("certificates/<int:pk>/", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<token:code>/", views.verify, name="verify"),
    # One URL per move, served by the generic move view: training:assignment_cancel at
    # assignments/<pk>/cancel/, training:examattempt_submit at attempts/<pk>/submit/.
    *move_urlpatterns(
        ASSIGNMENT_FLOW,
        queryset=views.visible_assignments,
        render_detail=views.assignment_page,
        prefix="assignments/<int:pk>/",
    ),
    *move_urlpatterns(
        ATTEMPT_FLOW, queryset=views.own_attempts, render_detail=views.attempt_page, prefix="attempts/<int:pk>/"
    ),
]
