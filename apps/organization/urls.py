from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("", views.structure, name="structure"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
]
