from django.urls import path

from . import views

app_name = "equipment"
urlpatterns = [
    path("", views.equipment_list, name="equipment_list"),
    path("new/", views.equipment_create, name="equipment_create"),
    path("<int:pk>/", views.equipment_detail, name="equipment_detail"),
    path("<int:pk>/edit/", views.equipment_edit, name="equipment_edit"),
    path("<int:pk>/check/", views.equipment_check, name="equipment_check"),
    path("<int:pk>/label/", views.equipment_label, name="equipment_label"),
    path("<int:pk>/qr.svg", views.equipment_qr, name="equipment_qr"),
]
