from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import Decision, Evidence, ScoreWeights


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ("content_type", "object_id", "label", "url")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "person", "department", "status", "effective_date")
    list_filter = ("status", "kind")
    search_fields = ("number", "reason", "person__full_name")
    inlines = [EvidenceInline]


@admin.register(ScoreWeights)
class ScoreWeightsAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "updated_by", "updated_at")
