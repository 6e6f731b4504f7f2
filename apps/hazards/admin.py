from django.contrib import admin

from .models import Hazard


@admin.register(Hazard)
class HazardAdmin(admin.ModelAdmin):
    """Read-only: hazards change only through the services (and so the timeline)."""

    list_display = ["number", "title", "status", "grade", "risk_level", "department", "deadline"]
    list_filter = ["status", "grade", "risk_level", "category"]
    search_fields = ["number", "title"]
    list_select_related = ["department"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
