"""Write operations of emergency management: plans and their versions, the response team, drills."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.i18n import in_each_language
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.documents.services import (
    document_create,
    version_approve,
    version_draft_next,
    version_submit,
    version_update,
)
from apps.hazards.selectors import hazards_for_source
from apps.hazards.services import hazard_raise
from apps.notifications.services import notify
from apps.organization.selectors import safety_officers
from apps.regulation.selectors import clauses_by_refs

from .models import ContingencyPlan, Drill, DrillParticipant, DrillProblem, PlanStep, TeamMember
from .workflow import DRILL_FLOW

DEFAULT_DRILL_REMINDER_HOURS = 72
MAX_DRILL_DURATION = datetime.timedelta(hours=24)


def drill_reminder_hours() -> int:
    """How long before a drill its participants and the officers are reminded (settings, default 72 h)."""
    return int(getattr(settings, "ANQUAN_DRILL_REMINDER_HOURS", DEFAULT_DRILL_REMINDER_HOURS))


# --- contingency plans ---------------------------------------------------------------------------
# A plan's versions are controlled document versions (apps.documents): drafting, submitting, approval by
# management (never by the author) and supersession are document control's. This module adds the
# plan's own content — its steps — and keeps it with each version (hooks registered in apps.py).


def plan_create(*, user, code: str, name: str, name_zh: str = "", scenario: str, drill_interval_months: int = 6):
    """A new contingency plan with its controlled document and an empty first draft version."""
    require(user, "emergency.manage_plan")
    if ContingencyPlan.objects.filter(code=code).exists():
        raise ApplicationError(_("A plan with this code already exists."))
    with transaction.atomic():
        document = document_create(
            user=user, number=plan_document_number(code), title=name, title_zh=name_zh, category="plan",
            clauses=clauses_by_refs(["R5.1.1"]).values(),
        )  # fmt: skip
        plan = ContingencyPlan.objects.create(
            code=code, name=name, name_zh=name_zh, scenario=scenario, drill_interval_months=drill_interval_months,
            document=document,
        )  # fmt: skip
        timeline_record(subject=plan, actor=user, action=gettext_noop("created"), to_state="")
    return plan


def plan_document_number(code: str) -> str:
    return f"YA-{code.upper()}"[:40]


def plan_version_draft(*, plan, user):
    """Start the next version of a plan as a draft (document control copies the text, we copy the steps)."""
    require(user, "emergency.manage_plan", plan)
    return version_draft_next(user=user, document=plan.document)


def copy_steps(*, previous, draft):
    """Document-control hook: a new draft of a plan starts with the previous version's steps."""
    if previous is not None and draft.document.category == "plan":
        PlanStep.objects.bulk_create(
            PlanStep(version=draft, order=s.order, role=s.role, text=s.text, text_zh=s.text_zh)
            for s in previous.plan_steps.all()
        )


def check_steps(version):
    """Document-control check before submission and approval: a plan version needs its steps."""
    if version.document.category == "plan" and not version.plan_steps.exists():
        raise ApplicationError(_("A plan version needs at least one step."))


def plan_version_update(
    *,
    version,
    user,
    purpose: str,
    purpose_zh: str,
    effective_date: datetime.date | None,
    change_note: str,
    steps: list[dict],
):
    """Change a draft version's purpose, dates and steps; versions under review or approved are frozen."""
    plan = version.document.contingency_plan
    require(user, "emergency.manage_plan", plan)
    with transaction.atomic():
        version = version_update(
            user=user, version=version, body_kind="text", body=purpose, body_zh=purpose_zh,
            effective_date=effective_date, change_note=change_note, review_date=version.review_date,
        )  # fmt: skip
        version.plan_steps.all().delete()
        PlanStep.objects.bulk_create(
            PlanStep(version=version, order=i, role=s["role"], text=s["text"], text_zh=s.get("text_zh", ""))
            for i, s in enumerate(steps, start=1)
        )
    return version


def plan_version_submit(*, version, user, comment: str = ""):
    return version_submit(documentversion=version, user=user, comment=comment)


def plan_version_approve(*, version, user, comment: str = ""):
    """Management approves a submitted version: it is in force, the previous one superseded."""
    return version_approve(documentversion=version, user=user, comment=comment)


# --- response team ------------------------------------------------------------------------------


def team_member_add(*, user, person, team_role: str, deputy=None, phone: str = "", site=None) -> TeamMember:
    require(user, "emergency.manage_team")
    if deputy is not None and deputy.pk == person.pk:
        raise ApplicationError(_("A member cannot be their own deputy."))
    with transaction.atomic():
        if TeamMember.objects.filter(person=person, team_role=team_role).exists():
            raise ApplicationError(_("This person already has this team role."))
        member = TeamMember.objects.create(person=person, team_role=team_role, deputy=deputy, phone=phone, site=site)
    return member


def team_member_remove(*, user, member) -> None:
    require(user, "emergency.manage_team")
    member.delete()


# --- drills -------------------------------------------------------------------------------------


def drill_schedule(
    *, user, plan, site, planned_at: datetime.datetime, scope: str = "", participants: Iterable = ()
) -> Drill:
    """Plan a drill of a plan at a site; the plan's current approved version is the one drilled."""
    require(user, "emergency.manage_drill")
    if planned_at <= timezone.now():
        raise ApplicationError(_("A drill is planned for a future time; record past drills on a planned drill."))
    with transaction.atomic():
        version = plan.document.current_version if plan.document_id else None
        drill = Drill.objects.create(
            plan=plan, plan_version=version, site=site, planned_at=planned_at, scope=scope, organiser=user
        )
        DrillParticipant.objects.bulk_create(DrillParticipant(drill=drill, person=p) for p in set(participants))
        DRILL_FLOW.start(drill, "plan", user=user)
    return drill


def drill_cancel(*, drill, user, reason: str) -> Drill:
    """Cancel a planned drill; the reason is required and kept in the history."""
    if not reason.strip():
        raise ApplicationError(_("Give a reason for cancelling the drill."))
    return DRILL_FLOW.apply(drill, "cancel", user=user, comment=reason)


def drill_record(
    *,
    drill,
    user,
    started_at: datetime.datetime,
    ended_at: datetime.datetime,
    evacuation_seconds: int | None,
    evaluation: str,
    rating: str,
    attended_ids: Iterable[int],
    extra_participants: Iterable = (),
) -> Drill:
    """Record how a drill went: actual time, attendance, evacuation time and evaluation."""
    if ended_at < started_at:
        raise ApplicationError(_("The drill cannot end before it starts."))
    if started_at > timezone.now():
        raise ApplicationError(_("A drill can be recorded only after it has started."))
    if ended_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ApplicationError(_("A drill can be recorded only once it has ended; the end is in the future."))
    if ended_at - started_at > MAX_DRILL_DURATION:
        raise ApplicationError(_("A drill lasts at most a day; check the start and end times."))
    if evacuation_seconds is not None and evacuation_seconds > (ended_at - started_at).total_seconds():
        raise ApplicationError(
            _("The evacuation cannot take longer than the drill itself (%(minutes)d minutes).")
            % {"minutes": (ended_at - started_at).total_seconds() // 60}
        )
    extra_participants = list(extra_participants)

    def record(d):
        for person in extra_participants:
            DrillParticipant.objects.get_or_create(drill=d, person=person)
        attended = set(attended_ids) | {p.pk for p in extra_participants}
        for row in d.attendance.all():
            row.attended = row.person_id in attended
            row.save(update_fields=["attended"])
        d.started_at, d.ended_at = started_at, ended_at
        d.evacuation_seconds, d.evaluation, d.rating = evacuation_seconds, evaluation, rating

    return DRILL_FLOW.apply(drill, "record", user=user, apply=record)


def drill_problem_add(*, drill, user, description: str, area=None, raise_hazard: bool = False) -> DrillProblem:
    require(user, "emergency.manage_drill", drill)
    if not description.strip():
        raise ApplicationError(_("Describe the problem."))
    with transaction.atomic():
        problem = DrillProblem.objects.create(drill=drill, description=description, area=area, reported_by=user)
        if raise_hazard:
            problem = drill_problem_raise_hazard(problem=problem, user=user)
    return problem


def drill_problem_raise_hazard(*, problem, user) -> DrillProblem:
    """Turn a drill problem into a hazard (隐患) through the hazards service; once."""
    require(user, "emergency.manage_drill", problem.drill)
    with transaction.atomic():
        problem = DrillProblem.objects.select_for_update().select_related("drill__plan").get(pk=problem.pk)
        if hazards_for_source(problem).exists():
            raise Conflict(_("This problem has already been raised as a hazard."))
        drill = problem.drill
        category = {"fire": "fire", "network": "network", "power": "electrical"}.get(drill.plan.scenario, "other")
        problem_line = next((x.strip() for x in problem.description.splitlines() if x.strip()), "")
        title, title_zh = in_each_language(
            lambda: _("Drill finding (%(plan)s): %(problem)s") % {"plan": drill.plan, "problem": problem_line}
        )
        hazard = hazard_raise(
            title=title[:200],
            title_zh=title_zh[:200],
            description=problem.description,
            reporter=user,
            area=problem.area,
            site=drill.site,
            location_text="" if problem.area else str(drill.site),
            category=category,
            source=problem,
        )
        timeline_record(
            subject=drill, actor=user, action=gettext_noop("problem raised as hazard"), comment=hazard.number
        )
    return problem


# What a drill reminder asks (notify(topic=…)), with the planned time it was sent for.
TOPIC_TAKE_PART = "take_part"


def drill_message_relevant(drill: Drill, topic: str) -> bool:
    """A drill reminder is needed while the drill is still planned for the time it named (apps.py)."""
    stamp = topic.partition(":")[2]
    return drill.status == Drill.Status.PLANNED and f"{timezone.localtime(drill.planned_at):%Y-%m-%dT%H:%M}" == stamp


def drill_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind participants and safety officers of drills starting within the lead time; once per drill date."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=drill_reminder_hours())
    sent = 0
    drills = Drill.objects.filter(status=Drill.Status.PLANNED, planned_at__gt=now, planned_at__lte=horizon)
    officers = list(safety_officers())
    for drill in drills.select_related("plan", "site").prefetch_related("participants"):
        when = timezone.localtime(drill.planned_at)
        recipients = list(drill.participants.all()) + officers
        # The plan and the site as records and the time as a datetime: each reader gets their language.
        subject = format_lazy(gettext_lazy("Drill reminder: {plan} on {when}"), plan=drill.plan, when=when)
        body = format_lazy(
            gettext_lazy("A {plan} drill takes place at {site} on {when}. Scope: {scope}"),
            plan=drill.plan,
            site=drill.site,
            when=when,
            scope=drill.scope or "—",
        )
        sent += len(
            notify(
                recipients=recipients,
                key=f"drill:{drill.pk}:reminder:{when:%Y-%m-%dT%H:%M}",
                subject=subject,
                body=body,
                url=drill.get_absolute_url(),
                about=drill,
                topic=f"{TOPIC_TAKE_PART}:{when:%Y-%m-%dT%H:%M}",
            )
        )
    return sent
