"""Read-only operator views: objectives, budgets, plans, meetings and statements change only through
the services (and so the timeline); a signed statement never changes."""

from django.contrib import admin

from .models import Action, Budget, Meeting, Objective, Spending, Statement, StatementTemplate, Task, WorkPlan


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "department", "metric", "target", "status"]
    list_filter = ["year", "status"]
    search_fields = ["title", "title_zh"]
    list_select_related = ["department"]


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ["year", "status", "approved_by", "approved_at"]


@admin.register(Spending)
class SpendingAdmin(ReadOnlyAdmin):
    list_display = ["date", "amount", "description", "line", "status"]
    list_filter = ["status"]
    list_select_related = ["line"]


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnlyAdmin):
    list_display = ["year", "status", "approved_by", "approved_at"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["plan", "month", "title", "owner", "status"]
    list_filter = ["status", "month"]
    list_select_related = ["plan", "owner"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["starts_at", "title", "type", "chair", "status"]
    list_filter = ["type", "status"]
    list_select_related = ["chair"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "due_date", "status"]
    list_filter = ["status"]
    list_select_related = ["owner"]


@admin.register(StatementTemplate)
class StatementTemplateAdmin(ReadOnlyAdmin):
    list_display = ["year", "level", "post", "title"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["year", "person", "level", "department", "status", "signed_at", "countersigned_at"]
    list_filter = ["year", "status", "level"]
    search_fields = ["person__full_name", "person__username"]
    list_select_related = ["person", "department"]
