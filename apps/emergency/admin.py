from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ContingencyPlan, Drill, TeamMember


@admin.register(ContingencyPlan)
class ContingencyPlanAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "scenario", "drill_interval_months", "is_active")


@admin.register(Drill)
class DrillAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "site", "planned_at", "status")
    list_filter = ("status", "plan")

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TeamMember)
