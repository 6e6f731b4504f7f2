from django.urls import path

from . import views
from .workflow import APPLIANCE_FLOW

app_name = "appliances"
urlpatterns = [
    path("", views.appliance_list, name="appliance_list"),
    path("request/", views.appliance_request_create, name="appliance_request_create"),
    path("<int:pk>/", views.appliance_detail, name="appliance_detail"),
    # The decision before approve and reject had their own URLs (kept for pages still open).
    path("<int:pk>/decide/", views.appliance_decide, name="appliance_decide"),
    # appliances:appliancerequest_approve at <pk>/approve/, appliancerequest_reject at <pk>/reject/.
    *APPLIANCE_FLOW.urlpatterns(queryset=views.visible_appliance_requests, render_detail=views.appliance_page),
]
