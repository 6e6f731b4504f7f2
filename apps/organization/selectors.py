from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.i18n import pick_language
from apps.core.permissions import department_scope
from apps.core.selectors import attachments_for

from .models import Area, CompanyProfile, Department, Floor, Post, Site, User


def company_profile(request=None) -> CompanyProfile:
    """The company's particulars: the saved profile, or an unsaved one named ``settings.COMPANY_NAME``.

    With ``request`` it is read at most once per request (the page, its context processor and a PDF's
    letterhead share it).
    """
    cached = getattr(request, "_anquan_company_profile", None)
    if cached is not None:
        return cached
    profile = CompanyProfile.objects.first() or CompanyProfile(name=settings.COMPANY_NAME)
    if request is not None:
        request._anquan_company_profile = profile
    return profile


def company_logo(profile: CompanyProfile):
    """The logo attachment of ``profile`` (the newest), or None."""
    if profile.pk is None:
        return None
    return attachments_for(profile, role=CompanyProfile.LOGO_ROLE).order_by("-created_at", "-id").first()


def person_list(*, user):
    """People the user may list: everyone for officers and management, own department(s) for heads.

    Each row carries ``is_head`` (heads a department) so lists can show roles without a query per row.
    """
    qs = User.objects.select_related("department", "post").annotate(
        is_head=Exists(Department.objects.filter(head_id=OuterRef("pk")))
    )
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(department_id__in=scope)


# --- who holds a role: the one place the recipients of "tell the safety officers" come from ---------


def safety_officers():
    """The active safety officers, in a stable order (recipients, pickers, reminders)."""
    return User.objects.filter(role=User.Role.SAFETY_OFFICER, is_active=True).order_by("id")


def management():
    """The active members of management."""
    return User.objects.filter(role=User.Role.MANAGEMENT, is_active=True).order_by("id")


def department_heads():
    """The active people who head at least one department."""
    return User.objects.filter(is_active=True, headed_departments__isnull=False).distinct().order_by("id")


# --- person picker scopes: what a picker searches is what its field accepts ---------------------------

_PERSON_SCOPES = {}
DEFAULT_PERSON_SCOPE = "visible"


def register_person_scope(name: str, people) -> None:
    """Name a set of people a picker may offer: ``people(user)`` returns the queryset of users ``user``
    may pick. ``organization:person_autocomplete?scope=<name>`` searches it and
    ``PersonChoiceField(scope=<name>)`` accepts exactly it (apps register theirs in ``ready()``)."""
    _PERSON_SCOPES[name] = people


def person_scope_exists(name: str) -> bool:
    return name in _PERSON_SCOPES


def people_in_scope(*, scope: str, user):
    """The active people ``user`` may pick in ``scope`` (nobody for an unknown scope or no user)."""
    people = _PERSON_SCOPES.get(scope)
    if people is None or user is None or not getattr(user, "is_authenticated", False):
        return User.objects.none()
    return people(user).filter(is_active=True)


def _visible_people(user):
    """The people the user may list (``person_list``)."""
    return person_list(user=user)


def _colleagues(user):
    """The people the user may list, their own department and themselves: whom an employee may name as
    involved in what they report."""
    own = Q(pk=user.pk) | (Q(department_id=user.department_id) if user.department_id else Q(pk__in=[]))
    scope = department_scope(user)
    if scope is None:
        return person_list(user=user)
    return User.objects.select_related("department", "post").filter(own | Q(department_id__in=scope))


register_person_scope(DEFAULT_PERSON_SCOPE, _visible_people)
register_person_scope("colleagues", _colleagues)


def person_search(*, user, query: str, limit: int = 20, scope: str = DEFAULT_PERSON_SCOPE):
    """Active people of ``scope`` (default: those the user may list) whose name, username or employee
    number matches ``query``."""
    query = (query or "").strip()
    qs = people_in_scope(scope=scope, user=user)
    if query:
        qs = qs.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(employee_number__icontains=query)
        )
    return qs.order_by("full_name", "id")[:limit]


def area_full_names() -> dict[int, str]:
    """``{area id: Area.full_name}`` in the active language, in one query: for exports that name the
    area of thousands of rows (issue 12) without loading area, floor and site per row."""
    areas = Area.objects.select_related("floor__site").only(
        "name", "name_zh", "floor__name", "floor__name_zh", "floor__site__name", "floor__site__name_zh"
    )
    return {a.pk: a.full_name for a in areas}


def department_names() -> dict[int, str]:
    """``{department id: name}`` in the active language, in one query."""
    return {pk: pick_language(en, zh) for pk, en, zh in Department.objects.values_list("pk", "name", "name_zh")}


def department_list():
    return Department.objects.select_related("head").annotate(member_count=Count("members", distinct=True))


def post_list():
    return Post.objects.annotate(member_count=Count("members", distinct=True))


def floor_choices():
    return Floor.objects.select_related("site")


def site_tree():
    """Sites with floors and areas, for the structure page, in three queries."""
    areas = Area.objects.select_related("department").order_by("name", "id")
    floors = Floor.objects.prefetch_related(Prefetch("areas", queryset=areas))
    return Site.objects.prefetch_related(Prefetch("floors", queryset=floors))


# --- audit trail --------------------------------------------------------------------------------------

HISTORY_MODELS: dict[str, type] = {
    "person": User,
    "department": Department,
    "post": Post,
    "site": Site,
    "floor": Floor,
    "area": Area,
    "company": CompanyProfile,
}
HISTORY_LABELS = {
    "person": gettext_lazy("Person"),
    "department": gettext_lazy("Department"),
    "post": gettext_lazy("Post"),
    "site": gettext_lazy("Site"),
    "floor": gettext_lazy("Floor"),
    "area": gettext_lazy("Area"),
    "company": gettext_lazy("Company profile"),
}
HISTORY_HIDDEN_FIELDS = {"updated_at", "created_at", "calendar_token", "password", "last_login"}


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    kind: str
    record: Any  # the historical row
    changes: list[FieldChange] = field(default_factory=list)
    url: str = ""

    @property
    def kind_label(self):
        return HISTORY_LABELS[self.kind]

    @property
    def action_label(self):
        return {"+": _("created"), "~": _("changed"), "-": _("deleted")}[self.record.history_type]

    @property
    def object_label(self):
        # Not ``record.instance``: for people it would fetch the untracked password field, a query per row.
        record = self.record
        if self.kind == "person":
            return record.full_name or record.username
        return pick_language(record.name, record.name_zh)

    @property
    def when(self):
        return self.record.history_date

    @property
    def who(self):
        return self.record.history_user


def history_list(*, kind: str | None = None, object_id: int | None = None):
    """Audit rows across the organisation models, newest first, as light ``{kind, history_id}`` rows.

    One UNION query, so it pages in the database; :func:`history_entries` turns a page into entries
    with field diffs in a fixed number of queries.
    """
    parts = []
    for key, model in HISTORY_MODELS.items():
        if kind and key != kind:
            continue
        qs = model.history.all()
        if object_id is not None:
            qs = qs.filter(id=object_id)
        parts.append(
            qs.order_by()
            .annotate(kind=Value(key, output_field=CharField()))
            .values("history_date", "history_id", "kind")
        )
    if not parts:
        return User.history.none().values("history_date", "history_id")
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-history_date", "-history_id")


def history_entries(rows) -> list[HistoryEntry]:
    """Load the historical rows named by ``rows`` (from :func:`history_list`) with their diffs."""
    ids_by_kind: dict[str, list[int]] = {}
    for row in rows:
        ids_by_kind.setdefault(row["kind"], []).append(row["history_id"])
    loaded: dict[tuple[str, int], HistoryEntry] = {}
    related_ids: dict[type, set] = {}
    pending: list[tuple[HistoryEntry, Any, Any]] = []
    for key, ids in ids_by_kind.items():
        model = HISTORY_MODELS[key]
        manager = model.history.model._default_manager
        previous = (
            manager.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        records = manager.filter(history_id__in=ids).select_related("history_user").annotate(prev_id=Subquery(previous))
        records = list(records)
        prevs = manager.in_bulk([r.prev_id for r in records if r.prev_id])
        for record in records:
            entry = HistoryEntry(kind=key, record=record, url=_history_url(key, record))
            loaded[(key, record.history_id)] = entry
            prev = prevs.get(record.prev_id)
            if prev is None or record.history_type != "~":
                continue
            delta = record.diff_against(prev, excluded_fields=HISTORY_HIDDEN_FIELDS)
            for change in delta.changes:
                model_field = model._meta.get_field(change.field)
                if model_field.is_relation:
                    related_ids.setdefault(model_field.related_model, set()).update(
                        v for v in (change.old, change.new) if v is not None
                    )
                pending.append((entry, model_field, change))
    related = {model: model._default_manager.in_bulk(ids) for model, ids in related_ids.items()}
    for entry, model_field, change in pending:
        entry.changes.append(
            FieldChange(
                field=str(model_field.verbose_name),
                old=_display(model_field, change.old, related),
                new=_display(model_field, change.new, related),
            )
        )
    return [loaded[(row["kind"], row["history_id"])] for row in rows if (row["kind"], row["history_id"]) in loaded]


def _display(model_field, value, related) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        obj = related.get(model_field.related_model, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _history_url(kind: str, record) -> str:
    if record.history_type == "-":
        return ""
    if kind == "person":
        return reverse("organization:person_detail", args=[record.id])
    if kind == "department":
        return reverse("organization:department_detail", args=[record.id])
    if kind == "site":
        return reverse("organization:site_detail", args=[record.id])
    if kind == "floor":
        return reverse("organization:site_detail", args=[record.site_id])
    if kind == "post":
        return reverse("organization:structure") + f"#post-{record.id}"
    return reverse("organization:structure")


@dataclass
class SignInLock:
    failures: int
    until: Any  # datetime, or None when locks never expire (AXES_COOLOFF_TIME unset)


def sign_in_lock(*, person: User) -> SignInLock | None:
    """The person's current sign-in lock (django-axes, from any address), or None when they may sign in."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.filter(username=person.username, failures_since_start__gte=limit)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    latest = attempts.order_by("-attempt_time").first()
    if latest is None:
        return None
    return SignInLock(
        failures=latest.failures_since_start, until=latest.attempt_time + cool_off if cool_off is not None else None
    )
