"""Every change to a hazard happens here, one service per step of the closed loop (SPEC R7.3).

A step locks the hazard row, checks that the move is allowed from the current state (``models.MOVES``)
and that the user may make it (``rules.py``), validates, saves, records a timeline row and queues its
notifications with ``transaction.on_commit``. Two people clicking at once: the second one waits for
the lock, then finds the hazard already moved and gets a :class:`Conflict` with a clear message.

``hazard_raise`` is the public entry point for other modules (inspections, incidents, emergency).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.permissions import require
from apps.core.services import attachment_add, timeline_record
from apps.notifications.models import Notification
from apps.notifications.services import notify

from .conf import hazard_setting, risk_level_for
from .models import MOVES, Hazard, HazardSequence

PHOTO_ROLE_REPORT = "report"
PHOTO_ROLE_EVIDENCE = "evidence"


# ---------------------------------------------------------------------------------------------- helpers


def _next_number(year: int) -> str:
    """The next number of the year, e.g. YH-2026-0001 (call inside a transaction)."""
    HazardSequence.objects.get_or_create(year=year)
    seq = HazardSequence.objects.select_for_update().get(year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"YH-{year}-{seq.last:04d}"


def _users(**filters):
    return list(get_user_model().objects.filter(is_active=True, **filters))


def _officers():
    return _users(role=get_user_model().Role.SAFETY_OFFICER)


def _management():
    return _users(role=get_user_model().Role.MANAGEMENT)


def _department_head(hazard):
    if hazard.department_id and hazard.department.head_id:
        return hazard.department.head
    return None


def _notify_on_commit(*, recipients, key, subject, body="", url=""):
    recipients = [r for r in recipients if r is not None]
    if not recipients:
        return
    transaction.on_commit(lambda: notify(recipients=recipients, key=key, subject=subject, body=body, url=url))


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


def _move(*, hazard: Hazard, user, move_name: str, comment: str = "", apply=None) -> Hazard:
    """Lock the row, check state and permission, apply the change, save, record the timeline row.

    ``apply(locked_hazard)`` validates and sets the step's fields; raising ApplicationError rolls back.
    Returns the saved, locked copy (call inside ``transaction.atomic``).
    """
    move = MOVES[move_name]
    locked = Hazard.objects.select_for_update(of=("self",)).select_related("department").get(pk=hazard.pk)
    if locked.status not in move.sources:
        raise Conflict(
            _("%(number)s is now “%(status)s”: “%(action)s” is not possible at this step. Reload the page to see why.")
            % {"number": locked.number, "status": locked.get_status_display(), "action": move.verb}
        )
    require(user, move.perm, locked, message=_("You are not allowed to do this with %(number)s.") % {
        "number": locked.number
    })  # fmt: skip
    from_state = locked.status
    if apply is not None:
        apply(locked)
    locked.status = move.target
    locked.save()
    timeline_record(
        subject=locked, actor=user, action=move_name, from_state=from_state, to_state=move.target, comment=comment
    )
    # Keep the caller's instance in step with the database.
    hazard.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


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
            number=_next_number(timezone.localdate().year),
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
        timeline_record(subject=hazard, actor=reporter, action="report", to_state=hazard.status)
        _notify_on_commit(
            recipients=_officers(),
            key=f"hazard:{hazard.pk}:reported",
            subject=_subject(hazard, gettext_lazy("New hazard reported: please assess it")),
            body=hazard.title,
            url=hazard.get_absolute_url(),
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
        h.assessed_by = user
        h.assessed_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="assess", comment=comment, apply=apply)
        h = Hazard.objects.select_related("department__head").get(pk=h.pk)
        _notify_on_commit(
            recipients=[_department_head(h)],
            key=f"hazard:{h.pk}:assessed",
            subject=_subject(h, gettext_lazy("Hazard assessed: plan its rectification")),
            body=format_lazy(gettext_lazy("Rectify by {deadline}."), deadline=h.deadline.isoformat()),
            url=h.get_absolute_url(),
        )
    return hazard


def hazard_reject(*, hazard: Hazard, user, reason: str) -> Hazard:
    """The safety officer rejects a report (a duplicate, not a hazard); the reporter is told why."""
    reason = _require_text(reason, _("Give the reporter a reason."))

    def apply(h):
        h.rejection_reason = reason
        h.assessed_by = user
        h.assessed_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="reject", comment=reason, apply=apply)
        _notify_on_commit(
            recipients=[h.reporter],
            key=f"hazard:{h.pk}:rejected",
            subject=_subject(h, gettext_lazy("Your hazard report was not accepted")),
            body=reason,
            url=h.get_absolute_url(),
        )
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
        from apps.core.permissions import is_officer

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
        h.planned_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="plan", comment=comment, apply=apply)
        _notify_on_commit(
            recipients=[responsible_person],
            key=f"hazard:{h.pk}:plan:{h.planned_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("You are responsible for rectifying this hazard")),
            body=format_lazy(gettext_lazy("Rectify by {deadline}: {measures}"), deadline=h.deadline, measures=measures),
            url=h.get_absolute_url(),
        )
        if h.is_major:
            _notify_on_commit(
                recipients=_management(),
                key=f"hazard:{h.pk}:major-plan",
                subject=_subject(h, gettext_lazy("Major hazard: rectification plan")),
                body=format_lazy(gettext_lazy("{title}. Funds: {funds} CNY."), title=h.title, funds=h.funds),
                url=h.get_absolute_url(),
            )
    return hazard


# ---------------------------------------------------------------------------------------------- rectify


def hazard_rectify(*, hazard: Hazard, user, note: str, photos: Iterable = ()) -> Hazard:
    """The responsible person records what was done, with evidence photos."""
    note = _require_text(note, _("Describe what was done."))

    def apply(h):
        h.rectification_note = note
        h.rectified_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="rectify", comment=note, apply=apply)
        _attach(h, photos, user, PHOTO_ROLE_EVIDENCE)
        head = _department_head(h)
        _notify_on_commit(
            recipients=[head] if head else _officers(),
            key=f"hazard:{h.pk}:rectified:{h.rectified_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Rectified: please sign it off")),
            body=note,
            url=h.get_absolute_url(),
        )
    return hazard


# ---------------------------------------------------------------------------------------------- sign off


def hazard_sign_off(*, hazard: Hazard, user, comment: str = "") -> Hazard:
    """The head of the responsible department approves the rectification."""

    def apply(h):
        h.signed_off_by = user
        h.signed_off_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="sign_off", comment=comment, apply=apply)
        _notify_on_commit(
            recipients=_officers(),
            key=f"hazard:{h.pk}:signed-off:{h.signed_off_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Signed off: please verify the rectification")),
            body=h.title,
            url=h.get_absolute_url(),
        )
    return hazard


def hazard_return(*, hazard: Hazard, user, reason: str) -> Hazard:
    """The department head sends the rectification back, with a reason."""
    reason = _require_text(reason, _("Say why the rectification is returned."))

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="return", comment=reason)
        _notify_on_commit(
            recipients=[h.responsible_person],
            key=f"hazard:{h.pk}:returned:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=_subject(h, gettext_lazy("Rectification returned")),
            body=reason,
            url=h.get_absolute_url(),
        )
    return hazard


# ---------------------------------------------------------------------------------------------- verify


def hazard_verify(*, hazard: Hazard, user, comment: str = "") -> Hazard:
    """A safety officer confirms the fix on site: the hazard is closed."""

    def apply(h):
        h.verified_by = user
        h.closed_at = timezone.now()

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="verify", comment=comment, apply=apply)
        _notify_on_commit(
            recipients=[h.reporter, h.responsible_person],
            key=f"hazard:{h.pk}:closed:{h.closed_at:%Y%m%d%H%M%S}",
            subject=_subject(h, gettext_lazy("Hazard verified and closed")),
            body=h.title,
            url=h.get_absolute_url(),
        )
    return hazard


def hazard_reopen(*, hazard: Hazard, user, reason: str) -> Hazard:
    """A safety officer finds the fix wanting: back to rectification, with a reason."""
    reason = _require_text(reason, _("Say why the hazard is reopened."))

    def apply(h):
        h.signed_off_by = None
        h.signed_off_at = None
        h.verified_by = None
        h.closed_at = None

    with transaction.atomic():
        h = _move(hazard=hazard, user=user, move_name="reopen", comment=reason, apply=apply)
        _notify_on_commit(
            recipients=[h.responsible_person, _department_head(h)],
            key=f"hazard:{h.pk}:reopened:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=_subject(h, gettext_lazy("Hazard reopened")),
            body=reason,
            url=h.get_absolute_url(),
        )
    return hazard


# ---------------------------------------------------------------------------------------------- reminders


def hazard_reminders_send(*, today: datetime.date | None = None) -> int:
    """Deadline reminders and escalation, derived from the database; safe to run as often as you like.

    Before the deadline: the responsible person (or the department head while nobody is named).
    Overdue: the responsible person and the department head. ``ESCALATE_AFTER_DAYS`` past the deadline:
    management. Keys name hazard, kind and deadline, so each goes out once per deadline.
    Then the stalled approvals (:func:`_waiting_reminders_send`).
    """
    today = today or timezone.localdate()
    return _deadline_reminders_send(today) + _waiting_reminders_send(today)


# Chunk size for looking up already-sent keys (stays under SQLite's bound-parameter limit).
_KEY_CHUNK = 500


def _waiting_cutoff(today: datetime.date, days: int) -> datetime.datetime:
    """A hazard that entered its waiting state before this moment has waited ``days`` days or more."""
    first_too_recent = today - datetime.timedelta(days=max(days, 0) - 1)
    return timezone.make_aware(datetime.datetime.combine(first_too_recent, datetime.time.min))


def _waiting_reminders_send(today: datetime.date) -> int:
    """Chase hazards stalled at sign-off (step 5) or verification (step 6), once per waiting period.

    Rectified for ``SIGN_OFF_REMIND_DAYS`` days or more without sign-off: the head of the responsible
    department (the safety officers when it has no active head). Signed off for ``VERIFY_REMIND_DAYS``
    days or more without verification: every active safety officer. The key carries the moment the
    state was entered (``rectified_at`` / ``signed_off_at``, stamped by the only move into the state),
    so a return and a new rectification start a new period that is reminded again.

    A fixed number of queries whatever the number of waiting hazards, except one insert per new
    notification: one query per state, the officers once, the already-sent keys per 500 hazards.
    """
    officers = None
    due = []  # (hazard, key, subject, body, recipients)
    for status, (field, setting) in Hazard.WAITING.items():
        cutoff = _waiting_cutoff(today, hazard_setting(setting))
        stamped = Q(**{f"{field}__lt": cutoff}) | Q(**{f"{field}__isnull": True, "updated_at__lt": cutoff})
        qs = Hazard.objects.filter(stamped, status=status)
        if status == Hazard.Status.RECTIFIED:
            qs = qs.select_related("department__head")
        for h in qs.order_by(field, "id"):
            since = h.waiting_since
            stamp = f"{timezone.localtime(since):%Y-%m-%dT%H:%M:%S}"
            entered = timezone.localdate(since).isoformat()
            if status == Hazard.Status.RECTIFIED:
                head = _department_head(h)
                if head is not None and head.is_active:
                    recipients = [head]
                else:
                    officers = _officers() if officers is None else officers
                    recipients = officers
                key = f"hazard:{h.pk}:sign_off_waiting:{stamp}"
                subject = _subject(h, format_lazy(gettext_lazy("Awaiting sign-off since {date}"), date=entered))
                body = format_lazy(
                    gettext_lazy("{title}: rectified on {date} and not yet signed off by the department head."),
                    title=h.title,
                    date=entered,
                )
            else:
                officers = _officers() if officers is None else officers
                recipients = officers
                key = f"hazard:{h.pk}:verify_waiting:{stamp}"
                subject = _subject(h, format_lazy(gettext_lazy("Awaiting verification since {date}"), date=entered))
                body = format_lazy(
                    gettext_lazy("{title}: signed off on {date} and not yet verified on site by a safety officer."),
                    title=h.title,
                    date=entered,
                )
            due.append((h, key, subject, body, recipients))
    if not due:
        return 0
    # Who already has which key: skip those without calling notify (which costs queries per recipient).
    keys = [item[1] for item in due]
    already = set()
    for i in range(0, len(keys), _KEY_CHUNK):
        already.update(Notification.objects.filter(key__in=keys[i : i + _KEY_CHUNK]).values_list("key", "recipient_id"))
    sent = 0
    for h, key, subject, body, recipients in due:
        pending = [r for r in recipients if (key, r.pk) not in already]
        if pending:
            sent += len(notify(recipients=pending, key=key, subject=subject, body=body, url=h.get_absolute_url()))
    return sent


def _deadline_reminders_send(today: datetime.date) -> int:
    before = datetime.timedelta(days=hazard_setting("REMIND_DAYS_BEFORE"))
    escalate = datetime.timedelta(days=hazard_setting("ESCALATE_AFTER_DAYS"))
    management = None
    sent = 0
    hazards = Hazard.objects.filter(
        status__in=Hazard.DEADLINE_STATUSES, deadline__isnull=False, deadline__lte=today + before
    ).select_related("responsible_person", "department__head")
    for h in hazards.order_by("deadline", "id"):
        head = _department_head(h)
        url = h.get_absolute_url()
        stamp = h.deadline.isoformat()
        if h.deadline >= today:
            sent += len(
                notify(
                    recipients=[r for r in [h.responsible_person or head] if r],
                    key=f"hazard:{h.pk}:due-soon:{stamp}",
                    subject=_subject(h, gettext_lazy("Rectification due soon")),
                    body=format_lazy(gettext_lazy("{title}: rectify by {deadline}."), title=h.title, deadline=stamp),
                    url=url,
                )
            )
            continue
        sent += len(
            notify(
                recipients=[r for r in [h.responsible_person, head] if r],
                key=f"hazard:{h.pk}:overdue:{stamp}",
                subject=_subject(h, gettext_lazy("Rectification overdue")),
                body=format_lazy(gettext_lazy("{title}: the deadline was {deadline}."), title=h.title, deadline=stamp),
                url=url,
            )
        )
        if h.deadline + escalate <= today:
            if management is None:
                management = _management()
            sent += len(
                notify(
                    recipients=management,
                    key=f"hazard:{h.pk}:escalated:{stamp}",
                    subject=_subject(h, gettext_lazy("Escalation: hazard rectification long overdue")),
                    body=format_lazy(
                        gettext_lazy("{title}: the deadline was {deadline}; responsible: {person}."),
                        title=h.title,
                        deadline=stamp,
                        person=h.responsible_person or h.department or "—",
                    ),
                    url=url,
                )
            )
    return sent
