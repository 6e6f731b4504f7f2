from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("attachments/<token:token>/", views.attachment_download, name="attachment"),
    path("attachments/<token:token>/thumb/", views.attachment_download, {"variant": "thumb"}, name="attachment_thumb"),
]
