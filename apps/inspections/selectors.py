"""Reads, already scoped to what the user may see and joined for what the pages show."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.core.models import Attachment
from apps.core.permissions import department_scope, is_company_wide, is_officer, is_safety_officer
from apps.organization.models import Area, Department

from .models import (
    ApplianceRequest,
    ChecklistTemplate,
    ClauseGroup,
    Equipment,
    Inspection,
    InspectionPlan,
    InspectionResult,
    InspectorRole,
    PlanLine,
    TemplateItem,
    TemplateSection,
    Visit,
)

OPEN = (Inspection.Status.SCHEDULED, Inspection.Status.IN_PROGRESS)


# --- templates ------------------------------------------------------------------------------------


def template_list(*, include_old: bool = False):
    qs = ChecklistTemplate.objects.annotate(item_count=Count("items", distinct=True)).order_by(
        "group", "code", "-version", "id"
    )
    return qs if include_old else qs.filter(is_current=True)


def template_with_content(template: ChecklistTemplate):
    """The template's sections with their items (two queries)."""
    return template.sections.prefetch_related(
        Prefetch("items", queryset=TemplateItem.objects.order_by("position", "id"))
    )


def template_versions(template: ChecklistTemplate):
    return ChecklistTemplate.objects.filter(code=template.code).order_by("-version")


# --- plans and coverage ---------------------------------------------------------------------------


def plan_list():
    return (
        InspectionPlan.objects.select_related("approved_by", "created_by")
        .annotate(line_count=Count("lines", distinct=True))
        .order_by("-year", "id")
    )


def plan_lines(plan: InspectionPlan):
    return (
        plan.lines.select_related(
            "template", "area__floor__site", "area__department__head", "site", "department__head", "inspector"
        )
        .annotate(inspection_count=Count("inspections", distinct=True))
        .order_by("id")
    )


def coverage_report(*, year: int) -> dict:
    """Every active area and every department against the six clause groups: is it in the year's plan?

    An area is covered for a group when a plan line of that group names the area, its site or its
    department. A department is covered when a line names it, or when it has areas and all are covered.
    """
    groups = list(ClauseGroup)
    lines = list(
        PlanLine.objects.filter(plan__year=year)
        .select_related("template")
        .only("area_id", "site_id", "department_id", "template__group")
    )
    by_area, by_site, by_dept = defaultdict(set), defaultdict(set), defaultdict(set)
    for line in lines:
        group = line.template.group
        if line.area_id:
            by_area[line.area_id].add(group)
        elif line.site_id:
            by_site[line.site_id].add(group)
        else:
            by_dept[line.department_id].add(group)

    areas = Area.objects.filter(is_active=True).select_related("floor__site", "department")
    area_rows, dept_area_groups = [], defaultdict(list)
    for area in areas:
        covered = by_area[area.pk] | by_site[area.floor.site_id] | by_dept.get(area.department_id, set())
        cells = [(g, g.value in covered) for g in groups]
        area_rows.append({"object": area, "cells": cells, "gaps": sum(1 for _g, ok in cells if not ok)})
        if area.department_id:
            dept_area_groups[area.department_id].append(covered)
    dept_rows = []
    for dept in Department.objects.all():
        area_sets = dept_area_groups.get(dept.pk, [])
        cells = []
        for g in groups:
            ok = g.value in by_dept.get(dept.pk, set()) or (bool(area_sets) and all(g.value in s for s in area_sets))
            cells.append((g, ok))
        dept_rows.append({"object": dept, "cells": cells, "gaps": sum(1 for _g, ok in cells if not ok)})
    return {
        "groups": groups,
        "areas": area_rows,
        "departments": dept_rows,
        "gap_count": sum(r["gaps"] for r in area_rows) + sum(r["gaps"] for r in dept_rows),
        "has_plan": InspectionPlan.objects.filter(year=year).exists(),
    }


# --- inspections ----------------------------------------------------------------------------------


def assigned_to(user) -> Q:
    """Inspections that are the user's to do: named to them, or waiting on a role they hold (any safety
    officer; the head of the inspected department)."""
    q = Q(inspector=user)
    unclaimed = Q(inspector__isnull=True)
    if is_safety_officer(user):
        q |= unclaimed & Q(inspector_role=InspectorRole.SAFETY_OFFICER)
    headed = user.headed_department_ids if user.is_authenticated else []
    if headed:
        q |= (
            unclaimed
            & Q(inspector_role=InspectorRole.DEPARTMENT_HEAD)
            & (Q(department_id__in=headed) | Q(area__department_id__in=headed))
        )
    return q


def inspections_visible(*, user):
    """One inspection's page and moves: those the user may see (as :func:`inspection_list` scopes them)."""
    qs = Inspection.objects.select_related(
        "template", "area__floor__site", "area__department", "site", "department", "inspector", "plan_line"
    )
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(Q(inspector=user) | Q(department_id__in=scope) | Q(area__department_id__in=scope))
    return qs


def inspection_list(*, user, filters: dict | None = None):
    """Inspections the user may see: all for officers and management; otherwise their own and those
    of the departments they head."""
    qs = (
        Inspection.objects.select_related(
            "template", "area__floor__site", "area__department", "site", "department", "inspector"
        )
        .annotate(
            # A subquery per row, not a join grouped over every result: the database counts the failed items
            # of the page's rows only, and the paginator's count needs no grouping (issue 12).
            failed_count=Coalesce(
                Subquery(
                    InspectionResult.objects.filter(inspection=OuterRef("pk"), outcome=InspectionResult.Outcome.FAIL)
                    .values("inspection")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
            finished_last=Case(When(status=Inspection.Status.FINISHED, then=Value(1)), default=Value(0)),
        )
        .order_by("finished_last", "due_date", "id")
    )
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(Q(inspector=user) | Q(department_id__in=scope) | Q(area__department_id__in=scope))
    return inspections_filtered(qs, user=user, filters=filters)


def inspections_filtered(qs, *, user, filters: dict | None = None):
    """Narrow a list of inspections: ``status`` (a state, or "overdue"), ``mine`` (assigned to the user,
    see :func:`assigned_to`) and ``q`` (checklist, area or inspector). ``filters.InspectionFilter`` parses
    and bounds the values from a query string."""
    filters = filters or {}
    if filters.get("status") == "overdue":
        qs = qs.filter(status__in=OPEN, due_date__lt=timezone.localdate())
    elif filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("mine"):
        qs = qs.filter(assigned_to(user))
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(
            Q(template__name__icontains=q)
            | Q(template__name_zh__icontains=q)
            | Q(area__name__icontains=q)
            | Q(area__name_zh__icontains=q)
            | Q(inspector__full_name__icontains=q)
        )
    return qs


def inspections_for_inspector(*, user, today: datetime.date | None = None) -> dict:
    """The inspector's home panel: due today and overdue, including those waiting on a role the user holds."""
    today = today or timezone.localdate()
    qs = Inspection.objects.filter(assigned_to(user), status__in=OPEN).select_related(
        "template", "area__floor__site", "site", "department"
    )
    return {
        "today": list(qs.filter(due_date=today)[:10]),
        "overdue": list(qs.filter(due_date__lt=today).order_by("due_date", "id")[:10]),
        "overdue_count": qs.filter(due_date__lt=today).count(),
    }


def inspection_sections(inspection: Inspection) -> list[dict]:
    """Sections with their result rows, each row with its item, hazard and photos: a constant number of queries."""
    results = list(
        inspection.results.select_related("item__section", "hazard").order_by(
            "item__section__position", "item__position", "id"
        )
    )
    photos = result_photos(results)
    sections: list[dict] = []
    current = None
    for result in results:
        result.photos = photos.get(result.pk, [])
        if current is None or current["section"].pk != result.item.section_id:
            current = {"section": result.item.section, "results": []}
            sections.append(current)
        current["results"].append(result)
    return sections


def result_photos(results) -> dict[int, list[Attachment]]:
    ids = [r.pk for r in results]
    if not ids:
        return {}
    ct = ContentType.objects.get_for_model(InspectionResult)
    photos = defaultdict(list)
    for att in Attachment.objects.filter(content_type=ct, object_id__in=ids).order_by("created_at", "id"):
        photos[att.object_id].append(att)
    return photos


def template_preview_sections(template: ChecklistTemplate):
    return TemplateSection.objects.filter(template=template).prefetch_related("items")


# --- equipment ------------------------------------------------------------------------------------


def equipment_list(*, user, filters: dict | None = None):
    qs = Equipment.objects.select_related("area__floor__site", "area__department")
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(area__department_id__in=scope)
    filters = filters or {}
    today = timezone.localdate()
    state = filters.get("state")
    if state == "due":
        qs = qs.filter(is_active=True, next_check_due__lte=today)
    elif state == "expired":
        qs = qs.filter(is_active=True, expires_on__lte=today)
    elif state == "attention":
        qs = qs.filter(Q(next_check_due__lte=today) | Q(expires_on__lte=today), is_active=True)
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(
            Q(code__icontains=q)
            | Q(serial_number__icontains=q)
            | Q(area__name__icontains=q)
            | Q(area__name_zh__icontains=q)
        )
    return qs


def equipment_needing_attention(*, user, within_days: int = 7):
    """Checks due within a week, or expired: the officer's home panel and the due list."""
    limit = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        equipment_list(user=user)
        .filter(Q(next_check_due__lte=limit) | Q(expires_on__lte=limit), is_active=True)
        .order_by("next_check_due", "id")
    )


# --- appliances -----------------------------------------------------------------------------------


def appliance_request_list(*, user):
    qs = ApplianceRequest.objects.select_related("requester", "area__floor__site", "decided_by")
    if is_officer(user) or is_company_wide(user):
        return qs
    return qs.filter(requester=user)


def approved_appliances_by_area():
    """Approved appliances grouped by area, for the per-area list (visible to everyone)."""
    qs = (
        ApplianceRequest.objects.filter(status=ApplianceRequest.Status.APPROVED)
        .select_related("area__floor__site", "requester", "decided_by")
        .order_by("area__floor__site__name", "area__name", "appliance", "id")
    )
    grouped: dict = {}
    for req in qs:
        grouped.setdefault(req.area, []).append(req)
    return grouped


# --- visitors -------------------------------------------------------------------------------------


def visits_for(*, user):
    """The visits the user may see (rules ``inspections.view_visit``, as a query)."""
    qs = Visit.objects.select_related("host", "area__floor__site", "registered_by", "signed_out_by")
    if user.has_perm("inspections.view_whole_visitor_log"):
        return qs
    return qs.filter(Q(host=user) | Q(registered_by=user) | Q(area__department_id__in=list(user.headed_department_ids)))


def visits_on_site(*, user):
    return visits_for(user=user).filter(signed_out_at__isnull=True)


def visit_log(*, user, filters: dict | None = None):
    qs = visits_for(user=user)
    filters = filters or {}
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(
            Q(visitor_name__icontains=q)
            | Q(organisation__icontains=q)
            | Q(badge_number__icontains=q)
            | Q(host__full_name__icontains=q)
        )
    if filters.get("day"):
        qs = qs.filter(signed_in_at__date=filters["day"])
    return qs


def inspections_for_calendar(*, person, since):
    """The person's own inspections due from ``since`` on (for the personal iCalendar feed)."""
    return (
        Inspection.objects.filter(inspector=person, due_date__gte=since)
        .exclude(status=Inspection.Status.FINISHED)
        .select_related("template", "area__floor__site", "site", "department")
        .order_by("due_date", "id")
    )
