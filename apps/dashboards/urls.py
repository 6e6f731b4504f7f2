from django.urls import path

from . import calendar, views

urlpatterns = [
    path("", views.home, name="home"),
    path("calendar/<token:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
