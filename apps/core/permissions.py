"""The one place that answers "may this user do X on this object".

Predicates are composed here and in each app's ``rules.py`` (``rules.add_perm``); services call
:func:`require`, views and templates ask ``user.has_perm`` / ``{% has_perm %}``. List scoping
("which rows may this user see") is the selectors' job and uses :func:`department_scope`.
"""

import rules

from .exceptions import NotAllowed


@rules.predicate
def is_active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_management(user):
    return is_active_user(user) and user.role == user.Role.MANAGEMENT


@rules.predicate
def is_safety_officer(user):
    return is_active_user(user) and user.role == user.Role.SAFETY_OFFICER


@rules.predicate
def is_department_head(user):
    return is_active_user(user) and user.is_department_head


@rules.predicate
def is_superuser(user):
    return is_active_user(user) and user.is_superuser


# Officers and management see the whole company; superusers are treated as officers.
is_company_wide = is_management | is_safety_officer | is_superuser
is_officer = is_safety_officer | is_superuser


def object_department_id(obj):
    """The department an object belongs to: its ``department_id``, or itself for a Department."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Department":
        return obj.pk
    return getattr(obj, "department_id", None)


@rules.predicate
def is_head_of_object_department(user, obj):
    dept_id = object_department_id(obj)
    return dept_id is not None and is_active_user(user) and dept_id in user.headed_department_ids


@rules.predicate
def is_in_object_department(user, obj):
    dept_id = object_department_id(obj)
    return dept_id is not None and is_active_user(user) and user.department_id == dept_id


def department_scope(user):
    """Department ids whose records the user may see beyond their own: None means all of them."""
    if is_company_wide(user):
        return None
    return set(user.headed_department_ids)


def require(user, perm, obj=None, message=None):
    """Raise :class:`NotAllowed` unless ``user`` has ``perm`` (on ``obj``)."""
    if not user.has_perm(perm, obj):
        from django.utils.translation import gettext as _

        raise NotAllowed(message or _("You are not allowed to do this."))
