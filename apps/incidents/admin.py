from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseStudy, HoursWorked, Incident


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    """Read-only: incidents change only through services (the audit trail must see every change)."""

    list_display = ("number", "type", "severity", "status", "occurred_at", "department")
    list_filter = ("status", "type", "severity")
    search_fields = ("number", "description")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(HoursWorked)
admin.site.register(CaseStudy)
