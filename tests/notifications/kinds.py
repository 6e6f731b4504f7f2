"""Every kind of notification Anquan sends, found in the source and produced through the real services.

A notification's key names its record, the record's id and the kind — ``hazard:{h.pk}:rectified:…``,
``training:assignment:{a.pk}:new`` (the convention of ``apps.notifications.services.notify``). The
kinds in the source are the f-strings of that shape in ``apps/``; :func:`kind_of` reads a stored key the
same way. :func:`produce_every_kind` walks each module through the steps and reminders that notify, so a
test can hold every kind against the source list: a module that adds a kind adds its step here.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

# `f"hazard:{h.pk}:reported` / `f"training:assignment:{a.pk}:new`: the record, its id, the kind.
SOURCE_KEY = re.compile(r'f"(?P<record>[a-z_-]+(?::[a-z_-]+)*):\{[^}]+\}:(?P<kind>[a-z_-]+)')


def kinds_in_source() -> set[str]:
    """Every notification kind named in ``apps/`` (``record:*:kind``); the demo seeders excluded."""
    kinds = set()
    for path in (Path(settings.BASE_DIR) / "apps").rglob("*.py"):
        if "migrations" in path.parts or "demo" in path.parts:
            continue
        for match in SOURCE_KEY.finditer(path.read_text(encoding="utf-8")):
            kinds.add(f"{match['record']}:*:{match['kind']}")
    return kinds


def kind_of(key: str) -> str:
    """``hazard:42:overdue:2026-11-25`` → ``hazard:*:overdue``."""
    parts = key.split(":")
    for i, part in enumerate(parts):
        if part.isdigit() and i + 1 < len(parts):
            return ":".join([*parts[:i], "*", parts[i + 1]])
    return key


def make_world():
    """People with ASCII names (so Chinese in an English text is never theirs), a department and an area
    with names in both languages, every role the steps need."""
    from types import SimpleNamespace

    from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory

    department = DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")
    safety = DepartmentFactory(code="safety", name="Safety Management", name_zh="安全管理部")
    head = UserFactory(username="wangfang", full_name="Wang Fang", department=department)
    department.head = head
    department.save()
    return SimpleNamespace(
        department=department,
        head=head,
        employee=UserFactory(username="lina", full_name="Li Na", department=department),
        officer=UserFactory(username="liuqiang", full_name="Liu Qiang", department=safety, role="officer"),
        manager=UserFactory(username="zhoujg", full_name="Zhou Jianguo", department=safety, role="management"),
        area=AreaFactory(department=department, name="Call centre hall", name_zh="呼叫中心大厅"),
    )


def produce_every_kind(world) -> None:
    """Walk every module through what notifies (inside ``django_capture_on_commit_callbacks(execute=True)``)."""
    for step in (
        _hazards, _incidents, _inspections, _training, _emergency, _responsibilities, _documents, _archive, _rewards,
    ):  # fmt: skip
        step(world)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _hazards(w):
    from apps.hazards import services as h

    def reported(title):
        return h.hazard_report(user=w.employee, title=title, description="Boxes at the door.", area=w.area)

    rejected = reported("Duplicate report")
    h.hazard_reject(hazard=rejected, user=w.officer, reason="Already reported")

    closed = reported("Blocked fire exit")
    h.hazard_assess(hazard=closed, user=w.officer, grade="major", likelihood=4, severity=4, category="fire")
    h.hazard_plan(
        hazard=closed,
        user=w.officer,
        measures="Clear the boxes",
        responsible_person=w.employee,
        department=w.department,
        funds=500,
        interim_safeguards="Cordon",
        contingency="Warden on duty",
    )
    h.hazard_rectify(hazard=closed, user=w.employee, note="Boxes removed")
    h.hazard_return(hazard=closed, user=w.head, reason="One box left")
    h.hazard_rectify(hazard=closed, user=w.employee, note="All boxes removed")
    h.hazard_sign_off(hazard=closed, user=w.head)
    h.hazard_verify(hazard=closed, user=w.officer)
    h.hazard_reopen(hazard=closed, user=w.officer, reason="Boxes are back")

    # Waiting for sign-off / verification, and deadlines coming and gone.
    waiting = reported("Loose socket")
    h.hazard_assess(hazard=waiting, user=w.officer, grade="general", likelihood=2, severity=2, category="electrical")
    h.hazard_plan(
        hazard=waiting, user=w.officer, measures="Fix it", responsible_person=w.employee, department=w.department
    )
    h.hazard_rectify(hazard=waiting, user=w.employee, note="Fixed")
    verifying = reported("Dark stairwell")
    h.hazard_assess(hazard=verifying, user=w.officer, grade="general", likelihood=2, severity=2, category="premises")
    h.hazard_plan(
        hazard=verifying, user=w.officer, measures="New lamps", responsible_person=w.employee, department=w.department
    )
    h.hazard_rectify(hazard=verifying, user=w.employee, note="Lamps replaced")
    h.hazard_sign_off(hazard=verifying, user=w.head)
    h.hazard_reminders_send(today=_days(10))

    due = reported("Wet floor")
    h.hazard_assess(
        hazard=due, user=w.officer, grade="general", likelihood=2, severity=2, category="premises", deadline=_days(2)
    )
    h.hazard_reminders_send(today=_days(0))  # due soon
    h.hazard_reminders_send(today=_days(12))  # overdue, and escalated to management


def _incidents(w):
    from apps.incidents import services as i

    incident = i.incident_report(
        reporter=w.employee,
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        type="injury",
        description="Slipped in the pantry",
    )
    i.incident_assign_lead(incident=incident, user=w.officer, lead=w.head)
    i.incident_external_report(incident=incident, user=w.officer, required=True)
    i.incident_external_overdue_send(now=timezone.now() + datetime.timedelta(days=3))
    i.incident_investigate(incident=incident, user=w.officer)
    action = i.action_add(
        incident=incident, user=w.officer, description="Non-slip mat", owner=w.employee, due_date=_days(0)
    )
    i.action_reminders_send(today=_days(0))  # due
    i.action_complete(action=action, user=w.employee, evidence="Mat laid", check_due=_days(0))
    i.action_reminders_send(today=_days(0))  # effectiveness check due
    i.action_check(action=action, user=w.officer, effective=False, note="Mat slides")


def _inspections(w):
    from apps.inspections import services as s
    from tests.inspections.factories import make_template

    request = s.appliance_request_create(
        user=w.employee, appliance="Kettle", power_watts=1800, area=w.area, purpose="Tea"
    )
    s.appliance_request_decide(appliance_request=request, user=w.officer, approve=False, comment="Not at desks")
    template = make_template(items=2, name="Fire round", name_zh="消防巡查")
    s.inspection_create(user=w.officer, template=template, inspector=w.head, due_date=_days(2), area=w.area)
    s.inspection_create(user=w.officer, template=template, inspector=w.head, due_date=_days(-2), area=w.area)
    s.inspection_reminders_send(today=_days(0))
    s.equipment_create(
        user=w.officer,
        code="FE-01",
        kind="extinguisher",
        area=w.area,
        check_interval_days=30,
        next_check_due=_days(0),
        expires_on=_days(0),
    )
    s.equipment_reminders_send(today=_days(1))


def _training(w):
    from apps.training import services as t
    from apps.training.models import Completion
    from tests.training.factories import CourseFactory

    course = CourseFactory(name="Fire safety induction", name_zh="消防安全入职培训", validity_months=12)
    t.assignment_create(user=w.officer, people=[w.employee], course=course, due_date=_days(3))
    t.training_reminders_send(today=_days(0))  # due soon
    t.training_reminders_send(today=_days(10))  # overdue, and the head told
    other = CourseFactory(name="Evacuation", name_zh="疏散", validity_months=12)
    Completion.objects.create(
        person=w.head, course=other, completed_on=_days(-350), expires_on=_days(10), source=Completion.Source.MANUAL
    )
    t.training_reminders_send(today=_days(0))  # expiring


def _emergency(w):
    from apps.emergency import services as e
    from tests.emergency.factories import DrillFactory, PlanFactory

    plan = PlanFactory(name="Fire", name_zh="火灾")
    DrillFactory(plan=plan, site=w.area.floor.site, planned_at=timezone.now() + datetime.timedelta(hours=30),
                 people=[w.employee])  # fmt: skip
    e.drill_reminders_send()


def _responsibilities(w):
    from decimal import Decimal

    from apps.responsibilities import services as r
    from apps.responsibilities.models import Statement

    year = timezone.localdate().year
    # Objectives and the work plan: approved by management, the owners told; a task cancelled.
    objective = r.objective_create(
        user=w.officer, year=year, title="No major incidents", title_zh="零重大事故", target=Decimal(0),
        direction="at_most", metric="incidents.major_count", department=w.department, owner=w.employee,
    )  # fmt: skip
    r.objective_submit(objective=objective, user=w.officer)
    r.objective_approve(objective=objective, user=w.manager)
    plan = r.workplan_create(user=w.officer, year=year)
    kept = r.task_add(plan=plan, user=w.officer, title="Fire drill", month=6, owner=w.employee)
    cancelled = r.task_add(plan=plan, user=w.officer, title="Spare drill", month=7, owner=w.employee)
    r.workplan_submit(workplan=plan, user=w.officer)
    r.workplan_approve(workplan=plan, user=w.manager)
    r.task_cancel(task=cancelled, user=w.officer, comment="Merged into the June drill")
    r.responsibilities_reminders_send(today=kept.due_date - datetime.timedelta(days=3))  # task due soon
    r.responsibilities_reminders_send(today=kept.due_date + datetime.timedelta(days=3))  # task overdue

    # The budget: spending past the approved amount asked of management, and decided.
    budget = r.budget_create(user=w.officer, year=year)
    line = r.budget_line_add(
        budget=budget, user=w.officer, category="equipment", description="Extinguishers", amount_requested=100
    )
    r.budget_submit(budget=budget, user=w.officer)
    r.budget_approve(budget=budget, user=w.manager)
    spending = r.spending_record(
        line=line, user=w.officer, date=timezone.localdate(), amount=Decimal(150), description="Ten extinguishers",
        request_override=True,
    )  # fmt: skip
    r.spending_override(spending=spending, user=w.manager, comment="The old ones failed the check")

    # A meeting's action items: assigned, reminded before and after the due date (the chair told),
    # done, reopened, cancelled.
    meeting = r.meeting_create(
        user=w.officer, type="committee", title="Safety committee", title_zh="安全委员会会议",
        starts_at=timezone.now() + datetime.timedelta(days=1), duration_minutes=60, chair=w.officer,
    )  # fmt: skip

    def action(title):
        decision = r.decision_add(
            meeting=meeting, user=w.officer, text="Replace the expired extinguishers", action_title=title,
            owner=w.employee, due_date=_days(2),
        )  # fmt: skip
        return decision.actions.get()

    chased = action("Replace extinguishers on floor 5")
    r.responsibilities_reminders_send(today=_days(0))  # due soon
    r.responsibilities_reminders_send(today=_days(5))  # overdue, and escalated to the chair
    r.action_done(action=chased, user=w.employee, note="Replaced")
    r.action_reopen(action=chased, user=w.officer, comment="Floor 5 east still has the old ones")
    r.action_cancel(action=action("Replace extinguishers on floor 6"), user=w.officer, comment="Floor 6 is closed")

    # Statements: issued to everyone in scope, signed by the employee, countersigned by the head.
    r.statements_issue(user=w.officer, year=year)
    statement = Statement.objects.get(year=year, person=w.employee)
    r.statement_sign(statement=statement, user=w.employee, typed_name=w.employee.full_name, confirm_read=True)
    r.statement_countersign(statement=statement, user=w.head, typed_name=w.head.full_name)


def _documents(w):
    from apps.documents import services as d
    from tests.documents.factories import approved_document

    _document, version = approved_document(officer=w.officer, manager=w.manager)
    d.campaign_start(user=w.officer, version=version, due_date=_days(2), departments=[w.department])
    d.reminders_send(today=_days(0))  # due soon


def _archive(w):
    # The request (``export_request``) queues the build in a background thread on the embedded default; the
    # build is run here as the worker runs it, on a request recorded as the service records it.
    from apps.archive.models import ArchiveExport
    from apps.archive.tasks import build_export

    export = ArchiveExport.objects.create(year=timezone.localdate().year, requested_by=w.officer)
    build_export(export.pk)


def _rewards(w):
    from apps.rewards import services as r

    def propose(kind, **kw):
        return r.decision_propose(user=w.officer, kind=kind, department=w.department, person=w.employee,
                                  reason="Reported a blocked exit", effective_date=_days(0), **kw)  # fmt: skip

    rejected = propose("commendation")
    r.decision_reject(decision=rejected, user=w.manager, comment="Not enough evidence")
    reward = propose("commendation")
    r.decision_approve(decision=reward, user=w.manager)
    r.decision_announce(decision=reward, user=w.officer)
    for decide in (r.decision_uphold, r.decision_revoke):
        penalty = propose("criticism")
        r.decision_approve(decision=penalty, user=w.manager)
        r.decision_notify(decision=penalty, user=w.officer)
        r.decision_appeal(decision=penalty, user=w.employee, comment="I was not on shift")
        decide(decision=penalty, user=w.manager, comment="Checked the shift log")
    # The quarterly suggestions: two rectifications of the employee's left overdue last quarter.
    from tests.hazards.factories import HazardFactory

    today = timezone.localdate()
    first_of_quarter = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    for days in (20, 30):
        HazardFactory(reporter=w.officer, responsible_person=w.employee, status="rectifying", grade="general",
                      deadline=first_of_quarter - datetime.timedelta(days=days), department=w.department)  # fmt: skip
    assert r.suggestions_notify(today=first_of_quarter) >= 1
