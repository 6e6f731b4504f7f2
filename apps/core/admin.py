"""Admin helpers shared by every app's ``admin.py``."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """Operators may look, never write: for records that change only through the services (so that the
    timeline, numbering and separation of duties see every change). Use on a ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
