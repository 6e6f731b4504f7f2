from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "key", "created_at", "read_at", "emailed_at")
    search_fields = ("subject", "key", "recipient__username")
    raw_id_fields = ("recipient",)
    list_select_related = ("recipient",)
