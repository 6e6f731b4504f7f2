from django.urls import path

from . import views

app_name = "hazards"
urlpatterns = [
    path("<int:pk>/", views.hazard_detail, name="hazard_detail"),
]
