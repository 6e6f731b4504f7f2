from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("new/", views.inspection_create, name="inspection_create"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/start/", views.inspection_start, name="inspection_start"),
    path("<int:pk>/results/<int:result_pk>/", views.inspection_result_save, name="inspection_result_save"),
    path("<int:pk>/finish/", views.inspection_finish, name="inspection_finish"),
    path("<int:pk>/report.pdf", views.inspection_report, name="inspection_report"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/lines/<int:line_pk>/delete/", views.plan_line_delete, name="plan_line_delete"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/generate/", views.plan_generate, name="plan_generate"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("coverage/", views.coverage, name="coverage"),
]
