from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Area, Department, Floor, Post, Site, User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name", "employee_number", "department", "post", "role", "is_active")
    list_filter = ("role", "is_active", "department")
    search_fields = ("username", "full_name", "employee_number", "email")
    list_select_related = ("department", "post")
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            "Anquan",
            {
                "fields": (
                    "full_name",
                    "employee_number",
                    "department",
                    "post",
                    "hire_date",
                    "phone",
                    "role",
                    "language",
                )
            },
        ),
    )


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_zh", "code", "head")
    search_fields = ("name", "name_zh", "code")
    raw_id_fields = ("head",)


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_zh", "code")
    search_fields = ("name", "name_zh", "code")


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_zh", "code", "address")


@admin.register(Floor)
class FloorAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "site", "building", "level")
    list_filter = ("site",)


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_zh", "code", "floor", "department", "is_active")
    list_filter = ("floor__site", "is_active")
    search_fields = ("name", "name_zh", "code")
