"""Whose training a user may see, their assignments and records."""

from __future__ import annotations

from django.db.models import Q

from apps.core.permissions import department_scope
from apps.organization.models import User

from ..models import (
    Assignment,
    Completion,
)


def people_in_scope(*, user):
    """Active people whose training the user may see (all for company-wide roles, own departments for heads)."""
    qs = User.objects.filter(is_active=True).select_related("department", "post")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(department_id__in=scope)


def people_for(*, user, people=None):
    """The people ``user`` may see (:func:`people_in_scope`), narrowed to ``people`` when given (a filtered
    queryset of people): a filter can narrow the scope, never widen it."""
    qs = people_in_scope(user=user)
    return qs if people is None else qs & people


def assignment_list(*, user):
    qs = Assignment.objects.select_related("person", "person__department", "course")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(Q(person=user) | Q(person__department_id__in=scope))


def my_records(*, person):
    return Completion.objects.filter(person=person).select_related("course").order_by("-completed_on", "-id")
