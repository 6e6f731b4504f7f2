from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import Acknowledgement, Campaign, Document, DocumentVersion

# Read-only: documents, their versions, campaigns and acknowledgements change only through the services
# (approval, supersession, withdrawal and acknowledgement must reach the timeline and the audit trail).


class DocumentVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ["number", "status", "effective_date", "review_date", "prepared_by", "approved_by", "approved_at"]
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "category", "owner_department", "current_version"]
    list_filter = ["category"]
    search_fields = ["number", "title", "title_zh"]
    list_select_related = ["owner_department", "current_version"]
    inlines = [DocumentVersionInline]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "status", "effective_date", "review_date", "approved_by", "approved_at"]
    list_filter = ["status", "body_kind"]
    search_fields = ["document__number", "document__title", "document__title_zh"]
    list_select_related = ["document", "approved_by"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["version", "title", "everyone", "due_date", "status", "created_by"]
    list_filter = ["status", "everyone"]
    search_fields = ["title", "version__document__number", "version__document__title"]
    list_select_related = ["version__document", "created_by"]
    date_hierarchy = "due_date"


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["person", "version", "campaign", "acknowledged_at"]
    search_fields = ["person__full_name", "person__employee_number", "version__document__number"]
    list_select_related = ["person", "version__document", "campaign"]
    date_hierarchy = "acknowledged_at"
