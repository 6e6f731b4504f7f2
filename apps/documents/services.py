"""Every change to controlled documents and acknowledgement campaigns (R2.2.1).

Version moves go through the workflow (``workflow.py``): the services add their validation and side
effects. Approving a version supersedes the one in force in the same transaction (the document row is
locked first, so two approvals of one document queue up) and, for the regulation, loads the approved
text as the new edition (``apps.regulation.services.edition_load``; clause mappings survive by id).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core import uploads
from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.i18n_messages import lazy_display
from apps.core.permissions import require
from apps.core.selectors import attachments_for
from apps.core.services import attachment_add, timeline_record
from apps.notifications.services import notify, notify_many
from apps.organization.selectors import management, safety_officers
from apps.regulation.services import edition_load, parse_clauses_text

from . import selectors
from .models import Acknowledgement, Campaign, Document, DocumentVersion
from .workflow import CAMPAIGN_FLOW, FLOW

S = DocumentVersion.Status
BODY_ROLE = "body"
BODY_KINDS = frozenset({uploads.PDF, uploads.OFFICE})
REVIEW_REMIND_DAYS = 30
CAMPAIGN_REMIND_DAYS = 3


def _officers():
    return list(safety_officers())


def _management():
    return list(management())


# --- documents ---------------------------------------------------------------------------------------


def document_create(
    *, user, number: str, title: str, title_zh: str = "", category: str, owner_department=None, clauses=()
) -> Document:
    """A new controlled document with its first draft version (written by ``user``)."""
    require(user, "documents.add_document")
    number = (number or "").strip()
    if not number or not (title or "").strip():
        raise ApplicationError(_("A document needs a number and a title."))
    if category not in Document.Category.values:
        raise ApplicationError(_("Choose a category."))
    probe = Document(category=category, owner_department=owner_department)
    if not user.has_perm("documents.change_document", probe):
        raise NotAllowed(_("You may write documents only for a department you head."))
    with transaction.atomic():
        if Document.objects.filter(number__iexact=number).exists():
            raise ApplicationError(_("Document number %(number)s is taken.") % {"number": number})
        document = Document.objects.create(
            number=number, title=title.strip(), title_zh=(title_zh or "").strip(), category=category,
            owner_department=owner_department,
        )  # fmt: skip
        document.clauses.set(clauses)
        version = DocumentVersion.objects.create(document=document, number=1, prepared_by=user)
        FLOW.start(version, "draft", user=user)
    return document


def document_update(*, user, document: Document, title: str, title_zh: str = "", owner_department=None, clauses=()):
    require(user, "documents.change_document", document)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        document.title, document.title_zh = title.strip(), (title_zh or "").strip()
        document.owner_department = owner_department
        document.save(update_fields=["title", "title_zh", "owner_department", "updated_at"])
        document.clauses.set(clauses)
    return document


def version_draft_next(*, user, document: Document) -> DocumentVersion:
    """The next version as a draft, starting from the newest version's content."""
    require(user, "documents.change_document", document)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.versions.filter(status__in=[S.DRAFT, S.UNDER_REVIEW]).exists():
            raise Conflict(_("This document already has a version being written or reviewed; finish that one."))
        latest = document.versions.order_by("-number").first()
        draft = DocumentVersion.objects.create(
            document=document,
            number=(latest.number + 1) if latest else 1,
            prepared_by=user,
            body_kind=latest.body_kind if latest else DocumentVersion.Body.TEXT,
            body=latest.body if latest else "",
            body_zh=latest.body_zh if latest else "",
            structured=latest.structured if latest else "",
        )
        FLOW.start(draft, "draft", user=user)
        for hook in _draft_hooks:
            hook(previous=latest, draft=draft)
    return draft


# Higher modules that keep more content with a version (emergency: the plan's steps) copy it here.
_draft_hooks: list = []


def register_on_draft(callback):
    """``callback(*, previous, draft)``, called inside the transaction that drafts a new version."""
    if callback not in _draft_hooks:
        _draft_hooks.append(callback)
    return callback


def version_update(
    *,
    user,
    version: DocumentVersion,
    body_kind: str,
    body: str = "",
    body_zh: str = "",
    structured: str = "",
    change_note: str = "",
    effective_date: datetime.date | None = None,
    review_date: datetime.date | None = None,
    upload=None,
) -> DocumentVersion:
    """Change a draft's content. An uploaded body must be a PDF, Word or Excel file (by content)."""
    require(user, "documents.change_document", version.document)
    if body_kind not in DocumentVersion.Body.values:
        raise ApplicationError(_("Choose how the document is written."))
    if review_date and effective_date and review_date <= effective_date:
        raise ApplicationError(_("The review date must come after the effective date."))
    if version.document.category == Document.Category.REGULATION:
        parse_clauses_text(structured)  # refuses a bad line now, not at approval
    with transaction.atomic():
        version = FLOW.lock(version, states=[S.DRAFT], refused=_("Only a draft can be changed; start a new version."))
        version.body_kind, version.body, version.body_zh = body_kind, body or "", body_zh or ""
        version.structured, version.change_note = structured or "", (change_note or "")[:300]
        version.effective_date, version.review_date = effective_date, review_date
        version.save()
        if upload is not None:
            try:
                attachment_add(subject=version, upload=upload, user=user, role=BODY_ROLE, allowed=BODY_KINDS)
            except ValidationError as exc:
                raise ApplicationError(" ".join(exc.messages)) from exc
            old = list(attachments_for(version, role=BODY_ROLE).order_by("-created_at", "-id")[1:])
            for att in old:
                att.file.delete(save=False)
                att.delete()
    return version


def _check_ready(version):
    for check in _ready_checks:
        check(version)
    if not version.effective_date:
        raise ApplicationError(_("Set the effective date first."))
    if version.body_kind == DocumentVersion.Body.FILE and not attachments_for(version, role=BODY_ROLE).exists():
        raise ApplicationError(_("Upload the document's file first."))
    has_text = bool(version.body.strip() or version.body_zh.strip())
    empty_text = version.body_kind == DocumentVersion.Body.TEXT and not has_text
    if empty_text and version.document.category != Document.Category.REGULATION:
        raise ApplicationError(_("Write the document's text first."))
    if version.document.category == Document.Category.REGULATION and not parse_clauses_text(version.structured):
        raise ApplicationError(_("The regulation needs its clauses."))


# Higher modules check content they keep with a version (emergency: a plan version needs steps).
_ready_checks: list = []


def register_ready_check(callback):
    """``callback(version)``, raising ApplicationError when the version is not ready for approval; run
    before a version is submitted and again before it is approved."""
    if callback not in _ready_checks:
        _ready_checks.append(callback)
    return callback


def _tell(version, *, recipients, key: str, text, body=""):
    """One message about a version: "<AQ-GL-001 v2> <text>", linking to the version."""
    notify(
        recipients=recipients,
        key=f"document-version:{version.pk}:{key}",
        subject=format_lazy("{label} {text}", label=version.label, text=text),
        body=body,
        url=version.get_absolute_url(),
    )


def version_submit(*, documentversion: DocumentVersion, user, comment: str = "") -> DocumentVersion:
    version = documentversion

    def ask_management(v):
        key = f"submitted:{v.submitted_at:%Y%m%d%H%M%S}"
        _tell(v, recipients=_management(), key=key, text=gettext_lazy("is waiting for your approval"))

    FLOW.apply(version, "submit", user=user, comment=comment, apply=_check_ready, on_commit=ask_management)
    return version


def version_return(*, documentversion: DocumentVersion, user, comment: str) -> DocumentVersion:
    version = documentversion

    def tell_author(v):
        key = f"returned:{timezone.now():%Y%m%d%H%M%S}"
        _tell(v, recipients=[v.prepared_by], key=key, text=gettext_lazy("was returned to you"), body=comment)

    FLOW.apply(version, "return", user=user, comment=comment, on_commit=tell_author)
    return version


def version_approve(*, documentversion: DocumentVersion, user, comment: str = "") -> DocumentVersion:
    """Management approves: the version comes into force and the one in force before is superseded
    (kept readable). The regulation's approved text becomes the regulation's new edition."""
    version = documentversion

    def apply(v):
        _check_ready(v)
        document = Document.objects.select_for_update().get(pk=v.document_id)
        now = timezone.now()
        for old in DocumentVersion.objects.select_for_update().filter(document=document, status=S.APPROVED):
            old.status, old.superseded_at = S.SUPERSEDED, now
            old.save(update_fields=["status", "superseded_at", "updated_at"])
            timeline_record(
                subject=old, actor=user, action=gettext_noop("Superseded"), from_state=S.APPROVED,
                to_state=S.SUPERSEDED, comment=v.label,
            )  # fmt: skip
        document.current_version = v
        document.save(update_fields=["current_version", "updated_at"])
        if document.category == Document.Category.REGULATION:
            edition_load(
                clauses=parse_clauses_text(v.structured), label=f"v{v.number}", title=document.title,
                title_zh=document.title_zh, effective_date=v.effective_date, user=user,
                source_url=v.get_absolute_url(),
            )  # fmt: skip

    def tell_author(v):
        _tell(v, recipients=[v.prepared_by], key="approved", text=gettext_lazy("was approved and is in force"))

    FLOW.apply(version, "approve", user=user, comment=comment, apply=apply, on_commit=tell_author)
    return version


def version_withdraw(*, documentversion: DocumentVersion, user, comment: str) -> DocumentVersion:
    """Management withdraws the version in force: nothing is in force any more, its campaigns close."""
    version = documentversion

    def apply(v):
        Document.objects.select_for_update().filter(pk=v.document_id, current_version=v).update(
            current_version=None, updated_at=timezone.now()
        )
        Campaign.objects.filter(version=v, status=Campaign.Status.OPEN).update(
            status=Campaign.Status.CLOSED, updated_at=timezone.now()
        )

    FLOW.apply(version, "withdraw", user=user, comment=comment, apply=apply)
    return version


# --- campaigns ----------------------------------------------------------------------------------------


def campaign_start(
    *, user, version: DocumentVersion, due_date: datetime.date, everyone: bool = False,
    departments=(), posts=(), sites=(), title: str = "",
) -> Campaign:  # fmt: skip
    """Ask everyone in scope to read ``version`` (in force) and acknowledge it by ``due_date``."""
    require(user, "documents.manage_campaigns")
    if not everyone and not (departments or posts or sites):
        raise ApplicationError(_("Choose who must acknowledge: everyone, or departments, posts or sites."))
    if due_date < timezone.localdate():
        raise ApplicationError(_("The due date cannot be in the past."))
    with transaction.atomic():
        version = FLOW.lock(version, states=[S.APPROVED], refused=_("Only a version in force can be acknowledged."))
        campaign = Campaign.objects.create(
            version=version, title=(title or "").strip()[:200], everyone=bool(everyone), due_date=due_date,
            created_by=user,
        )  # fmt: skip
        campaign.departments.set(departments)
        campaign.posts.set(posts)
        campaign.sites.set(sites)
        CAMPAIGN_FLOW.start(campaign, "start", user=user)

    def announce(c):
        notify_many(
            recipients=selectors.campaign_people(c),
            key=f"campaign:{c.pk}:start",
            subject=format_lazy(
                "{text} {label}", text=gettext_lazy("Please read and acknowledge"), label=c.version.label
            ),
            body=format_lazy(
                "{title} · {due}", title=lazy_display(c.version.document, "display_title"), due=c.due_date
            ),
            url=c.get_absolute_url(),
        )

    transaction.on_commit(lambda: _guard(announce, campaign))
    return campaign


def _guard(fn, *args):
    import logging

    try:
        fn(*args)
    except Exception:
        logging.getLogger(__name__).exception("documents: side effect failed; the reminder job will catch up")


def campaign_close(*, user, campaign: Campaign) -> Campaign:
    require(user, "documents.manage_campaigns")
    return CAMPAIGN_FLOW.apply(campaign, "close", user=user)


def acknowledge(*, user, campaign: Campaign) -> Acknowledgement:
    """``user`` read the campaign's version: record who, when and which version (once)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_related("version__document").get(pk=campaign.pk)
        version = FLOW.lock(
            campaign.version,
            states=[S.APPROVED],
            refused=lambda v: (
                _("%(label)s is no longer in force (%(status)s); it cannot be acknowledged.")
                % {"label": v.label, "status": v.get_status_display()}
            ),
        )
        campaign = CAMPAIGN_FLOW.lock(campaign, states=[Campaign.Status.OPEN], refused=_("This campaign is closed."))
        if not selectors.campaign_people(campaign).filter(pk=user.pk).exists():
            raise NotAllowed(_("This document is not addressed to you."))
        try:
            with transaction.atomic():
                ack = Acknowledgement.objects.create(campaign=campaign, person=user, version=version)
        except IntegrityError:
            raise Conflict(_("You have already acknowledged this document.")) from None
    return ack


# --- reminders (set-based) -------------------------------------------------------------------------------


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Daily: chase whoever has not acknowledged an open campaign due within a few days or overdue (once
    a day each, one insert per batch of people), and tell each document's owner when it is past its
    review date. Queries per campaign and per document, never per person."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + datetime.timedelta(days=CAMPAIGN_REMIND_DAYS)
    campaigns = Campaign.objects.filter(status=Campaign.Status.OPEN, due_date__lte=horizon).select_related(
        "version__document"
    )
    for campaign in campaigns:
        overdue = campaign.due_date < today
        sent += notify_many(
            recipients=selectors.campaign_pending(campaign),
            key=f"campaign:{campaign.pk}:remind:{today:%Y%m%d}",
            subject=format_lazy(
                "{text} {label}",
                text=gettext_lazy("Overdue: please acknowledge")
                if overdue
                else gettext_lazy("Reminder: please acknowledge"),
                label=campaign.version.label,
            ),
            body=format_lazy(
                "{title} · {due}", title=lazy_display(campaign.version.document, "display_title"), due=campaign.due_date
            ),
            url=campaign.get_absolute_url(),
        )
    for version in selectors.versions_due_for_review(today=today, within_days=REVIEW_REMIND_DAYS):
        head = version.document.owner_department.head if version.document.owner_department_id else None
        recipients = [p for p in (head, version.approved_by) if p is not None] or _officers()
        past = version.review_date < today
        text = gettext_lazy("is past its review date") if past else gettext_lazy("is due for review soon")
        key = f"review:{version.review_date:%Y%m%d}:{'past' if past else 'soon'}"
        _tell(version, recipients=recipients, key=key, text=text)
        sent += 1
    return sent
