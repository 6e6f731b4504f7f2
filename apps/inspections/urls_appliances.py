from django.urls import path

from . import views

app_name = "appliances"
urlpatterns = [
    path("", views.appliance_list, name="appliance_list"),
    path("request/", views.appliance_request_create, name="appliance_request_create"),
    path("<int:pk>/", views.appliance_detail, name="appliance_detail"),
    path("<int:pk>/decide/", views.appliance_decide, name="appliance_decide"),
]
