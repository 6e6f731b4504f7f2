from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin

from .models import Clause, Edition

# Read-only: the regulation is loaded as a whole edition by the service (a clause's text changes only with
# a new edition), so that documents' and records' clause links keep pointing at the text they cited.


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ["label", "title", "effective_date", "is_current", "loaded_by", "created_at"]
    list_filter = ["is_current"]
    search_fields = ["label", "title", "title_zh"]
    list_select_related = ["loaded_by"]
    exclude = ["clauses"]  # the whole edition's text as JSON; the clauses are listed under Clause


@admin.register(Clause)
class ClauseAdmin(ReadOnlyAdmin):
    list_display = ["ref", "title", "depth", "is_informative", "is_active"]
    list_filter = ["is_active", "is_informative", "depth"]
    search_fields = ["ref", "title", "title_zh", "text", "text_zh"]
    list_select_related = ["parent"]
