from django.urls import path

from . import views

app_name = "visitors"
urlpatterns = [
    path("", views.visit_list, name="visit_list"),
    path("register/", views.visit_register, name="visit_register"),
    path("hosts/", views.host_search, name="host_search"),
    path("<int:pk>/sign-out/", views.visit_sign_out, name="visit_sign_out"),
]
