"""Write operations on people and the company structure.

Every function checks the permission, validates, and writes inside ``transaction.atomic()``; the
audit trail (django-simple-history) records the actor. Training and other higher apps react to hires
and post changes through :mod:`apps.organization.hooks`, which these services fire.
"""

from __future__ import annotations

import datetime
import functools
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.i18n_messages import language_of
from apps.core.permissions import require
from apps.core.security import security_event
from apps.core.services import attachment_add, timeline_record

from . import hooks
from .models import Area, CompanyProfile, Department, Floor, Post, Site, User
from .selectors import company_logo, company_profile

logger = logging.getLogger(__name__)

PERSON_FIELDS = (
    "full_name",
    "username",
    "email",
    "employee_number",
    "department",
    "post",
    "hire_date",
    "phone",
    "role",
    "is_active",
)
# The password is set apart; the calendar token is a random default, not worth a uniqueness query per save.
PERSON_CLEAN_EXCLUDE = ["password", "calendar_token"]
DEPARTMENT_FIELDS = ("name", "name_zh", "code", "head")
POST_FIELDS = ("name", "name_zh", "code", "description")
SITE_FIELDS = ("name", "name_zh", "code", "address")
FLOOR_FIELDS = ("site", "building", "level", "name", "name_zh")
AREA_FIELDS = ("floor", "name", "name_zh", "code", "department", "is_active")
COMPANY_FIELDS = ("name", "name_zh", "short_name", "short_name_zh", "address", "address_zh", "phone")


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _save(instance, *, actor, exclude=None):
    """Validate and save ``instance`` with ``actor`` recorded in its history row."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise ApplicationError(_validation_message(exc)) from exc
    instance._history_user = actor
    instance.save()
    return instance


def _current(instance, name: str):
    """The value to compare against: the id for a foreign key, so comparing never loads the related row."""
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname) if field.is_relation else getattr(instance, name)


def _comparable(instance, name: str, value):
    field = instance._meta.get_field(name)
    return value.pk if field.is_relation and value is not None else value


def _apply(instance, data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, tuple[Any, Any]]:
    """Set the allowed fields from ``data`` on ``instance``; return {field: (old, new)} for real changes.

    For foreign keys ``old`` is the old id.
    """
    unknown = set(data) - set(allowed)
    if unknown:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    changes = {}
    for name, value in data.items():
        old = _current(instance, name)
        if old != _comparable(instance, name, value):
            changes[name] = (old, value)
            setattr(instance, name, value)
    return changes


# --- people -------------------------------------------------------------------------------------------


def person_create(
    *,
    actor: User,
    full_name: str,
    username: str,
    employee_number: str | None = None,
    email: str = "",
    department: Department | None = None,
    post: Post | None = None,
    hire_date: datetime.date | None = None,
    phone: str = "",
    role: str = User.Role.EMPLOYEE,
    is_active: bool = True,
) -> User:
    """Create a person. They have no usable password until they set one (officer's sign-in link).

    A person created with a hire date is a new hire: ``hooks.fire_hire`` runs in the same transaction
    (training assigns induction); one created without a hire date but with a post fires
    ``hooks.fire_post_change`` (training assigns the post's courses).
    """
    require(actor, "organization.manage_people")
    return _person_create(
        actor=actor,
        data={
            "full_name": full_name,
            "username": username,
            "employee_number": employee_number or None,
            "email": email or "",
            "department": department,
            "post": post,
            "hire_date": hire_date,
            "phone": phone or "",
            "role": role or User.Role.EMPLOYEE,
            "is_active": is_active,
        },
    )


def _person_create(*, actor, data) -> User:
    person = User(**data)
    person.set_unusable_password()
    with transaction.atomic():
        _save(person, actor=actor, exclude=PERSON_CLEAN_EXCLUDE)
        if person.hire_date:
            hooks.fire_hire(person=person, actor=actor)
        elif person.post_id:
            # Not a new hire, but someone taking up a post (e.g. staff entered before the system).
            hooks.fire_post_change(person=person, old_post=None, new_post=person.post, actor=actor)
    return person


def person_update(*, actor: User, person: User, data: dict[str, Any]) -> User:
    """Change a person's profile fields (any of ``PERSON_FIELDS``).

    A change of post fires ``hooks.fire_post_change`` in the same transaction.
    """
    require(actor, "organization.manage_people", person)
    if "employee_number" in data:
        data = {**data, "employee_number": data["employee_number"] or None}
    with transaction.atomic():
        person = User.objects.select_for_update(of=("self",)).select_related("post").get(pk=person.pk)
        _person_update(actor=actor, person=person, data=data)
    return person


def _person_update(*, actor, person, data) -> dict[str, tuple[Any, Any]]:
    """Apply ``data`` to a locked ``person``; return the changes."""
    with transaction.atomic():
        post_changes = "post" in data and _comparable(person, "post", data["post"]) != person.post_id
        old_post = person.post if post_changes else None
        changes = _apply(person, data, PERSON_FIELDS)
        if changes:
            _save(person, actor=actor, exclude=PERSON_CLEAN_EXCLUDE)
            if "post" in changes:
                hooks.fire_post_change(person=person, old_post=old_post, new_post=person.post, actor=actor)
    return changes


def person_send_sign_in_link(*, actor: User, person: User, request=None) -> None:
    """E-mail the person a link to choose their password (the password-reset link).

    Imported and hand-created people have no usable password; Django's reset form skips them,
    so an officer sends this link instead.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    require(actor, "organization.manage_people", person)
    if not person.email:
        raise ApplicationError(_("This person has no e-mail address."))
    if not person.is_active:
        raise ApplicationError(_("This person is not active."))
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    base = request.build_absolute_uri("/").rstrip("/") if request is not None else settings.SITE_URL.rstrip("/")
    context = {"person": person, "url": base + path, "company": company_profile()}
    with translation.override(language_of(person)):
        subject = render_to_string("registration/sign_in_link_subject.txt", context).strip()
        body = render_to_string("registration/sign_in_link_email.txt", context)

    def send():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])

    transaction.on_commit(send)


def person_unlock_sign_in(*, actor: User, person: User, request=None) -> int:
    """Lift ``person``'s sign-in lock (django-axes, from every address); return the attempts cleared.

    Recorded on the person's timeline and on the security log (who unlocked whom, from where).
    """
    from axes.utils import reset

    require(actor, "organization.unlock_sign_in", person)
    with transaction.atomic():
        cleared = reset(username=person.username)
        if cleared:
            timeline_record(subject=person, actor=actor, action=gettext_noop("unlocked sign-in"))
    security_event("sign_in_unlocked", request=request, username=actor.get_username(), person=person.get_username())
    return cleared


# --- structure ----------------------------------------------------------------------------------------


def _structure_create(model, *, actor, data, allowed):
    require(actor, "organization.manage_structure")
    _apply_check = set(data) - set(allowed)
    if _apply_check:
        raise ApplicationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(_apply_check))})
    instance = model(**data)
    with transaction.atomic():
        _save(instance, actor=actor)
    return instance


def _structure_update(instance, *, actor, data, allowed):
    require(actor, "organization.manage_structure")
    with transaction.atomic():
        if _apply(instance, data, allowed):
            _save(instance, actor=actor)
    return instance


def department_create(*, actor: User, name: str, code: str, name_zh: str = "", head: User | None = None) -> Department:
    return _structure_create(
        Department,
        actor=actor,
        data={"name": name, "name_zh": name_zh, "code": code, "head": head},
        allowed=DEPARTMENT_FIELDS,
    )


def department_update(*, actor: User, department: Department, data: dict[str, Any]) -> Department:
    return _structure_update(department, actor=actor, data=data, allowed=DEPARTMENT_FIELDS)


def post_create(*, actor: User, name: str, code: str, name_zh: str = "", description: str = "") -> Post:
    return _structure_create(
        Post,
        actor=actor,
        data={"name": name, "name_zh": name_zh, "code": code, "description": description},
        allowed=POST_FIELDS,
    )


def post_update(*, actor: User, post: Post, data: dict[str, Any]) -> Post:
    return _structure_update(post, actor=actor, data=data, allowed=POST_FIELDS)


def site_create(*, actor: User, name: str, code: str, name_zh: str = "", address: str = "") -> Site:
    return _structure_create(
        Site,
        actor=actor,
        data={"name": name, "name_zh": name_zh, "code": code, "address": address},
        allowed=SITE_FIELDS,
    )


def site_update(*, actor: User, site: Site, data: dict[str, Any]) -> Site:
    return _structure_update(site, actor=actor, data=data, allowed=SITE_FIELDS)


def floor_create(*, actor: User, site: Site, level: int, name: str, name_zh: str = "", building: str = "") -> Floor:
    return _structure_create(
        Floor,
        actor=actor,
        data={"site": site, "level": level, "name": name, "name_zh": name_zh, "building": building},
        allowed=FLOOR_FIELDS,
    )


def floor_update(*, actor: User, floor: Floor, data: dict[str, Any]) -> Floor:
    return _structure_update(floor, actor=actor, data=data, allowed=FLOOR_FIELDS)


def area_create(
    *,
    actor: User,
    floor: Floor,
    name: str,
    code: str,
    name_zh: str = "",
    department: Department | None = None,
    is_active: bool = True,
) -> Area:
    return _structure_create(
        Area,
        actor=actor,
        data={
            "floor": floor,
            "name": name,
            "name_zh": name_zh,
            "code": code,
            "department": department,
            "is_active": is_active,
        },
        allowed=AREA_FIELDS,
    )


def area_update(*, actor: User, area: Area, data: dict[str, Any]) -> Area:
    return _structure_update(area, actor=actor, data=data, allowed=AREA_FIELDS)


# --- company profile ----------------------------------------------------------------------------------


def company_profile_update(
    *, actor: User, data: dict[str, Any], logo=None, remove_logo: bool = False
) -> CompanyProfile:
    """Change the company's particulars (any of ``COMPANY_FIELDS``) and/or replace or remove its logo.

    The first save creates the single profile row (until then ``settings.COMPANY_NAME`` stands in).
    The logo goes through the shared image checks (:func:`apps.core.services.attachment_add`); a new
    logo replaces the old one, whose files are deleted only once the change is committed. Every save
    writes a history row with the actor, a logo change included.
    """
    require(actor, "organization.manage_company")
    with transaction.atomic():
        # get_or_create survives two officers saving the very first profile at once (unique singleton).
        CompanyProfile.objects.get_or_create(singleton=True, defaults={"name": settings.COMPANY_NAME})
        profile = CompanyProfile.objects.select_for_update().get(singleton=True)
        changes = _apply(profile, data, COMPANY_FIELDS)
        old_logo = company_logo(profile) if (logo is not None or remove_logo) else None
        if changes or old_logo is not None or logo is not None:
            _save(profile, actor=actor)
        if old_logo is not None:
            names = [f.name for f in (old_logo.file, old_logo.thumbnail) if f]
            storage = old_logo.file.storage
            old_logo.delete()
            transaction.on_commit(functools.partial(_delete_files, storage, names))
        if logo is not None:
            try:
                attachment_add(subject=profile, upload=logo, user=actor, role=CompanyProfile.LOGO_ROLE)
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages)) from exc
    return profile


def _delete_files(storage, names) -> None:
    """Remove replaced files; a file that cannot be removed is logged, never an error for the user."""
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete replaced file %s", name, exc_info=True)


# --- CSV import ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def person_import(*, actor: User, content: str) -> ImportResult:
    """Import the HR export: create new people, update existing ones matched by employee number.

    The file is parsed and validated again here (the database may have changed since the preview);
    any bad row refuses the whole import. Everything is written in one transaction.
    """
    from .csv_import import parse_people_csv

    require(actor, "organization.import_people")
    with transaction.atomic():
        preview = parse_people_csv(content)
        if not preview.is_clean:
            raise ApplicationError(
                _("The file has %(n)s problem(s); nothing was imported.") % {"n": preview.problem_count}
            )
        result = ImportResult()
        existing = {
            p.employee_number: p
            for p in User.objects.select_for_update(of=("self",))
            .select_related("post")
            .filter(pk__in=preview.existing_ids)
        }
        for row in preview.rows:
            person = existing.get(row.data["employee_number"])
            if person is None:
                _person_create(actor=actor, data={**{"role": User.Role.EMPLOYEE, "is_active": True}, **row.data})
                result.created += 1
            elif _person_update(actor=actor, person=person, data=row.data):
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def user_set_language(*, user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Unknown language."))
    with transaction.atomic():
        user.language = language
        user.save(update_fields=["language"])
