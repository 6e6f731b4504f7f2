"""Reading hazards: every query here is already scoped to what the user may see."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import department_scope, is_management, is_officer

from .models import Hazard


def _base():
    return Hazard.objects.select_related(
        "area__floor__site", "department__head", "responsible_person", "reporter", "source_type"
    )


def hazard_list(*, user, filters=None):
    """Hazards the user may see: all for officers and management; otherwise those they reported or
    are responsible for, and those of the departments they head."""
    qs = _base()
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(Q(reporter=user) | Q(responsible_person=user) | Q(department_id__in=scope))
    if filters:
        qs = qs.filter(**filters)
    return qs


def responsible_candidates(user):
    """Whom ``user`` may name as responsible for a rectification: anyone for officers, their own
    department(s) for heads (the plan's person picker searches and accepts exactly these)."""
    people = get_user_model().objects.filter(is_active=True).select_related("department")
    if not is_officer(user):
        people = people.filter(department_id__in=user.headed_department_ids)
    return people.order_by("department__name", "full_name", "id")


def hazards_for_source(source):
    """The hazards raised by one record (an inspection item, a drill, an incident action)."""
    return Hazard.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk).order_by(
        "created_at", "id"
    )


def hazards_raised_by(*, user, sources) -> dict:
    """The hazards raised by these records (all of one model: drill problems, incident actions), as
    ``{source pk: [hazard, …]}`` in two queries; each hazard carries ``visible``, whether ``user`` may
    open it (the page links it, or shows only its number). ``templates/hazards/inc/raised.html`` shows
    them the same way on every source's page."""
    sources = [s for s in sources if s is not None and s.pk is not None]
    if not sources:
        return {}
    content_type = ContentType.objects.get_for_model(sources[0])
    hazards = list(
        Hazard.objects.filter(source_type=content_type, source_id__in=[s.pk for s in sources]).order_by(
            "created_at", "id"
        )
    )
    visible = set(hazard_list(user=user).filter(pk__in=[h.pk for h in hazards]).values_list("pk", flat=True))
    raised: dict = {}
    for hazard in hazards:
        hazard.visible = hazard.pk in visible
        raised.setdefault(hazard.source_id, []).append(hazard)
    return raised


def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(status__in=Hazard.DEADLINE_STATUSES, deadline__lt=today)


def _urgent(qs):
    return qs.order_by("deadline", "created_at", "id")


def my_work(*, user) -> dict:
    """Per kind of work, the hazards waiting for this user, most urgent first (querysets, unevaluated)."""
    base = hazard_list(user=user)
    work = {}
    if is_officer(user):
        work["assess"] = base.filter(status=Hazard.Status.REPORTED).order_by("created_at", "id")
        # Whoever rectified a hazard does not verify it.
        work["verify"] = _urgent(base.filter(status=Hazard.Status.SIGNED_OFF).exclude(rectified_by=user))
    headed = list(user.headed_department_ids)
    plan_filter = Q(status=Hazard.Status.ASSESSED)
    if not is_officer(user):
        plan_filter &= Q(department_id__in=headed)
    if is_officer(user) or headed:
        work["plan"] = _urgent(base.filter(plan_filter))
    work["rectify"] = _urgent(base.filter(status=Hazard.Status.RECTIFYING, responsible_person=user))
    # Heads sign off their departments' rectifications except their own; those go up to management.
    sign_off = []
    if headed:
        sign_off.append(Q(department_id__in=headed) & ~Q(rectified_by=user))
    if is_management(user):
        sign_off.append(Q(rectified_by_id=F("department__head_id")))
    if sign_off:
        work["sign_off"] = _urgent(base.filter(reduce(or_, sign_off), status=Hazard.Status.RECTIFIED))
    return work


# Work queues are named by what is waiting for the user ("to assess"), not by the state reached.
MY_WORK_LABELS = {
    "assess": _("To assess"),
    "plan": _("To plan"),
    "rectify": _("To rectify"),
    "sign_off": _("To sign off"),
    "verify": _("To verify"),
}


def site_q(site):
    """Hazards at a site: in one of its areas, or found there without an area."""
    return Q(area__floor__site=site) | Q(area__isnull=True, site=site)


def _fold(total: dict, cell: dict) -> dict:
    """Add a risk-map cell (count, overdue, highest level) into a running total."""
    total["count"] += cell["count"]
    total["overdue"] += cell["overdue"]
    if Hazard.RISK_ORDER.get(cell["level"], 0) > Hazard.RISK_ORDER.get(total["level"], 0):
        total["level"] = cell["level"]
    return total


def _cell():
    return {"count": 0, "level": "", "overdue": 0}


def risk_map(*, user, expand=None):
    """Open hazards per site and area, with the highest risk level of each, for the risk map.

    Every open hazard is counted once: in its area's cell; in its site's "no area" cell when it was
    found at a site without an area (or its area is no longer in use); otherwise among the unplaced.

    Counted by the database, grouped by area, site, risk level and overdue (issue 12). ``expand``: the
    ids of the sites whose area cells are listed (``None``: every site); the others show their totals,
    which the page opens one at a time — a company of 1,200 areas is not one page of 1,200 cells."""
    from apps.organization.models import Area, Site

    today = timezone.localdate()
    by_area: dict[int, dict] = {}
    by_site: dict[int, dict] = {}
    unplaced = _cell()
    rows = (
        hazard_list(user=user)
        .filter(status__in=Hazard.OPEN_STATUSES)
        .order_by()
        .annotate(
            is_overdue=Case(
                When(status__in=Hazard.DEADLINE_STATUSES, deadline__lt=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .values_list("area_id", "site_id", "risk_level", "is_overdue")
        .annotate(n=Count("id"))
    )
    for area_id, site_id, level, overdue, n in rows:
        one = {"count": n, "level": level, "overdue": n if overdue else 0}
        if area_id is not None:
            _fold(by_area.setdefault(area_id, _cell()), one)
        elif site_id is not None:
            _fold(by_site.setdefault(site_id, _cell()), one)
        else:
            _fold(unplaced, one)
    sites: dict[int, dict] = {}

    def entry_for(site):
        return sites.setdefault(site.pk, {"site": site, "areas": [], "site_level": None, "expanded": False, **_cell()})

    site_objects = {site.pk: site for site in Site.objects.all()}
    active = Area.objects.filter(is_active=True)
    for area_id, site_id in active.order_by(
        "floor__site__name", "floor__site_id", "floor__level", "name", "id"
    ).values_list("pk", "floor__site_id"):
        entry = entry_for(site_objects[site_id])
        cell = by_area.pop(area_id, _cell())
        _fold(entry, cell)
        if expand is None or site_id in expand:
            entry["expanded"] = True
            entry.setdefault("cells", {})[area_id] = cell
    shown = [e for e in sites.values() if e["expanded"]]
    if shown:
        objects = active.filter(pk__in=[a for e in shown for a in e["cells"]]).select_related(
            "floor__site", "department"
        )
        objects = {a.pk: a for a in objects}
        for entry in shown:
            entry["areas"] = [{"area": objects[a], **cell} for a, cell in entry.pop("cells").items()]
    for area in Area.objects.filter(pk__in=by_area).select_related("floor"):  # areas no longer in use
        _fold(by_site.setdefault(area.floor.site_id, _cell()), by_area[area.pk])
    for site_id in sorted(by_site, key=lambda pk: (site_objects[pk].name, pk)):
        entry = entry_for(site_objects[site_id])
        entry["site_level"] = by_site[site_id]
        _fold(entry, by_site[site_id])
    return {"sites": list(sites.values()), "unplaced": unplaced if unplaced["count"] else None}
