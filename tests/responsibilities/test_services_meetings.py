"""Safety meetings and action items (R2.1.3)."""

import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.notifications.models import Notification
from apps.responsibilities import services
from apps.responsibilities.models import Action, Invitation, Meeting
from tests.organization.factories import UserFactory
from tests.responsibilities.conftest import make_action, make_meeting, refused

pytestmark = pytest.mark.django_db
M, A = Meeting.Status, Action.Status


def test_a_drafted_meeting_invites_its_chair_and_tells_nobody_yet(officer, manager, committed):
    with committed():
        meeting = make_meeting(officer, chair=manager)
    assert meeting.status == M.DRAFT
    assert list(meeting.invitations.values_list("person", flat=True)) == [manager.pk]
    assert not Notification.objects.exists()


def test_scheduling_tells_every_invited_person_once(officer, manager, head, employee, committed):
    meeting = make_meeting(officer, chair=manager)
    services.meeting_invite(meeting=meeting, user=officer, department=head.department)
    with committed():
        services.meeting_schedule(meeting=meeting, user=officer)
    assert meeting.status == M.SCHEDULED
    told = set(
        Notification.objects.filter(key__startswith=f"meeting:{meeting.pk}:invited").values_list("recipient", flat=True)
    )
    assert told == {manager.pk, head.pk, employee.pk}


def test_people_invited_after_scheduling_are_told_and_nobody_twice(officer, manager, head, employee, committed):
    meeting = make_meeting(officer, chair=manager)
    with committed():
        services.meeting_schedule(meeting=meeting, user=officer)
        services.meeting_invite(meeting=meeting, user=officer, person=head)
        added = services.meeting_invite(meeting=meeting, user=officer, department=head.department)
    assert added == 1  # the employee; the head was invited already
    assert Notification.objects.filter(recipient=head).count() == 1


def test_a_meeting_in_the_past_cannot_be_scheduled(officer):
    meeting = make_meeting(officer, days=-1)
    refused(lambda: services.meeting_schedule(meeting=meeting, user=officer), meeting)


def test_an_employee_may_not_schedule_or_change_a_meeting(officer, employee):
    meeting = make_meeting(officer)
    refused(lambda: services.meeting_schedule(meeting=meeting, user=employee), meeting, NotAllowed)
    with pytest.raises(NotAllowed):
        services.meeting_invite(meeting=meeting, user=employee, person=employee)


def test_a_head_organises_their_own_departments_meeting_only(head, other_department):
    meeting = make_meeting(head, chair=head, type="department", department=head.department)
    assert meeting.organiser == head
    with pytest.raises(NotAllowed):
        make_meeting(head, chair=head, type="department", department=other_department)
    with pytest.raises(NotAllowed):
        make_meeting(head, chair=head)


def test_a_department_meeting_needs_its_department(officer):
    with pytest.raises(ApplicationError):
        make_meeting(officer, type="department")
    assert not Meeting.objects.exists()


def test_absence_needs_a_reason_and_a_delegate_needs_a_name(officer, manager, head):
    meeting = make_meeting(officer, chair=manager)
    services.meeting_invite(meeting=meeting, user=officer, person=head)
    services.meeting_schedule(meeting=meeting, user=officer)
    invitation = meeting.invitations.get(person=head)
    with pytest.raises(ApplicationError):
        services.invitation_record_attendance(invitation=invitation, user=officer, attendance="absent")
    with pytest.raises(ApplicationError):
        services.invitation_record_attendance(invitation=invitation, user=officer, attendance="delegate")
    invitation.refresh_from_db()
    assert invitation.attendance == Invitation.Attendance.UNKNOWN
    deputy_head = UserFactory(department=head.department)
    services.invitation_record_attendance(
        invitation=invitation, user=officer, attendance="delegate", delegate=deputy_head
    )
    invitation.refresh_from_db()
    assert (invitation.attendance, invitation.delegate) == ("delegate", deputy_head)


def test_a_decision_with_an_owner_and_due_date_becomes_an_action_item_and_the_owner_is_told(officer, head, committed):
    with committed():
        action = make_action(officer, head)
    assert (action.status, action.owner) == (A.OPEN, head)
    assert Notification.objects.filter(recipient=head, key=f"action:{action.pk}:assigned").exists()


def test_a_half_filled_action_item_is_refused_and_no_decision_is_recorded(officer, head):
    meeting = make_meeting(officer)
    with pytest.raises(ApplicationError):
        services.decision_add(meeting=meeting, user=officer, text="Do it", action_title="Do it", owner=head)
    assert not meeting.decisions.exists()


def test_minutes_are_recorded_by_whoever_organises_the_meeting(officer, manager, employee):
    meeting = make_meeting(officer, chair=manager)
    services.meeting_schedule(meeting=meeting, user=officer)
    refused(lambda: services.meeting_hold(meeting=meeting, user=employee, minutes="x"), meeting, NotAllowed)
    refused(lambda: services.meeting_hold(meeting=meeting, user=officer, minutes=" "), meeting)
    services.meeting_hold(meeting=meeting, user=manager, minutes="Heard the Q1 report.")
    assert (meeting.status, meeting.minutes_by) == (M.HELD, manager)


def test_cancelling_a_scheduled_meeting_tells_the_invited(officer, manager, committed):
    meeting = make_meeting(officer, chair=manager)
    services.meeting_schedule(meeting=meeting, user=officer)
    refused(lambda: services.meeting_cancel(meeting=meeting, user=officer, comment=""), meeting)
    with committed():
        services.meeting_cancel(meeting=meeting, user=officer, comment="Typhoon")
    assert meeting.status == M.CANCELLED
    assert Notification.objects.filter(recipient=manager, key__startswith=f"meeting:{meeting.pk}:cancelled").exists()


def test_only_the_owner_marks_an_action_item_done_with_a_note(officer, head, employee, committed):
    action = make_action(officer, head)
    refused(lambda: services.action_done(action=action, user=employee, note="Done"), action, NotAllowed)
    refused(lambda: services.action_done(action=action, user=officer, note="Done"), action, NotAllowed)
    refused(lambda: services.action_done(action=action, user=head, note=""), action)
    with committed():
        services.action_done(action=action, user=head, note="All 12 replaced")
    assert (action.status, action.done_by, action.done_note) == (A.DONE, head, "All 12 replaced")
    assert Notification.objects.filter(recipient=officer, key__startswith=f"action:{action.pk}:done").exists()


def test_the_owner_may_not_reopen_their_own_done_item_but_the_chair_may(officer, head):
    action = make_action(officer, head)
    services.action_done(action=action, user=head, note="Done")
    refused(lambda: services.action_reopen(action=action, user=head, comment="x"), action, NotAllowed)
    services.action_reopen(action=action, user=officer, comment="Two still expired")
    assert action.status == A.OPEN and action.done_at is None


def test_an_action_item_is_cancelled_by_the_meetings_organisers_with_a_reason(officer, head):
    action = make_action(officer, head)
    refused(lambda: services.action_cancel(action=action, user=head, comment="No"), action, NotAllowed)
    services.action_cancel(action=action, user=officer, comment="Superseded")
    assert action.status == A.CANCELLED


def test_a_due_date_in_the_past_is_refused(officer, head):
    meeting = make_meeting(officer)
    with pytest.raises(ApplicationError):
        services.decision_add(meeting=meeting, user=officer, text="x", action_title="x", owner=head,
                              due_date=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip
