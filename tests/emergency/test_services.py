import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.documents.models import DocumentVersion
from apps.emergency.models import ContingencyPlan, Drill
from apps.emergency.selectors import plans_with_drill_flags, undrilled_plans
from apps.emergency.services import (
    drill_problem_add,
    drill_record,
    drill_reminders_send,
    drill_schedule,
    plan_version_approve,
    plan_version_draft,
    plan_version_submit,
    plan_version_update,
    team_member_add,
)
from apps.notifications.models import Notification
from tests.emergency.factories import DrillFactory, shipped_plan
from tests.organization.factories import SiteFactory, UserFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def test_the_shipped_plans_exist_in_english_and_chinese_with_an_approved_version():
    shipped_plan("fire")  # the migration's rows, restored if a transactional test flushed them
    for code in ("fire", "earthquake", "network-security"):
        plan = ContingencyPlan.objects.get(code=code)
        version = plan.document.versions.get(status=DocumentVersion.Status.APPROVED)
        assert plan.name and plan.name_zh and plan.document.current_version == version
        steps = list(version.plan_steps.all())
        assert len(steps) >= 5 and all(s.text and s.text_zh for s in steps)


def test_a_new_plan_version_is_drafted_by_an_officer_and_approved_by_management(officer, manager):
    plan = shipped_plan("fire")
    draft = plan_version_draft(plan=plan, user=officer)
    assert draft.number == 2 and draft.plan_steps.count() == 8
    plan_version_update(
        version=draft,
        user=officer,
        purpose="Updated",
        purpose_zh="更新",
        effective_date=datetime.date(2027, 1, 1),
        change_note="New assembly point",
        steps=[{"role": "everyone", "text": "Go to the new assembly point", "text_zh": "前往新的集合点"}],
    )
    plan_version_submit(version=draft, user=officer)
    with pytest.raises(NotAllowed):
        plan_version_approve(version=draft, user=officer)
    plan_version_approve(version=draft, user=manager)
    statuses = dict(plan.document.versions.values_list("number", "status"))
    assert statuses == {1: "superseded", 2: "approved"}
    draft.refresh_from_db()
    assert draft.approved_by == manager and draft.approved_at
    with pytest.raises(Conflict):
        plan_version_update(
            version=draft, user=officer, purpose="x", purpose_zh="", effective_date=None, change_note="", steps=[]
        )


def test_a_plan_version_without_steps_cannot_be_submitted(officer):
    plan = shipped_plan("fire")
    draft = plan_version_draft(plan=plan, user=officer)
    draft.plan_steps.all().delete()
    with pytest.raises(ApplicationError):
        plan_version_submit(version=draft, user=officer)


def test_a_drill_reminder_is_sent_once_at_the_configured_lead_time(officer, employee, head, settings):
    settings.ANQUAN_DRILL_REMINDER_HOURS = 48
    planned = datetime.datetime(2026, 12, 10, 14, 0, tzinfo=SH)
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=SH), tick=False):
        drill = drill_schedule(
            user=officer,
            plan=shipped_plan("fire"),
            site=SiteFactory(),
            planned_at=planned,
            participants=[employee, head],
        )
    with time_machine.travel(planned - datetime.timedelta(hours=48, minutes=1), tick=False):
        assert drill_reminders_send() == 0
    with time_machine.travel(planned - datetime.timedelta(hours=47, minutes=55), tick=False):
        assert drill_reminders_send() == 3
    with time_machine.travel(planned - datetime.timedelta(hours=2), tick=False):
        assert drill_reminders_send() == 0
    notes = Notification.objects.filter(key__startswith=f"drill:{drill.pk}:reminder")
    assert sorted(notes.values_list("recipient__username", flat=True)) == ["employee", "head", "officer"]


def test_a_rescheduled_drill_is_reminded_again_for_its_new_time(officer, employee):
    drill = DrillFactory(
        plan=shipped_plan("fire"),
        planned_at=timezone.now() + datetime.timedelta(hours=5),
        people=[employee],
    )
    assert drill_reminders_send() == 2
    Drill.objects.filter(pk=drill.pk).update(planned_at=timezone.now() + datetime.timedelta(hours=8))
    assert drill_reminders_send() == 2


def test_a_cancelled_drill_sends_no_reminder(officer, employee):
    DrillFactory(
        plan=shipped_plan("fire"),
        planned_at=timezone.now() + datetime.timedelta(hours=5),
        status=Drill.Status.CANCELLED,
        people=[employee],
    )
    assert drill_reminders_send() == 0


def test_a_plan_not_drilled_within_its_interval_is_flagged(officer):
    fire = shipped_plan("fire")
    quake = shipped_plan("earthquake")
    DrillFactory(plan=fire, status=Drill.Status.DONE, started_at=timezone.now() - datetime.timedelta(days=60))
    DrillFactory(plan=quake, status=Drill.Status.DONE, started_at=timezone.now() - datetime.timedelta(days=200))
    DrillFactory(plan=quake, status=Drill.Status.PLANNED)  # planned is not drilled
    flagged = {p.code for p in undrilled_plans()}
    assert flagged == {"earthquake", "network-security"}
    fire.drill_interval_months = 1
    fire.save()
    assert "fire" in {p.code for p in plans_with_drill_flags() if p.drill_overdue}


def test_the_plans_page_flags_the_undrilled_plan(client, employee):
    DrillFactory(
        plan=shipped_plan("fire"),
        status=Drill.Status.DONE,
        started_at=timezone.now() - datetime.timedelta(days=10),
    )
    client.force_login(employee)
    html = client.get("/emergency/plans/").content.decode()
    fire_row = html.split('data-plan="fire"')[1].split("</tr>")[0]
    quake_row = html.split('data-plan="earthquake"')[1].split("</tr>")[0]
    assert "drill-overdue" not in fire_row and "drill-overdue" in quake_row


def test_recording_a_drill_keeps_attendance_evacuation_time_and_evaluation(officer, employee, head):
    drill = DrillFactory(plan=shipped_plan("fire"), people=[employee, head])
    Drill.objects.filter(pk=drill.pk).update(planned_at=timezone.now() - datetime.timedelta(hours=1))
    start = timezone.now() - datetime.timedelta(minutes=50)
    drill = drill_record(
        drill=drill,
        user=officer,
        started_at=start,
        ended_at=start + datetime.timedelta(minutes=20),
        evacuation_seconds=245,
        evaluation="Stairs B congested",
        rating="adequate",
        attended_ids=[employee.pk],
    )
    assert drill.status == Drill.Status.DONE and drill.evacuation_display == "4:05"
    assert dict(drill.attendance.values_list("person__username", "attended")) == {"employee": True, "head": False}
    with pytest.raises(Conflict):
        drill_record(
            drill=drill,
            user=officer,
            started_at=start,
            ended_at=start,
            evacuation_seconds=None,
            evaluation="",
            rating="good",
            attended_ids=[],
        )


def test_a_drill_problem_becomes_a_hazard_through_the_hazards_service(officer):
    from apps.hazards.selectors import hazards_for_source

    drill = DrillFactory(plan=shipped_plan("fire"))
    problem = drill_problem_add(drill=drill, user=officer, description="Exit sign on 3F is not lit", raise_hazard=True)
    hazard = hazards_for_source(problem).get()
    assert hazard.source == problem and hazard.category == "fire"


def test_only_officers_plan_drills_and_only_in_the_future(officer, employee):
    plan, site = shipped_plan("fire"), SiteFactory()
    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(NotAllowed):
        drill_schedule(user=employee, plan=plan, site=site, planned_at=later)
    with pytest.raises(ApplicationError):
        drill_schedule(user=officer, plan=plan, site=site, planned_at=timezone.now() - datetime.timedelta(days=1))
    assert drill_schedule(user=officer, plan=plan, site=site, planned_at=later).plan_version.number == 1


def test_a_team_member_cannot_deputise_for_themselves(officer):
    person = UserFactory()
    with pytest.raises(ApplicationError):
        team_member_add(user=officer, person=person, team_role="first_aid", deputy=person)
    member = team_member_add(user=officer, person=person, team_role="first_aid", deputy=UserFactory(phone="139"))
    assert member.contact_phone == person.phone
