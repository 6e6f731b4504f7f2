from django.db.models import Count, Prefetch

from apps.core.permissions import department_scope

from .models import Area, Department, Floor, Site, User


def person_list(*, user):
    """People the user may list: everyone for officers and management, own department(s) for heads."""
    qs = User.objects.select_related("department", "post")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(department_id__in=scope)


def department_list():
    return Department.objects.select_related("head").annotate(member_count=Count("members"))


def site_tree():
    """Sites with floors and areas, for the structure page, in three queries."""
    areas = Area.objects.select_related("department").order_by("name", "id")
    floors = Floor.objects.prefetch_related(Prefetch("areas", queryset=areas))
    return Site.objects.prefetch_related(Prefetch("floors", queryset=floors))
