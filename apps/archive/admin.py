from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin

from .models import ArchiveExport


@admin.register(ArchiveExport)
class ArchiveExportAdmin(ReadOnlyAdmin):
    """Read-only: exports are requested, built and expired by the services and their task."""

    list_display = ["year", "status", "progress", "size", "requested_by", "created_at", "finished_at", "expires_at"]
    list_filter = ["status", "year"]
    list_select_related = ["requested_by"]
    exclude = ["token"]
