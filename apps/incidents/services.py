"""Write operations on incidents: report, respond, report externally, investigate, correct, close.

Every service is keyword-only, checks permission, validates, changes state inside
``transaction.atomic()`` with the row locked, writes a timeline row and queues notifications
with ``transaction.on_commit``. Allowed status moves come only from ``INCIDENT_MOVES`` and
``ACTION_MOVES`` in models.py.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.i18n import in_each_language
from apps.core.permissions import require
from apps.core.services import attachment_add, timeline_record
from apps.emergency.services import hazard_raise_via_hazards, safety_officers

from .models import (
    ACTION_MOVES,
    INCIDENT_MOVES,
    CaseStudy,
    CorrectiveAction,
    HoursWorked,
    Incident,
    IncidentEvent,
    InvolvedPerson,
)

DEFAULT_EXTERNAL_REPORT_HOURS = 24
DEFAULT_EFFECTIVENESS_CHECK_DAYS = 30
HAZARD_CATEGORY_BY_TYPE = {
    "fire": "fire",
    "electrical": "electrical",
    "network": "network",
    "data_leak": "infosec",
    "property": "premises",
    "injury": "premises",
}


def external_report_hours() -> int:
    """Hours within which a required external report must be made (settings, default 24)."""
    return int(getattr(settings, "ANQUAN_EXTERNAL_REPORT_HOURS", DEFAULT_EXTERNAL_REPORT_HOURS))


def _notify_on_commit(**kwargs):
    from apps.notifications.services import notify

    transaction.on_commit(lambda: notify(**kwargs))


def _ensure_unlocked(incident):
    if incident.is_locked:
        raise Conflict(_("This incident is closed and locked. Reopen it (with a reason) to change it."))


def _lock(incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


# Plausible dates: nothing before this, nothing planned further ahead than MAX_PLAN_DAYS.
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MAX_PLAN_DAYS = 3 * 366
# Events of the investigation's timeline may lead up to the incident by at most this much.
EVENT_LEAD_TIME = datetime.timedelta(hours=24)
CLOCK_SKEW = datetime.timedelta(minutes=5)


def _fmt(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def check_occurred_at(occurred_at: datetime.datetime) -> None:
    """The report form, the edit form and the services all refuse the same occurrence times."""
    if occurred_at > timezone.now() + CLOCK_SKEW:
        raise ApplicationError(_("An incident cannot happen in the future."))
    if occurred_at < EARLIEST:
        raise ApplicationError(_("Give the date the incident really happened (after 2000)."))


def _next_number(year: int) -> str:
    prefix = f"INC-{year}-"
    last = (
        Incident.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


# --- report ------------------------------------------------------------------------------------


def incident_report(
    *,
    reporter,
    occurred_at: datetime.datetime,
    type: str,
    description: str,
    area=None,
    location_detail: str = "",
    immediate_actions: str = "",
    severity: str = Incident.Severity.MINOR,
    people: Iterable[dict] = (),
    photos: Iterable = (),
) -> Incident:
    """File an incident (R5.2.1); the reporter's department head and every safety officer are told once."""
    require(reporter, "incidents.report_incident")
    check_occurred_at(occurred_at)
    if not description.strip():
        raise ApplicationError(_("Describe what happened."))
    people = list(people)
    for row in people:
        if not row.get("person") and not (row.get("name") or "").strip():
            raise ApplicationError(_("Name each person involved or pick the employee."))
    for _attempt in range(3):
        try:
            with transaction.atomic():
                incident = Incident.objects.create(
                    number=_next_number(timezone.localdate().year),
                    type=type,
                    severity=severity,
                    occurred_at=occurred_at,
                    area=area,
                    location_detail=location_detail,
                    description=description,
                    immediate_actions=immediate_actions,
                    reporter=reporter,
                    department=reporter.department,
                )
                break
        except IntegrityError:
            continue
    else:
        raise Conflict(_("Please try again: another incident was filed at the same moment."))
    with transaction.atomic():
        InvolvedPerson.objects.bulk_create(
            InvolvedPerson(
                incident=incident,
                person=row.get("person"),
                name=(row.get("name") or "").strip(),
                role=row.get("role") or InvolvedPerson.Role.INJURED,
                injury_nature=row.get("injury_nature", ""),
                body_part=row.get("body_part", ""),
                treatment=row.get("treatment") or InvolvedPerson.Treatment.NONE,
                lost_work_days=row.get("lost_work_days") or 0,
            )
            for row in people
        )
        for photo in photos:
            attachment_add(subject=incident, upload=photo, user=reporter, role="report")
        timeline_record(subject=incident, actor=reporter, action=gettext_noop("reported"), to_state=incident.status)
        recipients = list(safety_officers())
        if incident.department_id and incident.department.head_id:
            recipients.append(incident.department.head)
        recipients = [u for u in recipients if u.pk != reporter.pk]
        _notify_on_commit(
            recipients=recipients,
            key=f"incident:{incident.pk}:reported",
            subject=format_lazy(
                gettext_lazy("Incident reported: {number} ({type})"),
                number=incident.number,
                type=Incident.Type(type).label,
            ),
            body=format_lazy(gettext_lazy("{reporter} reported: {text}"), reporter=reporter, text=description[:300]),
            url=incident.get_absolute_url(),
        )
    return incident


# --- workflow ----------------------------------------------------------------------------------


def incident_allowed_moves(*, incident, user) -> list:
    """The moves this user may make on the incident now (the buttons on the page)."""
    return [m for m in INCIDENT_MOVES.values() if incident.status in m.source and user.has_perm(m.perm, incident)]


def _apply_move(incident, *, name: str, user, comment: str = ""):
    move = INCIDENT_MOVES[name]
    if incident.status not in move.source:
        raise Conflict(
            _("“%(move)s” is not possible while the incident is %(status)s.")
            % {"move": move.label, "status": incident.get_status_display()}
        )
    if move.needs_comment and not comment.strip():
        raise ApplicationError(_("Give a reason."))
    if name == "close":
        if not incident.root_cause.strip():
            raise ApplicationError(_("Record the root cause before closing."))
        if incident.external_required and not incident.external_reported_at:
            raise ApplicationError(
                _(
                    "The incident must be reported to the authority before it is closed: record to whom, when "
                    "and the reference under “External report” (it was due by %(due)s)."
                )
                % {"due": _fmt(incident.external_due_at) if incident.external_due_at else "—"}
            )
        pending = [a for a in incident.actions.all() if not a.counts_as_closed]
        if pending:
            raise ApplicationError(
                _("Every action must be done and checked effective before closing (%(n)d pending).")
                % {"n": len(pending)}
            )
    if name == "start_actions" and not incident.actions.exists():
        raise ApplicationError(_("Add at least one corrective or preventive action first."))
    old = incident.status
    incident.status = move.target
    incident.closed_at = timezone.now() if move.target == Incident.Status.CLOSED else None
    incident.save(update_fields=["status", "closed_at", "updated_at"])
    timeline_record(
        subject=incident, actor=user, action=move.label, from_state=old, to_state=move.target, comment=comment
    )
    return incident


def incident_move(*, incident, user, name: str, comment: str = "") -> Incident:
    """Move an incident along its workflow (start investigation, start actions, close, reopen)."""
    if name not in INCIDENT_MOVES:
        raise ApplicationError(_("Unknown step."))
    require(user, INCIDENT_MOVES[name].perm, incident)
    with transaction.atomic():
        incident = _lock(incident)
        return _apply_move(incident, name=name, user=user, comment=comment)


# --- response (R5.2.2) and external report (R5.2.3) ---------------------------------------------


def incident_activate_plan(*, incident, user, plan) -> Incident:
    """Link and activate a contingency plan; who and when are recorded."""
    require(user, "incidents.respond_incident", incident)
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_unlocked(incident)
        incident.plan, incident.plan_activated_by, incident.plan_activated_at = plan, user, timezone.now()
        incident.save(update_fields=["plan", "plan_activated_by", "plan_activated_at", "updated_at"])
        timeline_record(subject=incident, actor=user, action=gettext_noop("plan activated"), comment=plan.name)
    return incident


def incident_assign_lead(*, incident, user, lead) -> Incident:
    require(user, "incidents.respond_incident", incident)
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_unlocked(incident)
        incident.lead = lead
        incident.save(update_fields=["lead", "updated_at"])
        timeline_record(subject=incident, actor=user, action=gettext_noop("lead assigned"), comment=str(lead))
        _notify_on_commit(
            recipients=[lead],
            key=f"incident:{incident.pk}:lead:{lead.pk}",
            subject=format_lazy(gettext_lazy("You lead the investigation of {number}"), number=incident.number),
            url=incident.get_absolute_url(),
        )
    return incident


EDITABLE_FIELDS = ("type", "severity", "occurred_at", "area", "location_detail", "description", "immediate_actions")


def incident_update(*, incident, user, **fields) -> Incident:
    """Correct the report's details (officer or lead); refused on a closed incident."""
    require(user, "incidents.investigate_incident", incident)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"unknown fields {sorted(unknown)}")
    if fields.get("occurred_at") is not None:
        check_occurred_at(fields["occurred_at"])
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_unlocked(incident)
        changed = [f for f, v in fields.items() if getattr(incident, f) != v]
        for f in changed:
            setattr(incident, f, fields[f])
        if "occurred_at" in changed:
            if incident.external_reported_at and incident.external_reported_at < incident.occurred_at:
                raise ApplicationError(
                    _("The incident cannot have happened after it was reported to the authority (%(when)s).")
                    % {"when": _fmt(incident.external_reported_at)}
                )
            if incident.external_required:
                incident.external_due_at = external_due_for(incident)
            first_event = incident.events.order_by("happened_at").first()
            if first_event and first_event.happened_at < incident.occurred_at - EVENT_LEAD_TIME:
                raise ApplicationError(
                    _("The timeline of events starts at %(when)s, more than a day before this time.")
                    % {"when": _fmt(first_event.happened_at)}
                )
        if changed:
            incident.save()
            timeline_record(subject=incident, actor=user, action=gettext_noop("edited"), comment=", ".join(changed))
    return incident


def external_due_for(incident) -> datetime.datetime:
    """The authority must be told within the configured hours of when the incident *happened*."""
    return incident.occurred_at + datetime.timedelta(hours=external_report_hours())


def incident_external_report(
    *,
    incident,
    user,
    required: bool,
    authority: str = "",
    reported_at: datetime.datetime | None = None,
    reference: str = "",
) -> Incident:
    """Record whether the authority must be told and, when done, to whom, when and the reference."""
    require(user, "incidents.respond_incident", incident)
    if reported_at and not authority.strip():
        raise ApplicationError(_("Say which authority the incident was reported to."))
    if reported_at and reported_at > timezone.now() + CLOCK_SKEW:
        raise ApplicationError(_("The report time cannot be in the future."))
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_unlocked(incident)
        if required and reported_at and reported_at < incident.occurred_at:
            raise ApplicationError(
                _("The authority cannot have been told before the incident happened (%(when)s).")
                % {"when": _fmt(incident.occurred_at)}
            )
        incident.external_required = required
        incident.external_due_at = external_due_for(incident) if required else None
        incident.external_authority = authority if required else ""
        incident.external_reported_at = reported_at if required else None
        incident.external_reference = reference if required else ""
        incident.save()
        if required and reported_at:
            comment = f"{authority} · {reference}"
            action = gettext_noop("reported externally")
        else:
            comment = ""
            action = gettext_noop("external report required") if required else gettext_noop("no external report needed")
        timeline_record(subject=incident, actor=user, action=action, comment=comment)
    return incident


def incident_external_overdue_send(*, now: datetime.datetime | None = None) -> int:
    """Warn the safety officers once about each required external report not made in time."""
    from apps.notifications.services import notify

    now = now or timezone.now()
    sent = 0
    overdue = Incident.objects.filter(
        external_required=True, external_reported_at__isnull=True, external_due_at__lt=now
    ).exclude(status=Incident.Status.CLOSED)
    officers = list(safety_officers())
    for incident in overdue:
        sent += len(
            notify(
                recipients=officers,
                key=f"incident:{incident.pk}:external-overdue",
                subject=format_lazy(gettext_lazy("External report overdue: {number}"), number=incident.number),
                body=gettext_lazy("The authority has not yet been told about this incident."),
                url=incident.get_absolute_url(),
            )
        )
    return sent


# --- investigation (R5.2.4) ---------------------------------------------------------------------


def _ensure_investigating(incident):
    _ensure_unlocked(incident)
    if incident.status == Incident.Status.REPORTED:
        raise Conflict(_("Start the investigation first."))


def incident_investigation_update(
    *,
    incident,
    user,
    cause_method: str,
    whys: list[str] = (),
    cause_categories: list[str] = (),
    root_cause: str = "",
    contributing_factors: str = "",
    lessons_learned: str = "",
) -> Incident:
    require(user, "incidents.investigate_incident", incident)
    whys = [w.strip() for w in whys if w and w.strip()][:5]
    valid = set(Incident.CauseCategory.values)
    cause_categories = [c for c in cause_categories if c in valid]
    if cause_method == Incident.CauseMethod.FIVE_WHYS and not whys:
        raise ApplicationError(_("Answer at least the first “why”."))
    if cause_method == Incident.CauseMethod.CATEGORIES and not cause_categories:
        raise ApplicationError(_("Pick at least one cause category."))
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_investigating(incident)
        incident.cause_method, incident.whys, incident.cause_categories = cause_method, whys, cause_categories
        incident.root_cause, incident.contributing_factors = root_cause, contributing_factors
        incident.lessons_learned = lessons_learned
        incident.save()
        timeline_record(subject=incident, actor=user, action=gettext_noop("investigation updated"))
    return incident


def incident_event_add(*, incident, user, happened_at: datetime.datetime, description: str) -> IncidentEvent:
    require(user, "incidents.investigate_incident", incident)
    if not description.strip():
        raise ApplicationError(_("Describe the event."))
    if happened_at > timezone.now() + CLOCK_SKEW:
        raise ApplicationError(_("An event of the timeline cannot be in the future."))
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_investigating(incident)
        if happened_at < incident.occurred_at - EVENT_LEAD_TIME:
            raise ApplicationError(
                _("The timeline covers the day before the incident (%(when)s) and after; this event is earlier.")
                % {"when": _fmt(incident.occurred_at)}
            )
        return IncidentEvent.objects.create(incident=incident, happened_at=happened_at, description=description)


# --- corrective and preventive actions ----------------------------------------------------------


def action_add(
    *,
    incident,
    user,
    description: str,
    owner,
    due_date: datetime.date,
    kind: str = CorrectiveAction.Kind.CORRECTIVE,
    check_due: datetime.date | None = None,
) -> CorrectiveAction:
    """Add a CAPA action; the first one moves the incident to "actions in progress"."""
    require(user, "incidents.investigate_incident", incident)
    if not description.strip():
        raise ApplicationError(_("Describe the action."))
    if check_due and check_due < due_date:
        raise ApplicationError(_("The effectiveness check comes on or after the due date."))
    latest = timezone.localdate() + datetime.timedelta(days=MAX_PLAN_DAYS)
    if due_date > latest or (check_due and check_due > latest):
        raise ApplicationError(_("Plan the action within three years (by %(date)s).") % {"date": latest.isoformat()})
    if due_date < timezone.localtime(incident.occurred_at).date():
        raise ApplicationError(_("An action cannot be due before the incident happened."))
    with transaction.atomic():
        incident = _lock(incident)
        _ensure_investigating(incident)
        action = CorrectiveAction.objects.create(
            incident=incident, kind=kind, description=description, owner=owner, due_date=due_date, check_due=check_due
        )
        timeline_record(
            subject=incident, actor=user, action=gettext_noop("action added"), comment=f"{description[:80]} → {owner}"
        )
        if incident.status == Incident.Status.INVESTIGATING:
            _apply_move(incident, name="start_actions", user=user)
        _notify_on_commit(
            recipients=[owner],
            key=f"incident-action:{action.pk}:assigned",
            subject=format_lazy(
                gettext_lazy("Action for incident {number}: due {due}"),
                number=incident.number,
                due=due_date.isoformat(),
            ),
            body=description,
            url=action.get_absolute_url(),
        )
    return action


def action_allowed_moves(*, action, user) -> list:
    return [m for m in ACTION_MOVES.values() if action.status in m.source and user.has_perm(m.perm, action)]


def _lock_action(action) -> CorrectiveAction:
    action = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    incident = Incident.objects.select_for_update().get(pk=action.incident_id)
    _ensure_unlocked(incident)
    action.incident = incident
    return action


def _move_action(action, *, name: str, user, comment: str = ""):
    move = ACTION_MOVES[name]
    if action.status not in move.source:
        raise Conflict(
            _("“%(move)s” is not possible while the action is “%(status)s”.")
            % {"move": move.label, "status": action.get_status_display()}
        )
    if move.needs_comment and not comment.strip():
        raise ApplicationError(_("Give a reason."))
    old = action.status
    action.status = move.target
    action.save()
    timeline_record(
        subject=action.incident,
        actor=user,
        action=f"action {name}",
        from_state=old,
        to_state=move.target,
        comment=f"{action.description[:60]}" + (f": {comment}" if comment else ""),
    )
    return action


def action_complete(
    *, action, user, evidence: str, check_due: datetime.date | None = None, photos: Iterable = ()
) -> CorrectiveAction:
    """The owner marks the action done with evidence; an effectiveness check is scheduled."""
    require(user, "incidents.complete_action", action)
    if not evidence.strip():
        raise ApplicationError(_("Describe the evidence that the action was done."))
    today = timezone.localdate()
    with transaction.atomic():
        action = _lock_action(action)
        if check_due is None:
            check_due = action.check_due or today + datetime.timedelta(
                days=int(getattr(settings, "ANQUAN_EFFECTIVENESS_CHECK_DAYS", DEFAULT_EFFECTIVENESS_CHECK_DAYS))
            )
        action.evidence, action.completed_at, action.check_due = evidence, timezone.now(), max(check_due, today)
        action.completed_by = user
        _move_action(action, name="complete", user=user)
        for photo in photos:
            attachment_add(subject=action, upload=photo, user=user, role="evidence")
        recipients = list(safety_officers()) + ([action.incident.lead] if action.incident.lead_id else [])
        _notify_on_commit(
            recipients=[u for u in recipients if u.pk != user.pk],
            key=f"incident-action:{action.pk}:done:{action.completed_at:%Y%m%d%H%M%S}",
            subject=format_lazy(
                gettext_lazy("Action done for {number}: check effectiveness on {date}"),
                number=action.incident.number,
                date=action.check_due.isoformat(),
            ),
            body=evidence,
            url=action.get_absolute_url(),
        )
    return action


def action_check(*, action, user, effective: bool, note: str = "") -> CorrectiveAction:
    """The effectiveness check (ISO 45001 10.2): effective closes the action; not effective reopens it."""
    name = "confirm_effective" if effective else "not_effective"
    require(user, ACTION_MOVES[name].perm, action)
    with transaction.atomic():
        action = _lock_action(action)
        if user.pk in (action.owner_id, action.completed_by_id):
            raise NotAllowed(_("You did the work of this action, so another safety officer checks its effectiveness."))
        if action.check_due and timezone.localdate() < action.check_due:
            raise ApplicationError(
                _("The effectiveness check is due on %(date)s, not before.") % {"date": date_format(action.check_due)}
            )
        action.checked_at, action.checked_by, action.check_note = timezone.now(), user, note
        if not effective:
            action.completed_at, action.completed_by = None, None
        _move_action(action, name=name, user=user, comment=note)
        if not effective:
            _notify_on_commit(
                recipients=[action.owner],
                key=f"incident-action:{action.pk}:reopened:{action.checked_at:%Y%m%d%H%M%S}",
                subject=format_lazy(
                    gettext_lazy("Action for {number} was not effective: please act again"),
                    number=action.incident.number,
                ),
                body=note,
                url=action.get_absolute_url(),
            )
    return action


def action_raise_hazard(*, action, user) -> CorrectiveAction:
    """Hand the action over to the hazard closed loop instead (through the hazards service)."""
    require(user, ACTION_MOVES["raise_hazard"].perm, action)
    with transaction.atomic():
        action = _lock_action(action)
        incident = action.incident
        title, title_zh = in_each_language(lambda: _("From incident %(number)s") % {"number": incident.number})
        hazard = hazard_raise_via_hazards(
            title=title,
            title_zh=title_zh,
            description=action.description,
            reporter=user,
            area=incident.area,
            department=incident.department,
            location_text=""
            if incident.area_id
            else (incident.location_detail or _("Where incident %(number)s happened") % {"number": incident.number}),
            category=HAZARD_CATEGORY_BY_TYPE.get(incident.type, "other"),
            source=action,
        )
        action.hazard_number, action.hazard_url = hazard.number, hazard.get_absolute_url()
        _move_action(action, name="raise_hazard", user=user, comment=hazard.number)
    return action


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind owners of due open actions and officers of due effectiveness checks; once per date."""
    from apps.notifications.services import notify

    today = today or timezone.localdate()
    sent = 0
    due = CorrectiveAction.objects.filter(status=CorrectiveAction.Status.OPEN, due_date__lte=today)
    for action in due.select_related("incident", "owner"):
        sent += len(
            notify(
                recipients=[action.owner],
                key=f"incident-action:{action.pk}:due:{action.due_date.isoformat()}",
                subject=format_lazy(gettext_lazy("Action due for incident {number}"), number=action.incident.number),
                body=action.description,
                url=action.get_absolute_url(),
            )
        )
    checks = CorrectiveAction.objects.filter(status=CorrectiveAction.Status.DONE, check_due__lte=today)
    officers = list(safety_officers())
    for action in checks.select_related("incident"):
        sent += len(
            notify(
                recipients=officers,
                key=f"incident-action:{action.pk}:check:{action.check_due.isoformat()}",
                subject=format_lazy(
                    gettext_lazy("Effectiveness check due for incident {number}"), number=action.incident.number
                ),
                body=action.description,
                url=action.get_absolute_url(),
            )
        )
    return sent


# --- statistics input ---------------------------------------------------------------------------


def hours_worked_set(*, user, month: datetime.date, hours) -> HoursWorked:
    require(user, "incidents.enter_hours")
    if hours is None or hours < 0:
        raise ApplicationError(_("Hours worked cannot be negative."))
    with transaction.atomic():
        row, _created = HoursWorked.objects.update_or_create(
            month=month.replace(day=1), defaults={"hours": hours, "entered_by": user}
        )
    return row


# --- case study (R6.3.4) ------------------------------------------------------------------------


def _people_to_hide(incident) -> list:
    """Everyone named in connection with the incident, in a stable order."""
    seen, people = set(), []
    candidates = [p.person for p in incident.people.all() if p.person_id]
    candidates += [incident.reporter, incident.lead, incident.plan_activated_by]
    candidates += [a.owner for a in incident.actions.all()]
    for person in candidates:
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


def anonymiser_for(incident):
    """A function that replaces the names of people in the incident (and of any colleague) in text."""
    User = get_user_model()
    labels: dict[str, str] = {}
    letters = iter(string.ascii_uppercase)
    # Full names only: user names are often ordinary words ("head") that the text needs.
    involved_names = [person.full_name for person in _people_to_hide(incident)]
    outsiders = [p.name for p in incident.people.all() if not p.person_id and p.name.strip()]
    for name in involved_names:
        label = _("Person %(letter)s") % {"letter": next(letters, "X")}
        if name and len(name.strip()) >= 2:
            labels.setdefault(name.strip(), label)
    for name in outsiders:
        labels.setdefault(name.strip(), _("Person %(letter)s") % {"letter": next(letters, "X")})
    # Any other colleague mentioned by name in free text.
    for full_name in User.objects.exclude(full_name="").values_list("full_name", flat=True):
        if len(full_name.strip()) >= 2:
            labels.setdefault(full_name.strip(), _("a colleague"))
    # Parts of Latin names ("Li Na" → also "Li", "Na" when they stand alone as words of 3+ letters).
    for name, label in list(labels.items()):
        parts = name.split()
        if len(parts) > 1:
            for part in parts:
                if len(part) >= 3:
                    labels.setdefault(part, label)
    ordered = sorted(labels, key=len, reverse=True)
    if not ordered:
        return lambda text: text
    latin = re.compile(r"^[\w.\- ]+$", re.ASCII)
    patterns = [
        (re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) if latin.match(n) else re.compile(re.escape(n)), labels[n])
        for n in ordered
    ]

    def anonymise(text: str) -> str:
        for pattern, label in patterns:
            text = pattern.sub(label, text)
        return text

    return anonymise


def case_study_publish(*, incident, user, title: str = "") -> CaseStudy:
    """Publish a closed incident as an anonymised case study for training, visible to all staff."""
    require(user, "incidents.publish_case_study", incident)
    with transaction.atomic():
        incident = _lock(incident)
        if incident.status != Incident.Status.CLOSED:
            raise Conflict(_("Only a closed incident can be published as a case study."))
        if CaseStudy.objects.filter(incident=incident).exists():
            raise Conflict(_("This incident has already been published as a case study."))
        hide = anonymiser_for(incident)
        events = "\n".join(
            f"{timezone.localtime(e.happened_at):%H:%M} {hide(e.description)}" for e in incident.events.all()
        )
        summary = "\n\n".join(x for x in (hide(incident.description), events, hide(incident.immediate_actions)) if x)
        if incident.cause_method == Incident.CauseMethod.FIVE_WHYS and incident.whys:
            why_lines = "\n".join(f"{i}. {hide(w)}" for i, w in enumerate(incident.whys, start=1))
        else:
            why_lines = ", ".join(str(x) for x in incident.cause_category_labels)
        causes = "\n\n".join(
            x for x in (hide(incident.root_cause), why_lines, hide(incident.contributing_factors)) if x
        )
        actions = "\n".join(f"- {hide(a.description)}" for a in incident.actions.all())
        case = CaseStudy.objects.create(
            incident=incident,
            title=hide(title.strip()) or f"{incident.get_type_display()} · {incident.occurred_at:%Y-%m}",
            summary=summary,
            causes=causes,
            actions=actions,
            lessons=hide(incident.lessons_learned),
            incident_type=incident.type,
            incident_month=timezone.localtime(incident.occurred_at).date().replace(day=1),
            published_by=user,
        )
        timeline_record(subject=incident, actor=user, action=gettext_noop("published as case study"))
    return case
