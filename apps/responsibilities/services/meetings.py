"""Safety meetings and their action items (R2.1.3).

A meeting is drafted (type, time, place, chair, invited people, agenda), then scheduled: the invited
people are told and it appears in their calendar feed. Attendance (present, absent with a reason, a
delegate), reports heard, decisions and minutes are recorded; a decision with an owner and a due date
becomes an action item, tracked to done with a note and evidence. Owners are reminded before the due
date, and the chair is told when an item is overdue."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.permissions import is_management, is_officer, require
from apps.core.services import timeline_record
from apps.notifications.services import Message, notify_bulk

from ..models import Action, AgendaItem, Decision, Invitation, Meeting
from ..rules import can_organise_meeting
from ..workflow import ACTION_FLOW, MEETING_FLOW
from .common import after_commit, attach, require_text, send, subject

REMIND_DAYS_BEFORE = 3
ESCALATE_AFTER_DAYS = 0  # the chair hears of an overdue action item the day after its due date
EVIDENCE_ROLE = "evidence"
MEETING_FIELDS = ("type", "title", "title_zh", "starts_at", "duration_minutes", "area", "location_detail", "chair",
                  "department")  # fmt: skip


def _clean(user, data):
    data = dict(data)
    data["title"] = require_text(data.get("title"), _("Give the meeting a title."))[:200]
    data["title_zh"] = (data.get("title_zh") or "").strip()[:200]
    data["location_detail"] = (data.get("location_detail") or "").strip()[:200]
    if data.get("type") not in Meeting.Type.values:
        raise ApplicationError(_("Choose the type of meeting."))
    if data.get("chair") is None or not data["chair"].is_active:
        raise ApplicationError(_("Choose an active person to chair the meeting."))
    if data["type"] == Meeting.Type.DEPARTMENT and data.get("department") is None:
        raise ApplicationError(_("A department meeting needs its department."))
    if data.get("starts_at") is None:
        raise ApplicationError(_("Give the date and time."))
    if not (is_officer(user) or is_management(user)):
        department = data.get("department")
        if department is None or department.pk not in user.headed_department_ids:
            raise NotAllowed(_("A department head organises only their own department's meetings."))
    return data


def meeting_create(*, user, **fields) -> Meeting:
    """Draft a meeting; its chair is invited. Nobody is told until it is scheduled."""
    require(user, "responsibilities.add_meeting")
    data = {k: v for k, v in _clean(user, fields).items() if k in MEETING_FIELDS}
    with transaction.atomic():
        meeting = Meeting.objects.create(organiser=user, **data)
        Invitation.objects.create(meeting=meeting, person=meeting.chair)
        MEETING_FLOW.start(meeting, "draft", user=user)
    return meeting


MS = Meeting.Status
EDITABLE = (MS.DRAFT, MS.SCHEDULED, MS.HELD)  # a cancelled meeting does not change


def _editable(meeting, user, *, states=EDITABLE, refused=None) -> Meeting:
    """Lock the meeting for a change that keeps its state (MEETING_FLOW.lock): the organiser only,
    in ``states``; ``refused`` maps the other states to what the refusal says."""
    if not can_organise_meeting(user, meeting):
        raise NotAllowed(_("You are not allowed to change this meeting."))
    messages = {MS.CANCELLED: gettext_lazy("A cancelled meeting does not change."), **(refused or {})}
    locked = MEETING_FLOW.lock(meeting, states=states, refused=lambda m: messages.get(m.status))
    if not can_organise_meeting(user, locked):
        raise NotAllowed(_("You are not allowed to change this meeting."))
    return locked


def meeting_update(*, meeting: Meeting, user, **fields) -> Meeting:
    """Change a draft or scheduled meeting; if it is scheduled and its time or place changed, the
    invited people are told (once per new time and place)."""
    with transaction.atomic():
        locked = _editable(
            meeting, user, states=(MS.DRAFT, MS.SCHEDULED),
            refused={MS.HELD: gettext_lazy("The meeting was held; only its records change now.")},
        )  # fmt: skip
        data = _clean(user, {**{f: getattr(locked, f) for f in MEETING_FIELDS}, **fields})
        moved = (data["starts_at"], data["area"], data["location_detail"]) != (
            locked.starts_at, locked.area, locked.location_detail,
        )  # fmt: skip
        for name in MEETING_FIELDS:
            setattr(locked, name, data[name])
        locked.save()
        Invitation.objects.get_or_create(meeting=locked, person=locked.chair)
        timeline_record(subject=locked, actor=user, action=gettext_noop("changed"))
        if moved and locked.status == Meeting.Status.SCHEDULED:
            after_commit(
                lambda: _tell_invited(locked, gettext_lazy("meeting moved"), "moved"), f"moving meeting {locked.pk}"
            )
    meeting.refresh_from_db()
    return meeting


def meeting_invite(*, meeting: Meeting, user, person=None, department=None) -> int:
    """Invite one person or everyone (active) in a department, skipping who is invited already; a
    scheduled meeting's new invitees are told at once. Returns how many were added."""
    people = []
    if person is not None:
        people.append(person)
    if department is not None:
        people += list(get_user_model().objects.filter(department=department, is_active=True))
    people = [p for p in people if p.is_active]
    if not people:
        raise ApplicationError(_("Nobody active to invite."))
    with transaction.atomic():
        locked = _editable(
            meeting, user, states=(MS.DRAFT, MS.SCHEDULED),
            refused={MS.HELD: gettext_lazy("The meeting was held; invitations are closed.")},
        )  # fmt: skip
        already = set(Invitation.objects.filter(meeting=locked).values_list("person_id", flat=True))
        new = {p.pk: p for p in people if p.pk not in already}
        Invitation.objects.bulk_create(Invitation(meeting=locked, person=p) for p in new.values())
        if new:
            timeline_record(
                subject=locked, actor=user, action=gettext_noop("invited"), comment=", ".join(map(str, new.values()))
            )
        if new and locked.status == Meeting.Status.SCHEDULED:
            invited = list(new.values())
            after_commit(lambda: _send_invitations(locked, invited), f"inviting to meeting {locked.pk}")
    return len(new)


def invitation_record_attendance(
    *, invitation: Invitation, user, attendance: str, absence_reason: str = "", delegate=None
) -> Invitation:
    """Present, absent with a reason, or represented by a delegate — recorded once the meeting is on."""
    if attendance not in Invitation.Attendance.values:
        raise ApplicationError(_("Choose the attendance."))
    absence_reason = (absence_reason or "").strip()[:300]
    if attendance == Invitation.Attendance.ABSENT and not absence_reason:
        raise ApplicationError(_("Give the reason for the absence."))
    if attendance == Invitation.Attendance.DELEGATE and delegate is None:
        raise ApplicationError(_("Name the delegate who attended."))
    with transaction.atomic():
        meeting = _editable(
            invitation.meeting, user, states=(MS.SCHEDULED, MS.HELD),
            refused={MS.DRAFT: gettext_lazy("Attendance is recorded once the meeting is scheduled.")},
        )  # fmt: skip
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        locked.attendance = attendance
        locked.absence_reason = absence_reason if attendance == Invitation.Attendance.ABSENT else ""
        locked.delegate = delegate if attendance == Invitation.Attendance.DELEGATE else None
        locked.save()
        timeline_record(
            subject=meeting, actor=user, action=gettext_noop("attendance recorded"),
            comment=f"{locked.person}: {locked.get_attendance_display()}",
        )  # fmt: skip
    return locked


def _next_position(qs):
    return (qs.aggregate(m=Max("position"))["m"] or 0) + 1


def agenda_item_add(*, meeting: Meeting, user, title: str, presenter=None, notes: str = "") -> AgendaItem:
    title = require_text(title, _("Name the agenda item."))[:300]
    with transaction.atomic():
        locked = _editable(meeting, user)
        return AgendaItem.objects.create(
            meeting=locked, position=_next_position(locked.agenda_items), title=title, presenter=presenter,
            notes=(notes or "").strip(),
        )  # fmt: skip


def decision_add(
    *, meeting: Meeting, user, text: str, action_title: str = "", owner=None, due_date: datetime.date | None = None
) -> Decision:
    """Record a decision; with an owner and a due date it becomes an action item, and the owner is told."""
    text = require_text(text, _("Write the decision."))
    action_title = (action_title or "").strip()[:300]
    if action_title or owner is not None or due_date is not None:
        if not (action_title and owner is not None and due_date is not None):
            raise ApplicationError(_("An action item needs a title, an owner and a due date."))
        if not owner.is_active:
            raise ApplicationError(_("Choose an active person as the action owner."))
        if due_date < timezone.localdate():
            raise ApplicationError(_("The due date cannot be in the past."))
    with transaction.atomic():
        locked = _editable(meeting, user)
        decision = Decision.objects.create(meeting=locked, position=_next_position(locked.decisions), text=text)
        timeline_record(subject=locked, actor=user, action=gettext_noop("decision recorded"), comment=text[:300])
        if action_title:
            action = Action.objects.create(
                decision=decision, meeting=locked, title=action_title, owner=owner, due_date=due_date
            )
            ACTION_FLOW.start(action, "assign", user=user, on_commit=_tell_owner)
    return decision


def _tell_owner(action):
    send(
        recipients=[action.owner],
        key=f"action:{action.pk}:assigned",
        subject=subject(action.meeting.number, gettext_lazy("an action item is yours")),
        body=format_lazy(gettext_lazy("{title} — due {due}."), title=action.title, due=action.due_date.isoformat()),
        url=action.get_absolute_url(),
    )


def _invitation_message(meeting, person, kind, text):
    when = timezone.localtime(meeting.starts_at)
    return Message(
        recipient=person,
        key=f"meeting:{meeting.pk}:{kind}:{when:%Y%m%d%H%M}",
        subject=subject(meeting.number, text),
        body=format_lazy(
            gettext_lazy("{when}, {place}. Chair: {chair}."),
            when=f"{when:%Y-%m-%d %H:%M}",
            place=meeting.place or "—",
            chair=meeting.chair,
        ),
        url=meeting.get_absolute_url(),
    )


def _send_invitations(meeting, people):
    notify_bulk(_invitation_message(meeting, p, "invited", gettext_lazy("you are invited")) for p in people)


def _tell_invited(meeting, text, kind):
    people = [i.person for i in meeting.invitations.select_related("person")]
    notify_bulk(_invitation_message(meeting, p, kind, text) for p in people)


def meeting_schedule(*, meeting: Meeting, user) -> Meeting:
    """Send the invitations: each invited person is told, and it appears in their calendar feed."""

    def check(m):
        if m.starts_at < timezone.now():
            raise ApplicationError(_("The meeting time has passed; change it before scheduling."))

    MEETING_FLOW.apply(
        meeting, "schedule", user=user, apply=check,
        on_commit=lambda m: _tell_invited(m, gettext_lazy("you are invited"), "invited"),
    )  # fmt: skip
    return meeting


def meeting_hold(*, meeting: Meeting, user, minutes: str) -> Meeting:
    minutes = require_text(minutes, _("Write the minutes."))

    def apply(m):
        m.minutes = minutes

    MEETING_FLOW.apply(meeting, "hold", user=user, apply=apply)
    return meeting


def meeting_cancel(*, meeting: Meeting, user, comment: str) -> Meeting:
    """Cancelled with a reason; if the invitations had gone out, the invited people are told."""
    comment = require_text(comment, _("Say why the meeting is cancelled."))
    was = {}

    def apply(m):
        was["scheduled"] = m.status == Meeting.Status.SCHEDULED
        m.cancel_reason = comment

    def tell(m):
        if was.get("scheduled"):
            _tell_invited(m, gettext_lazy("meeting cancelled"), "cancelled")

    MEETING_FLOW.apply(meeting, "cancel", user=user, comment=comment, apply=apply, on_commit=tell)
    return meeting


def action_done(*, action: Action, user, note: str, evidence=None) -> Action:
    """The owner records what was done (with evidence if any); the chair is told."""
    note = require_text(note, _("Describe what was done."))

    def apply(a):
        a.done_note = note
        attach(a, evidence, user, EVIDENCE_ROLE)

    ACTION_FLOW.apply(
        action, "done", user=user, comment=note, apply=apply,
        on_commit=lambda a: send(
            recipients=[a.meeting.chair] if a.meeting.chair_id != a.owner_id else [],
            key=f"action:{a.pk}:done:{a.done_at:%Y%m%d%H%M%S}",
            subject=subject(a.number, gettext_lazy("action item done")), body=note, url=a.get_absolute_url(),
        ),
    )  # fmt: skip
    return action


def action_cancel(*, action: Action, user, comment: str) -> Action:
    comment = require_text(comment, _("Say why the action item is cancelled."))
    ACTION_FLOW.apply(
        action, "cancel", user=user, comment=comment,
        on_commit=lambda a: send(
            recipients=[a.owner], key=f"action:{a.pk}:cancelled",
            subject=subject(a.number, gettext_lazy("action item cancelled")), body=comment, url=a.get_absolute_url(),
        ),
    )  # fmt: skip
    return action


def action_reopen(*, action: Action, user, comment: str) -> Action:
    """The chair (or the organisers) finds it not done as decided: back to the owner, with a reason."""
    comment = require_text(comment, _("Say what is still missing."))

    def apply(a):
        a.done_at = None
        a.done_by = None

    ACTION_FLOW.apply(
        action, "reopen", user=user, comment=comment, apply=apply,
        on_commit=lambda a: send(
            recipients=[a.owner], key=f"action:{a.pk}:reopened:{timezone.now():%Y%m%d%H%M%S%f}",
            subject=subject(a.number, gettext_lazy("action item reopened")), body=comment, url=a.get_absolute_url(),
        ),
    )  # fmt: skip
    return action


def action_reminders(*, today: datetime.date) -> list[Message]:
    """Open action items due within ``REMIND_DAYS_BEFORE`` days (to the owner) and overdue (to the owner,
    and to the chair): each once per due date. One query finds them all."""
    due = Action.objects.filter(
        status=Action.Status.OPEN, due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    ).select_related("owner", "meeting__chair")
    messages = []
    for a in due:
        stamp = a.due_date.isoformat()
        body = format_lazy(gettext_lazy("{title} — due {due}."), title=a.title, due=stamp)
        url = a.get_absolute_url()
        if a.due_date >= today:
            text = gettext_lazy("action item due soon")
            messages.append(Message(a.owner, f"action:{a.pk}:due-soon:{stamp}", subject(a.number, text), body, url))
            continue
        text = gettext_lazy("action item overdue")
        messages.append(Message(a.owner, f"action:{a.pk}:overdue:{stamp}", subject(a.number, text), body, url))
        if a.due_date + datetime.timedelta(days=ESCALATE_AFTER_DAYS) < today and a.meeting.chair_id != a.owner_id:
            escalation = format_lazy(
                gettext_lazy("{title} — due {due}; owner: {owner}."), title=a.title, due=stamp, owner=a.owner
            )
            messages.append(
                Message(
                    a.meeting.chair,
                    f"action:{a.pk}:escalated:{stamp}",
                    subject(a.number, gettext_lazy("overdue action item of your meeting")),
                    escalation,
                    url,
                )  # fmt: skip
            )
    return messages
