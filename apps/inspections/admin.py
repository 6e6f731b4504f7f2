"""Inspections, the equipment register, appliance requests and the visitor log in the operators' admin.

Read-only: every one of these records changes only through the services (versioned checklists, the
plan's approval, inspections with their signatures and the hazards they raised, checks that set the next
due date, decisions, sign-outs), which check permission and keep the timeline."""

from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import (
    ApplianceRequest,
    ChecklistTemplate,
    Equipment,
    EquipmentCheck,
    Inspection,
    InspectionPlan,
    InspectionResult,
    PlanLine,
    TemplateItem,
    TemplateSection,
    Visit,
)


class TemplateSectionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TemplateSection
    extra = 0


class TemplateItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TemplateItem
    extra = 0
    fields = ["section", "position", "text", "text_zh", "clause", "regulation_clause"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ReadOnlyAdmin):
    """An edit is a new version (the app's checklist editor); inspections keep the version they used."""

    list_display = ["name", "code", "version", "group", "is_current"]
    list_filter = ["group", "is_current"]
    search_fields = ["name", "name_zh", "code"]
    inlines = [TemplateSectionInline, TemplateItemInline]


class PlanLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PlanLine
    extra = 0
    fields = ["template", "area", "site", "department", "frequency", "interval_days", "inspector", "inspector_role"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "status", "approved_by", "approved_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [PlanLineInline]


@admin.register(PlanLine)
class PlanLineAdmin(ReadOnlyAdmin):
    list_display = ["plan", "template", "frequency", "inspector", "inspector_role"]
    list_filter = ["frequency", "inspector_role"]
    list_select_related = ["plan", "template", "inspector"]


class InspectionResultInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = InspectionResult
    extra = 0
    fields = ["item", "outcome", "note", "hazard", "answered_by", "answered_at"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["id", "template", "area", "site", "department", "inspector", "inspector_role", "due_date", "status"]
    list_filter = ["status", "inspector_role"]
    search_fields = ["template__name", "template__name_zh", "inspector__full_name", "signature_name"]
    list_select_related = ["template", "area", "site", "department", "inspector"]
    date_hierarchy = "due_date"
    inlines = [InspectionResultInline]


@admin.register(InspectionResult)
class InspectionResultAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "item", "outcome", "hazard", "answered_by", "answered_at"]
    list_filter = ["outcome"]
    list_select_related = ["inspection__template", "item", "hazard", "answered_by"]


@admin.register(Equipment)
class EquipmentAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "area", "next_check_due", "expires_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "serial_number", "location_note"]
    list_select_related = ["area"]


@admin.register(EquipmentCheck)
class EquipmentCheckAdmin(ReadOnlyAdmin):
    list_display = ["equipment", "outcome", "checked_by", "created_at", "hazard"]
    list_filter = ["outcome"]
    search_fields = ["equipment__code", "note"]
    list_select_related = ["equipment", "checked_by", "hazard"]


@admin.register(ApplianceRequest)
class ApplianceRequestAdmin(ReadOnlyAdmin):
    list_display = ["appliance", "power_watts", "area", "requester", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["appliance", "requester__full_name"]
    list_select_related = ["area", "requester", "decided_by"]


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ["visitor_name", "organisation", "host", "area", "badge_number", "signed_in_at", "signed_out_at"]
    search_fields = ["visitor_name", "organisation", "badge_number", "host__full_name"]
    list_select_related = ["host", "area"]
    date_hierarchy = "signed_in_at"
