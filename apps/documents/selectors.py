"""Reads of controlled documents and campaigns, already scoped to what the user may see.

Who is in a campaign's scope is computed live from the organisation, never copied: a person who joins
a department (or post, or a department on a site) in scope is included from that moment, somebody who
leaves drops out, and every count is one ``COUNT`` over the same query — exact by construction, with no
hook to keep in step. The price is a join per count, which the indexes on department and post carry.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from apps.core.permissions import is_company_wide
from apps.core.selectors import attachments_for
from apps.organization.models import Area, Department

from .models import Acknowledgement, Campaign, Document, DocumentVersion

S = DocumentVersion.Status


def document_list(*, user, department=None):
    """Documents with their version in force; drafts-only documents are listed for those who may see them
    (the list page filters them further with ``filters.DocumentFilter``)."""
    qs = Document.objects.select_related("owner_department", "current_version")
    if not is_company_wide(user):
        qs = qs.filter(Q(current_version__isnull=False) | Q(owner_department_id__in=user.headed_department_ids))
    if department is not None:
        qs = qs.filter(owner_department=department)
    return qs.order_by("number", "id")


def version_history(document):
    return document.versions.select_related("prepared_by", "submitted_by", "approved_by", "withdrawn_by").order_by(
        "-number", "-id"
    )


def version_list(*, user):
    """Versions the user may open: everyone reads versions that were in force; drafts and versions under
    review are for the company-wide roles and the head of the owner department."""
    qs = DocumentVersion.objects.select_related("document__owner_department", "prepared_by", "approved_by")
    if is_company_wide(user):
        return qs
    return qs.filter(
        Q(status__in=[S.APPROVED, S.SUPERSEDED, S.WITHDRAWN])
        | Q(document__owner_department_id__in=user.headed_department_ids)
        | Q(prepared_by=user)
    )


def body_file(version):
    return attachments_for(version, role="body").order_by("-created_at", "-id").first()


def versions_due_for_review(*, today: datetime.date, within_days: int):
    return (
        DocumentVersion.objects.filter(status=S.APPROVED, review_date__lte=today + datetime.timedelta(days=within_days))
        .select_related("document__owner_department__head", "approved_by")
        .order_by("review_date", "id")
    )


# --- campaigns -------------------------------------------------------------------------------------------


def scope_q(campaign) -> Q:
    """People in the campaign's scope, as a filter on users (no join multiplies rows)."""
    if campaign.everyone:
        return Q()
    q = Q(pk__in=[])
    dept_ids = list(campaign.departments.values_list("pk", flat=True))
    post_ids = list(campaign.posts.values_list("pk", flat=True))
    site_ids = list(campaign.sites.values_list("pk", flat=True))
    if dept_ids:
        q |= Q(department_id__in=dept_ids)
    if post_ids:
        q |= Q(post_id__in=post_ids)
    if site_ids:
        q |= Q(department_id__in=Area.objects.filter(floor__site_id__in=site_ids).values("department_id"))
    return q


def campaign_people(campaign):
    return get_user_model().objects.filter(scope_q(campaign), is_active=True)


def _acked(campaign):
    return Exists(Acknowledgement.objects.filter(campaign=campaign, person=OuterRef("pk")))


def campaign_pending(campaign, *, department_ids=None):
    qs = campaign_people(campaign).filter(~_acked(campaign))
    if department_ids is not None:
        qs = qs.filter(department_id__in=department_ids)
    return qs.select_related("department", "post").order_by("department__name", "full_name", "id")


def campaign_counts(campaign, *, department_ids=None) -> dict:
    qs = campaign_people(campaign)
    if department_ids is not None:
        qs = qs.filter(department_id__in=department_ids)
    row = qs.annotate(acked=_acked(campaign)).aggregate(total=Count("pk"), done=Count("pk", filter=Q(acked=True)))
    row["pending"] = row["total"] - row["done"]
    row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 100
    return row


def campaign_by_department(campaign) -> list[dict]:
    """Per department of the people in scope: total, done, pending, percent (ordered by name, then id; no
    department last). Grouped by the department id alone and the names read after (two queries): grouping
    by the joined names made PostgreSQL sort all 50 k people where hashing by id keeps a few hundred groups."""
    rows = list(
        campaign_people(campaign)
        .annotate(acked=_acked(campaign))
        .order_by()
        .values("department_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(acked=True)))
    )
    names = {
        d["pk"]: d
        for d in Department.objects.filter(pk__in=[r["department_id"] for r in rows if r["department_id"]]).values(
            "pk", "name", "name_zh"
        )
    }
    for row in rows:
        d = names.get(row["department_id"], {})
        row["department__name"], row["department__name_zh"] = d.get("name"), d.get("name_zh")
        row["pending"] = row["total"] - row["done"]
        row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 100
    rows.sort(key=lambda r: (r["department__name"] is None, r["department__name"] or "", r["department_id"] or 0))
    return rows


def counts_of(rows) -> dict:
    """The totals of :func:`campaign_by_department`'s rows (everyone in scope is in exactly one row): what
    :func:`campaign_counts` answers for the whole scope, without counting the people a second time."""
    row = {"total": sum(r["total"] for r in rows), "done": sum(r["done"] for r in rows)}
    row["pending"] = row["total"] - row["done"]
    row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 100
    return row


def campaign_list(*, user):
    qs = Campaign.objects.select_related("version__document", "created_by").order_by("-created_at", "-id")
    if is_company_wide(user) or user.is_department_head:
        return qs
    return qs.filter(pk__in=[c.pk for c in campaigns_for(user=user, include_done=True)])


def campaigns_for(*, user, include_done: bool = False):
    """Open campaigns addressed to ``user`` (not yet acknowledged unless ``include_done``); one query."""
    in_scope = Q(everyone=True)
    if user.department_id:
        sites = Area.objects.filter(department_id=user.department_id).values("floor__site_id")
        in_scope |= Q(departments=user.department_id) | Q(sites__in=sites)
    if user.post_id:
        in_scope |= Q(posts=user.post_id)
    qs = Campaign.objects.filter(in_scope, status=Campaign.Status.OPEN, version__status=S.APPROVED)
    if not include_done:
        qs = qs.exclude(acknowledgements__person=user)
    return (
        Campaign.objects.filter(pk__in=qs.values("pk")).select_related("version__document").order_by("due_date", "id")
    )


def acknowledgement_of(*, campaign, user):
    return Acknowledgement.objects.filter(campaign=campaign, person=user).select_related("version").first()


def campaign_export_rows(campaign):
    """Everyone in scope with their acknowledgement (streamed)."""
    acks = Acknowledgement.objects.filter(campaign=campaign, person=OuterRef("pk"))

    people = (
        campaign_people(campaign)
        .annotate(
            acked_at=Subquery(acks.values("acknowledged_at")[:1]),
            acked_version=Subquery(acks.values("version__number")[:1]),
        )
        .select_related("department", "post")
        .order_by("department__name", "full_name", "id")
    )
    yield from people.iterator(chunk_size=2000)


def campaign_detail_qs():
    return Campaign.objects.select_related("version__document", "created_by").prefetch_related(
        Prefetch("departments"), "posts", "sites"
    )
