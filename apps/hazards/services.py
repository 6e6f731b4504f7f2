"""Every change to a hazard happens here, one service per step of the closed loop (docs/regulation.md R7.3).

The moves themselves are declared once in ``workflow.py``; each service validates its input, makes its
move with ``FLOW.apply`` (lock the row, check state and permission, apply, save, timeline row) and
names the notifications that follow the commit. Two people clicking at once: the second one waits for
the lock, then finds the hazard already moved and gets a :class:`Conflict` with a clear message.

``hazard_raise`` is the public entry point for other modules (inspections, incidents, emergency).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.permissions import is_officer, require
from apps.core.services import attachment_add, record_number_next
from apps.notifications.models import Notification
from apps.notifications.services import Message, notify, notify_bulk
from apps.organization.selectors import management, safety_officers

from .conf import hazard_setting, risk_level_for
from .models import Hazard
from .workflow import FLOW

# What a message asks of its reader (notify(topic=…)); see notification_still_relevant.
TOPIC_ASSESS, TOPIC_PLAN, TOPIC_RECTIFY = "assess", "plan", "rectify"
TOPIC_SIGN_OFF, TOPIC_VERIFY, TOPIC_DEADLINE = "sign_off", "verify", "deadline"

PHOTO_ROLE_REPORT = "report"
PHOTO_ROLE_EVIDENCE = "evidence"
NUMBER_PREFIX = "YH"  # 隐患


# ---------------------------------------------------------------------------------------------- helpers


def _officers():
    return list(safety_officers())


def _management():
    return list(management())


def _department_head(hazard):
    if hazard.department_id and hazard.department.head_id:
        return hazard.department.head
    return None


def sign_off_recipients(hazard, *, officers=_officers, management=_management) -> list:
    """Who is asked to sign off a rectified hazard: the head of the responsible department; management
    when that head recorded the rectification (separation of duties); the safety officers when the
    department has no active head. ``officers``/``management`` load those lists (called only if needed)."""
    if hazard.sign_off_escalated:
        return management()
    head = _department_head(hazard)
    if head is not None and head.is_active:
        return [head]
    return officers()


def _notify(*, recipients, key, subject, body="", url="", about=None, topic=""):
    recipients = [r for r in recipients if r is not None]
    if recipients:
        notify(recipients=recipients, key=key, subject=subject, body=body, url=url, about=about, topic=topic)


def _subject(hazard, text):
    return format_lazy("{number} {text}", number=hazard.number, text=text)


def _attach(hazard, photos, user, role):
    for upload in photos or ():
        try:
            attachment_add(subject=hazard, upload=upload, user=user, role=role)
        except ValidationError as exc:
            raise ApplicationError(" ".join(exc.messages)) from exc


def _require_text(value, message):
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message)
    return value


def _check_deadline(deadline):
    if deadline is not None and deadline < timezone.localdate():
        raise ApplicationError(_("The deadline cannot be in the past."))


# ---------------------------------------------------------------------------------------------- report


def hazard_raise(
    *,
    title: str,
    description: str,
    reporter,
    area=None,
    location_text: str = "",
    category: str = "",
    source=None,
    photos: Iterable = (),
    is_anonymous: bool = False,
    title_zh: str = "",
    site=None,
    department=None,
) -> Hazard:
    """Create a reported hazard; other modules call this for a failed item, a drill finding, an action.

    Without an area, ``site`` and ``department`` say where it was found (an inspection of a whole site or
    department), so the risk map, the site filter and the department's head see it; ``title_zh`` is the
    title in Chinese when the caller can give both.

    ``source`` is the record that raised it (any model instance); the hazard page links back to it.
    Only requires an active reporter. A bad photo raises ApplicationError and nothing is saved.
    """
    if reporter is None or not reporter.is_active:
        raise NotAllowed(_("Only an active person can report a hazard."))
    title = _require_text(title, _("Say in a few words what the hazard is."))[:200]
    if category and category not in Hazard.Category.values:
        raise ApplicationError(_("Unknown hazard category “%(category)s”.") % {"category": category})
    with transaction.atomic():
        hazard = Hazard(
            number=record_number_next(prefix=NUMBER_PREFIX),
            title=title,
            title_zh=(title_zh or "").strip()[:200],
            description=description or "",
            reporter=reporter,
            is_anonymous=bool(is_anonymous),
            area=area,
            location_text=(location_text or "").strip()[:200],
            category=category or "",
            department_id=area.department_id if area is not None else getattr(department, "pk", None),
            site=area.floor.site if area is not None else site,
        )
        if source is not None:
            hazard.source_type = ContentType.objects.get_for_model(source)
            hazard.source_id = source.pk
        hazard.save()
        _attach(hazard, photos, reporter, PHOTO_ROLE_REPORT)
        FLOW.start(
            hazard,
            "report",
            user=reporter,
            on_commit=lambda h: _notify(
                recipients=_officers(),
                key=f"hazard:{h.pk}:reported",
                subject=_subject(h, gettext_lazy("New hazard reported: please assess it")),
                body=h.title,
                url=h.get_absolute_url(),
                about=h,
                topic=TOPIC_ASSESS,
            ),
        )
    return hazard


def hazard_report(
    *,
    user,
    title: str,
    description: str = "",
    area=None,
    location_text: str = "",
    category: str = "",
    is_anonymous: bool = False,
    photos: Iterable = (),
) -> Hazard:
    """Any employee reports a hazard they saw (the phone form, or a QR poster's link)."""
    require(user, "hazards.add_hazard")
    if area is None and not (location_text or "").strip():
        raise ApplicationError(_("Say where the hazard is: choose an area or describe the place."))
    return hazard_raise(
        title=title,
        description=description,
        reporter=user,
        area=area,
        location_text=location_text,
        category=category,
        is_anonymous=is_anonymous,
        photos=photos,
    )


# ---------------------------------------------------------------------------------------------- assess


def hazard_assess(
    *,
    hazard: Hazard,
    user,
    grade: str,
    likelihood: int,
    severity: int,
    category: str,
    deadline: datetime.date | None = None,
    department=None,
    comment: str = "",
) -> Hazard:
    """The safety officer grades the hazard, rates its risk and sets the rectification deadline."""
    if grade not in Hazard.Grade.values:
        raise ApplicationError(_("Choose the grade: general or major."))
    if category not in Hazard.Category.values:
        raise ApplicationError(_("Choose a category."))
    try:
        likelihood, severity = int(likelihood), int(severity)
    except (TypeError, ValueError):
        raise ApplicationError(_("Likelihood and severity are numbers from 1 to 5.")) from None
    if not (1 <= likelihood <= 5 and 1 <= severity <= 5):
        raise ApplicationError(_("Likelihood and severity are numbers from 1 to 5."))
    _check_deadline(deadline)

    def apply(h):
        h.grade = grade
        h.category = category
        h.likelihood, h.severity = likelihood, severity
        h.risk_level = risk_level_for(likelihood, severity)
        h.deadline = deadline or timezone.localdate() + datetime.timedelta(days=hazard_setting("DEADLINE_DAYS")[grade])
        if department is not None:
            h.department = department

    def notify_head(h):
        _notify(
            recipients=[_department_head(h)],
            key=f"hazard:{h.pk}:assessed",
            subject=_subject(h, gettext_lazy("Hazard assessed: plan its rectification")),
            body=format_lazy(gettext_lazy("Rectify by {deadline}."), deadline=h.deadline),
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_PLAN,
        )

    FLOW.apply(hazard, "assess", user=user, comment=comment, apply=apply, on_commit=notify_head)
    return hazard


def hazard_reject(*, hazard: Hazard, user, reason: str) -> Hazard:
    """The safety officer rejects a report (a duplicate, not a hazard); the reporter is told why."""
    reason = _require_text(reason, _("Give the reporter a reason."))

    def apply(h):
        h.rejection_reason = reason

    def notify_reporter(h):
        _notify(
            recipients=[h.reporter],
            key=f"hazard:{h.pk}:rejected",
            subject=_subject(h, gettext_lazy("Your hazard report was not accepted")),
            body=reason,
            url=h.get_absolute_url(),
        )

    FLOW.apply(hazard, "reject", user=user, comment=reason, apply=apply, on_commit=notify_reporter)
    return hazard


# ---------------------------------------------------------------------------------------------- plan


def hazard_plan(
    *,
    hazard: Hazard,
    user,
    measures: str,
    responsible_person,
    department,
    funds: Decimal | None = None,
    interim_safeguards: str = "",
    contingency: str = "",
    deadline: datetime.date | None = None,
    comment: str = "",
) -> Hazard:
    """Measures, responsible person and department; for a major hazard also the rest of the five fixes."""
    measures = _require_text(measures, _("Describe the rectification measures."))
    if responsible_person is None or not responsible_person.is_active:
        raise ApplicationError(_("Choose an active person to be responsible."))
    if department is None:
        raise ApplicationError(_("Choose the responsible department."))
    _check_deadline(deadline)
    if funds is not None and funds < 0:
        raise ApplicationError(_("Funds cannot be negative."))

    def apply(h):
        if not is_officer(user) and department.pk not in user.headed_department_ids:
            raise NotAllowed(_("A department head can plan the rectification only within their own department."))
        if h.is_major and (funds is None or not interim_safeguards.strip() or not contingency.strip()):
            raise ApplicationError(
                _("A major hazard needs all five fixes: measures, responsibility, funds, deadline and contingency.")
            )
        h.measures = measures
        h.responsible_person = responsible_person
        h.department = department
        h.funds = funds
        h.interim_safeguards = interim_safeguards.strip()
        h.contingency = contingency.strip()
        if deadline is not None:
            h.deadline = deadline

    def notify_responsible(h):
        _notify(
            recipients=[responsible_person],
            key=f"hazard:{h.pk}:plan:{h.planned_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("You are responsible for rectifying this hazard")),
            body=format_lazy(gettext_lazy("Rectify by {deadline}: {measures}"), deadline=h.deadline, measures=measures),
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_RECTIFY,
        )
        if h.is_major:
            _notify(
                recipients=_management(),
                key=f"hazard:{h.pk}:major-plan",
                subject=_subject(h, gettext_lazy("Major hazard: rectification plan")),
                body=format_lazy(gettext_lazy("{title}. Funds: {funds} CNY."), title=h.title, funds=h.funds),
                url=h.get_absolute_url(),
            )

    FLOW.apply(hazard, "plan", user=user, comment=comment, apply=apply, on_commit=notify_responsible)
    return hazard


# ---------------------------------------------------------------------------------------------- rectify


def hazard_rectify(*, hazard: Hazard, user, note: str, photos: Iterable = ()) -> Hazard:
    """The responsible person records what was done, with evidence photos."""
    note = _require_text(note, _("Describe what was done."))

    def apply(h):
        h.rectification_note = note
        _attach(h, photos, user, PHOTO_ROLE_EVIDENCE)

    def ask_for_sign_off(h):
        _notify(
            recipients=sign_off_recipients(h),
            key=f"hazard:{h.pk}:rectified:{h.rectified_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Rectified: please sign it off")),
            body=note,
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_SIGN_OFF,
        )

    FLOW.apply(hazard, "rectify", user=user, comment=note, apply=apply, on_commit=ask_for_sign_off)
    return hazard


# ---------------------------------------------------------------------------------------------- sign off


def hazard_sign_off(*, hazard: Hazard, user, comment: str = "") -> Hazard:
    """The head of the responsible department approves the rectification (management, when the head
    rectified it; see ``rules.can_sign_off``)."""

    def ask_for_verification(h):
        _notify(
            recipients=_officers(),
            key=f"hazard:{h.pk}:signed-off:{h.signed_off_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Signed off: please verify the rectification")),
            body=h.title,
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_VERIFY,
        )

    FLOW.apply(hazard, "sign_off", user=user, comment=comment, on_commit=ask_for_verification)
    return hazard


def hazard_return(*, hazard: Hazard, user, reason: str) -> Hazard:
    """The signer sends the rectification back, with a reason."""
    reason = _require_text(reason, _("Say why the rectification is returned."))

    def tell_responsible(h):
        _notify(
            recipients=[h.responsible_person],
            key=f"hazard:{h.pk}:returned:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=_subject(h, gettext_lazy("Rectification returned")),
            body=reason,
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_RECTIFY,
        )

    FLOW.apply(hazard, "return", user=user, comment=reason, on_commit=tell_responsible)
    return hazard


# ---------------------------------------------------------------------------------------------- verify


def hazard_verify(*, hazard: Hazard, user, comment: str = "") -> Hazard:
    """A safety officer (not the one who rectified it) confirms the fix on site: the hazard is closed."""

    def tell_closed(h):
        _notify(
            recipients=[h.reporter, h.responsible_person],
            key=f"hazard:{h.pk}:closed:{h.closed_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Hazard verified and closed")),
            body=h.title,
            url=h.get_absolute_url(),
        )

    FLOW.apply(hazard, "verify", user=user, comment=comment, on_commit=tell_closed)
    return hazard


def hazard_reopen(*, hazard: Hazard, user, reason: str) -> Hazard:
    """A safety officer finds the fix wanting: back to rectification, with a reason."""
    reason = _require_text(reason, _("Say why the hazard is reopened."))

    def tell_reopened(h):
        _notify(
            recipients=[h.responsible_person, _department_head(h)],
            key=f"hazard:{h.pk}:reopened:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=_subject(h, gettext_lazy("Hazard reopened")),
            body=reason,
            url=h.get_absolute_url(),
            about=h,
            topic=TOPIC_RECTIFY,
        )

    FLOW.apply(hazard, "reopen", user=user, comment=reason, on_commit=tell_reopened)
    return hazard


# ---------------------------------------------------------------------------------------------- reminders


def notification_still_relevant(hazard: Hazard, topic: str) -> bool:
    """Whether a message about ``hazard`` still asks for something (registered in ``apps.py``): "please
    sign it off" only while it awaits sign-off, a deadline reminder only while that deadline stands."""
    S = Hazard.Status
    if topic.startswith(f"{TOPIC_DEADLINE}:"):
        deadline = topic.split(":", 1)[1]
        return (
            hazard.status in Hazard.DEADLINE_STATUSES
            and hazard.deadline is not None
            and (hazard.deadline.isoformat() == deadline)
        )
    waits_for = {
        TOPIC_ASSESS: (S.REPORTED,),
        TOPIC_PLAN: (S.ASSESSED,),
        TOPIC_RECTIFY: (S.RECTIFYING,),
        TOPIC_SIGN_OFF: (S.RECTIFIED,),
        TOPIC_VERIFY: (S.SIGNED_OFF,),
    }
    return hazard.status in waits_for.get(topic, tuple(S.values))


def hazard_reminders_send(*, today: datetime.date | None = None) -> int:
    """Deadline reminders and escalation, derived from the database; safe to run as often as you like.

    Before the deadline: the responsible person (or the department head while nobody is named).
    Overdue: the responsible person and the department head. ``ESCALATE_AFTER_DAYS`` past the deadline:
    management. Keys name hazard, kind and deadline, so each goes out once per deadline.
    Then the stalled approvals (:func:`_waiting_messages`).

    Set-based (issue 12): the hazards due come from three queries, what was already sent about them from
    one (an anti-join on the notifications about these hazards), and the new messages go in as one bulk
    insert — the same number of queries for ten hazards or a hundred thousand.
    """
    today = today or timezone.localdate()
    loaded = {}

    def once(name, load):
        if name not in loaded:
            loaded[name] = load()
        return loaded[name]

    deadline_qs = _deadline_candidates(today)
    waiting_qs = _waiting_candidates(today)
    messages = _deadline_messages(today, deadline_qs, once) + _waiting_messages(waiting_qs, once)
    if not messages:
        return 0
    candidates = Q(about_id__in=deadline_qs.values("pk"))
    for qs in waiting_qs.values():
        candidates |= Q(about_id__in=qs.values("pk"))
    sent = set(
        Notification.objects.filter(candidates, about_type=ContentType.objects.get_for_model(Hazard)).values_list(
            "recipient_id", "key"
        )
    )
    return notify_bulk(messages, sent=sent)


def _waiting_cutoff(today: datetime.date, days: int) -> datetime.datetime:
    """A hazard that entered its waiting state before this moment has waited ``days`` days or more."""
    first_too_recent = today - datetime.timedelta(days=max(days, 0) - 1)
    return timezone.make_aware(datetime.datetime.combine(first_too_recent, datetime.time.min))


def _waiting_candidates(today: datetime.date) -> dict:
    """``{status: hazards waiting in it long enough to be chased}``."""
    out = {}
    for status, (field, setting) in Hazard.WAITING.items():
        cutoff = _waiting_cutoff(today, hazard_setting(setting))
        stamped = Q(**{f"{field}__lt": cutoff}) | Q(**{f"{field}__isnull": True, "updated_at__lt": cutoff})
        qs = Hazard.objects.filter(stamped, status=status)
        if status == Hazard.Status.RECTIFIED:
            qs = qs.select_related("department__head")
        out[status] = qs.order_by(field, "id")
    return out


def _waiting_messages(waiting_qs, once) -> list:
    """Chase hazards stalled at sign-off (step 5) or verification (step 6), once per waiting period.

    Rectified for ``SIGN_OFF_REMIND_DAYS`` days or more without sign-off: the head of the responsible
    department (the safety officers when it has no active head). Signed off for ``VERIFY_REMIND_DAYS``
    days or more without verification: every active safety officer. The key carries the moment the
    state was entered (``rectified_at`` / ``signed_off_at``, stamped by the only move into the state),
    so a return and a new rectification start a new period that is reminded again.
    """
    messages = []
    for status, qs in waiting_qs.items():
        for h in qs:
            since = h.waiting_since
            stamp = f"{timezone.localtime(since):%Y-%m-%dT%H:%M:%S}"
            entered = timezone.localdate(since)
            if status == Hazard.Status.RECTIFIED:
                recipients = sign_off_recipients(
                    h, officers=lambda: once("officers", _officers), management=lambda: once("management", _management)
                )
                if h.sign_off_escalated:
                    text = gettext_lazy(
                        "{title}: rectified by the department head on {date} and not yet signed off by management."
                    )
                else:
                    text = gettext_lazy("{title}: rectified on {date} and not yet signed off by the department head.")
                key, topic = f"hazard:{h.pk}:sign_off_waiting:{stamp}", TOPIC_SIGN_OFF
                subject = _subject(h, format_lazy(gettext_lazy("Awaiting sign-off since {date}"), date=entered))
                body = format_lazy(text, title=h.title, date=entered)
            else:
                # Not the officer who rectified it: they may not verify their own work.
                recipients = [o for o in once("officers", _officers) if o.pk != h.rectified_by_id]
                key, topic = f"hazard:{h.pk}:verify_waiting:{stamp}", TOPIC_VERIFY
                subject = _subject(h, format_lazy(gettext_lazy("Awaiting verification since {date}"), date=entered))
                body = format_lazy(
                    gettext_lazy("{title}: signed off on {date} and not yet verified on site by a safety officer."),
                    title=h.title,
                    date=entered,
                )
            url = h.get_absolute_url()
            messages += [Message(r, key, subject, body, url, about=h, topic=topic) for r in recipients]
    return messages


def _deadline_candidates(today: datetime.date):
    before = datetime.timedelta(days=hazard_setting("REMIND_DAYS_BEFORE"))
    return (
        Hazard.objects.filter(status__in=Hazard.DEADLINE_STATUSES, deadline__isnull=False, deadline__lte=today + before)
        .select_related("responsible_person", "department__head")
        .order_by("deadline", "id")
    )


def _deadline_messages(today: datetime.date, hazards, once) -> list:
    escalate = datetime.timedelta(days=hazard_setting("ESCALATE_AFTER_DAYS"))
    messages = []
    for h in hazards:
        head = _department_head(h)
        url = h.get_absolute_url()
        stamp = h.deadline.isoformat()
        about = {"about": h, "topic": f"{TOPIC_DEADLINE}:{stamp}"}
        if h.deadline >= today:
            subject = _subject(h, gettext_lazy("Rectification due soon"))
            body = format_lazy(gettext_lazy("{title}: rectify by {deadline}."), title=h.title, deadline=h.deadline)
            messages += [
                Message(r, f"hazard:{h.pk}:due-soon:{stamp}", subject, body, url, **about)
                for r in [h.responsible_person or head]
                if r
            ]
            continue
        subject = _subject(h, gettext_lazy("Rectification overdue"))
        body = format_lazy(gettext_lazy("{title}: the deadline was {deadline}."), title=h.title, deadline=h.deadline)
        messages += [
            Message(r, f"hazard:{h.pk}:overdue:{stamp}", subject, body, url, **about)
            for r in [h.responsible_person, head]
            if r
        ]
        if h.deadline + escalate <= today:
            subject = _subject(h, gettext_lazy("Escalation: hazard rectification long overdue"))
            body = format_lazy(
                gettext_lazy("{title}: the deadline was {deadline}; responsible: {person}."),
                title=h.title,
                deadline=h.deadline,
                person=h.responsible_person or h.department or "—",
            )
            messages += [
                Message(r, f"hazard:{h.pk}:escalated:{stamp}", subject, body, url, **about)
                for r in once("management", _management)
            ]
    return messages
