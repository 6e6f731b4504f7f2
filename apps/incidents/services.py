"""Write operations on incidents: report, respond, report externally, investigate, correct, close.

Every service is keyword-only, checks permission and validates; state changes are the moves declared
in ``workflow.py`` (``INCIDENT_FLOW.apply``/``ACTION_FLOW.apply``), changes that keep the state go
through ``INCIDENT_FLOW.edit`` in the states that allow them. Both lock the row, check the state under
the lock, write the timeline and queue notifications after the commit.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.i18n import in_each_language
from apps.core.permissions import require
from apps.core.services import attachment_add, record_number_next, timeline_record
from apps.hazards.services import hazard_raise
from apps.notifications.services import notify
from apps.organization.selectors import safety_officers

from .models import (
    CaseStudy,
    CorrectiveAction,
    HoursWorked,
    Incident,
    IncidentEvent,
    InvolvedPerson,
)
from .workflow import ACTION_FLOW, INCIDENT_FLOW, INVESTIGATION, OPEN

NUMBER_PREFIX = "INC"  # INC-2026-0007, from core's record_number_next
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
    transaction.on_commit(lambda: notify(**kwargs))


# What a change refused on a closed or not yet investigated incident says.
LOCKED = gettext_lazy("This incident is closed and locked. Reopen it (with a reason) to change it.")
NOT_INVESTIGATING = gettext_lazy("Start the investigation first.")


def _edit(incident, *, user, states=OPEN, refused=LOCKED, **kwargs) -> Incident:
    """Change an incident without moving it, in the states that allow the change (locked, checked)."""
    if states is INVESTIGATION and incident.is_open:
        refused = NOT_INVESTIGATING
    return INCIDENT_FLOW.edit(incident, user=user, states=states, refused=refused, **kwargs)


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
    with transaction.atomic():
        incident = Incident.objects.create(
            number=record_number_next(prefix=NUMBER_PREFIX),
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

        def tell_officers_and_head(i):
            recipients = list(safety_officers())
            if i.department_id and i.department.head_id:
                recipients.append(i.department.head)
            notify(
                recipients=[u for u in recipients if u.pk != reporter.pk],
                key=f"incident:{i.pk}:reported",
                subject=format_lazy(
                    gettext_lazy("Incident reported: {number} ({type})"),
                    number=i.number,
                    type=Incident.Type(type).label,
                ),
                body=format_lazy(
                    gettext_lazy("{reporter} reported: {text}"), reporter=reporter, text=description[:300]
                ),
                url=i.get_absolute_url(),
            )

        INCIDENT_FLOW.start(incident, "report", user=reporter, on_commit=tell_officers_and_head)
    return incident


# --- workflow ----------------------------------------------------------------------------------


def incident_investigate(*, incident, user, comment: str = "") -> Incident:
    """Start the investigation (officer or the investigation lead)."""
    return INCIDENT_FLOW.apply(incident, "investigate", user=user, comment=comment)


def _has_actions(incident):
    if not incident.actions.exists():
        raise ApplicationError(_("Add at least one corrective or preventive action first."))


def incident_start_actions(*, incident, user, comment: str = "") -> Incident:
    """The investigation is done and its corrective and preventive actions are under way."""
    return INCIDENT_FLOW.apply(incident, "start_actions", user=user, comment=comment, apply=_has_actions)


def _ready_to_close(incident):
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
            _("Every action must be done and checked effective before closing (%(n)d pending).") % {"n": len(pending)}
        )


def incident_close(*, incident, user, comment: str = "") -> Incident:
    """Close the incident: root cause known, authority told when it must be, every action closed."""
    return INCIDENT_FLOW.apply(incident, "close", user=user, comment=comment, apply=_ready_to_close)


def incident_reopen(*, incident, user, comment: str) -> Incident:
    """Reopen a closed incident for more investigation; the reason is required."""
    return INCIDENT_FLOW.apply(incident, "reopen", user=user, comment=comment)


# --- response (R5.2.2) and external report (R5.2.3) ---------------------------------------------


def incident_activate_plan(*, incident, user, plan) -> Incident:
    """Link and activate a contingency plan; who and when are recorded."""
    require(user, "incidents.respond_incident", incident)

    def activate(i):
        i.plan, i.plan_activated_by, i.plan_activated_at = plan, user, timezone.now()

    return _edit(incident, user=user, apply=activate, action=gettext_noop("plan activated"), comment=plan)


def incident_assign_lead(*, incident, user, lead) -> Incident:
    require(user, "incidents.respond_incident", incident)

    def assign(i):
        i.lead = lead

    def tell_lead(i):
        notify(
            recipients=[lead],
            key=f"incident:{i.pk}:lead:{lead.pk}",
            subject=format_lazy(gettext_lazy("You lead the investigation of {number}"), number=i.number),
            url=i.get_absolute_url(),
        )

    return _edit(
        incident, user=user, apply=assign, action=gettext_noop("lead assigned"), comment=str(lead), on_commit=tell_lead
    )


EDITABLE_FIELDS = ("type", "severity", "occurred_at", "area", "location_detail", "description", "immediate_actions")


def incident_update(*, incident, user, **fields) -> Incident:
    """Correct the report's details (officer or lead); refused on a closed incident."""
    require(user, "incidents.investigate", incident)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"unknown fields {sorted(unknown)}")
    if fields.get("occurred_at") is not None:
        check_occurred_at(fields["occurred_at"])
    changed = []

    def correct(i):
        changed.extend(f for f, v in fields.items() if getattr(i, f) != v)
        for f in changed:
            setattr(i, f, fields[f])
        if "occurred_at" in changed:
            if i.external_reported_at and i.external_reported_at < i.occurred_at:
                raise ApplicationError(
                    _("The incident cannot have happened after it was reported to the authority (%(when)s).")
                    % {"when": _fmt(i.external_reported_at)}
                )
            if i.external_required:
                i.external_due_at = external_due_for(i)
            first_event = i.events.order_by("happened_at").first()
            if first_event and first_event.happened_at < i.occurred_at - EVENT_LEAD_TIME:
                raise ApplicationError(
                    _("The timeline of events starts at %(when)s, more than a day before this time.")
                    % {"when": _fmt(first_event.happened_at)}
                )

    with transaction.atomic():
        incident = _edit(incident, user=user, apply=correct)
        if changed:  # the timeline names what was corrected, in the reader's language
            names = [Incident._meta.get_field(f).verbose_name for f in changed]
            comment = format_lazy(", ".join(["{}"] * len(names)), *names)
            timeline_record(subject=incident, actor=user, action=gettext_noop("edited"), comment=comment)
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

    def record(i):
        if required and reported_at and reported_at < i.occurred_at:
            raise ApplicationError(
                _("The authority cannot have been told before the incident happened (%(when)s).")
                % {"when": _fmt(i.occurred_at)}
            )
        i.external_required = required
        i.external_due_at = external_due_for(i) if required else None
        i.external_authority = authority if required else ""
        i.external_reported_at = reported_at if required else None
        i.external_reference = reference if required else ""

    if required and reported_at:
        comment = f"{authority} · {reference}"
        action = gettext_noop("reported externally")
    else:
        comment = ""
        action = gettext_noop("external report required") if required else gettext_noop("no external report needed")
    return _edit(incident, user=user, apply=record, action=action, comment=comment)


def incident_external_overdue_send(*, now: datetime.datetime | None = None) -> int:
    """Warn the safety officers once about each required external report not made in time."""
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
    require(user, "incidents.investigate", incident)
    whys = [w.strip() for w in whys if w and w.strip()][:5]
    valid = set(Incident.CauseCategory.values)
    cause_categories = [c for c in cause_categories if c in valid]
    if cause_method == Incident.CauseMethod.FIVE_WHYS and not whys:
        raise ApplicationError(_("Answer at least the first “why”."))
    if cause_method == Incident.CauseMethod.CATEGORIES and not cause_categories:
        raise ApplicationError(_("Pick at least one cause category."))

    def record(i):
        i.cause_method, i.whys, i.cause_categories = cause_method, whys, cause_categories
        i.root_cause, i.contributing_factors = root_cause, contributing_factors
        i.lessons_learned = lessons_learned

    return _edit(incident, user=user, states=INVESTIGATION, apply=record, action=gettext_noop("investigation updated"))


def incident_event_add(*, incident, user, happened_at: datetime.datetime, description: str) -> IncidentEvent:
    require(user, "incidents.investigate", incident)
    if not description.strip():
        raise ApplicationError(_("Describe the event."))
    if happened_at > timezone.now() + CLOCK_SKEW:
        raise ApplicationError(_("An event of the timeline cannot be in the future."))
    added = []

    def add(i):
        if happened_at < i.occurred_at - EVENT_LEAD_TIME:
            raise ApplicationError(
                _("The timeline covers the day before the incident (%(when)s) and after; this event is earlier.")
                % {"when": _fmt(i.occurred_at)}
            )
        added.append(IncidentEvent.objects.create(incident=i, happened_at=happened_at, description=description))

    _edit(incident, user=user, states=INVESTIGATION, apply=add)
    return added[0]


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
    require(user, "incidents.investigate", incident)
    if not description.strip():
        raise ApplicationError(_("Describe the action."))
    if check_due and check_due < due_date:
        raise ApplicationError(_("The effectiveness check comes on or after the due date."))
    latest = timezone.localdate() + datetime.timedelta(days=MAX_PLAN_DAYS)
    if due_date > latest or (check_due and check_due > latest):
        raise ApplicationError(_("Plan the action within three years (by %(date)s).") % {"date": latest.isoformat()})
    if due_date < timezone.localtime(incident.occurred_at).date():
        raise ApplicationError(_("An action cannot be due before the incident happened."))
    added = []

    def add(i):
        action = CorrectiveAction.objects.create(
            incident=i, kind=kind, description=description, owner=owner, due_date=due_date, check_due=check_due
        )
        added.append(action)

        def tell_owner(a):
            notify(
                recipients=[owner],
                key=f"incident-action:{a.pk}:assigned",
                subject=format_lazy(
                    gettext_lazy("Action for incident {number}: due {due}"), number=i.number, due=due_date.isoformat()
                ),
                body=description,
                url=a.get_absolute_url(),
            )

        ACTION_FLOW.start(action, "add", user=user, comment=f"{description[:60]} → {owner}", on_commit=tell_owner)

    with transaction.atomic():
        incident = _edit(incident, user=user, states=INVESTIGATION, apply=add)
        if incident.status == Incident.Status.INVESTIGATING:  # the first action starts the actions stage
            INCIDENT_FLOW.apply(incident, "start_actions", user=user)
    return added[0]


def _about(action, text: str = "") -> str:
    """A timeline comment about an action: which action (its first words) and what was said."""
    return action.description[:60] + (f": {text}" if text else "")


def _not_own_work(action, user):
    if user.pk in (action.owner_id, action.completed_by_id):
        raise NotAllowed(_("You did the work of this action, so another safety officer checks its effectiveness."))


def _check_is_due(action):
    if action.check_due and timezone.localdate() < action.check_due:
        raise ApplicationError(
            _("The effectiveness check is due on %(date)s, not before.") % {"date": date_format(action.check_due)}
        )


def action_complete(
    *, action, user, evidence: str, check_due: datetime.date | None = None, photos: Iterable = ()
) -> CorrectiveAction:
    """The owner marks the action done with evidence; an effectiveness check is scheduled."""
    if not evidence.strip():
        raise ApplicationError(_("Describe the evidence that the action was done."))
    today = timezone.localdate()

    def done(a):
        due = check_due or a.check_due
        if due is None:
            due = today + datetime.timedelta(
                days=int(getattr(settings, "ANQUAN_EFFECTIVENESS_CHECK_DAYS", DEFAULT_EFFECTIVENESS_CHECK_DAYS))
            )
        a.evidence, a.check_due = evidence, max(due, today)
        for photo in photos:
            attachment_add(subject=a, upload=photo, user=user, role="evidence")

    def ask_for_check(a):
        recipients = list(safety_officers()) + ([a.incident.lead] if a.incident.lead_id else [])
        notify(
            recipients=[u for u in recipients if u.pk != user.pk],
            key=f"incident-action:{a.pk}:done:{a.completed_at:%Y%m%d%H%M%S}",
            subject=format_lazy(
                gettext_lazy("Action done for {number}: check effectiveness on {date}"),
                number=a.incident.number,
                date=a.check_due.isoformat(),
            ),
            body=evidence,
            url=a.get_absolute_url(),
        )

    return ACTION_FLOW.apply(action, "complete", user=user, comment=_about(action), apply=done, on_commit=ask_for_check)


def action_confirm_effective(*, action, user, comment: str = "") -> CorrectiveAction:
    """The effectiveness check (ISO 45001 10.2) found the action effective: it is closed."""
    _not_own_work(action, user)

    def check(a):
        _check_is_due(a)
        a.check_note = comment

    return ACTION_FLOW.apply(action, "confirm_effective", user=user, comment=_about(action, comment), apply=check)


def action_not_effective(*, action, user, comment: str) -> CorrectiveAction:
    """The effectiveness check found the action not effective: it is open again and the owner is told."""
    _not_own_work(action, user)
    if not (comment or "").strip():
        raise ApplicationError(_("Give a reason."))

    def check(a):
        _check_is_due(a)
        a.check_note = comment
        a.completed_at, a.completed_by = None, None

    def tell_owner(a):
        notify(
            recipients=[a.owner],
            key=f"incident-action:{a.pk}:reopened:{a.checked_at:%Y%m%d%H%M%S}",
            subject=format_lazy(
                gettext_lazy("Action for {number} was not effective: please act again"), number=a.incident.number
            ),
            body=comment,
            url=a.get_absolute_url(),
        )

    return ACTION_FLOW.apply(
        action, "not_effective", user=user, comment=_about(action, comment), apply=check, on_commit=tell_owner
    )


def action_check(*, action, user, effective: bool, note: str = "") -> CorrectiveAction:
    """The effectiveness check: effective closes the action; not effective reopens it (a reason is required)."""
    if effective:
        return action_confirm_effective(action=action, user=user, comment=note)
    return action_not_effective(action=action, user=user, comment=note)


def action_raise_hazard(*, action, user, comment: str = "") -> CorrectiveAction:
    """Hand the action over to the hazard closed loop instead: the hazard's source is the action."""

    def hand_over(a):
        incident = a.incident
        title, title_zh = in_each_language(lambda: _("From incident %(number)s") % {"number": incident.number})
        hazard_raise(
            title=title,
            title_zh=title_zh,
            description=a.description,
            reporter=user,
            area=incident.area,
            department=incident.department,
            location_text=""
            if incident.area_id
            else (incident.location_detail or _("Where incident %(number)s happened") % {"number": incident.number}),
            category=HAZARD_CATEGORY_BY_TYPE.get(incident.type, "other"),
            source=a,
        )

    return ACTION_FLOW.apply(action, "raise_hazard", user=user, comment=_about(action, comment), apply=hand_over)


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind owners of due open actions and officers of due effectiveness checks; once per date."""
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
    published = []

    def publish(incident):
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
        published.append(
            CaseStudy.objects.create(
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
        )

    _edit(
        incident, user=user, states=[Incident.Status.CLOSED], apply=publish,
        action=gettext_noop("published as case study"),
        refused=gettext_lazy("Only a closed incident can be published as a case study."),
    )  # fmt: skip
    return published[0]
