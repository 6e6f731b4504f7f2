"""Assignments and exam attempts on the workflow engine (apps/training/workflow.py): the buttons come from
the declared moves, refused submissions come back as they were filled in, the clock's and a pass's moves
are made by the application, and the timeline reads in the reader's language."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from apps.core.selectors import timeline_for
from apps.training import services
from apps.training.models import Assignment, ExamAttempt
from apps.training.workflow import ASSIGNMENT_FLOW, ATTEMPT_FLOW
from tests.training.factories import CourseFactory, answer_all, answers_for, make_exam_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(employee):
    return Assignment.objects.create(
        person=employee, course=CourseFactory(), due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )


def _names(flow, obj, user):
    return [m.name for m in flow.moves_for(obj, user)]


# --- assignments -------------------------------------------------------------------------------


def test_only_an_officer_is_offered_to_cancel_an_open_assignment(assignment, officer, head, employee, manager):
    assert _names(ASSIGNMENT_FLOW, assignment, officer) == ["cancel"]
    assert _names(ASSIGNMENT_FLOW, assignment, head) == _names(ASSIGNMENT_FLOW, assignment, employee) == []
    assert _names(ASSIGNMENT_FLOW, assignment, manager) == []


def test_a_closed_assignment_offers_no_move(assignment, officer):
    services.assignment_cancel(user=officer, assignment=assignment)
    assert _names(ASSIGNMENT_FLOW, Assignment.objects.get(pk=assignment.pk), officer) == []


def test_the_assignment_list_shows_the_cancel_button_only_where_the_move_is_offered(client, assignment, officer, head):
    url = reverse("training:assignment_cancel", args=[assignment.pk])
    client.force_login(officer)
    assert url in client.get(reverse("training:assignment_list")).content.decode()
    client.force_login(head)
    assert url not in client.get(reverse("training:assignment_list")).content.decode()


def test_an_officer_cancels_from_the_assignment_page_with_a_comment_kept_in_the_history(client, assignment, officer):
    client.force_login(officer)
    response = client.post(
        reverse("training:assignment_cancel", args=[assignment.pk]), {"cancel-comment": "Left the company"}
    )
    assert response.status_code == 302 and response.url == assignment.get_absolute_url()
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CANCELLED
    entry = timeline_for(assignment).last()
    assert (entry.action, entry.actor, entry.comment) == ("cancel", officer, "Left the company")


def test_cancelling_an_assignment_completed_meanwhile_shows_its_page_again_with_the_reason(client, assignment, officer):
    services.completion_record(user=officer, person=assignment.person, course=assignment.course)
    client.force_login(officer)
    response = client.post(reverse("training:assignment_cancel", args=[assignment.pk]), {"cancel-comment": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not possible at this step" in html and 'id="assignment"' in html
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.COMPLETED


def test_a_pass_completes_the_open_assignment_by_the_complete_move(assignment, officer):
    record = services.completion_record(user=officer, person=assignment.person, course=assignment.course)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.COMPLETED and assignment.completion == record
    assert assignment.completed_at is not None
    assert [e.action for e in timeline_for(assignment)][-1] == "complete"


def test_the_assignment_history_reads_in_the_readers_language(client, assignment, officer):
    services.assignment_cancel(user=officer, assignment=assignment, comment="")
    with translation.override("zh-hans"):
        html = render_to_string("inc/timeline.html", {"timeline": timeline_for(assignment)})
        label = str(ASSIGNMENT_FLOW.moves["cancel"].label)
    assert label != "Cancelled" and label in html and ">cancel" not in html


# --- exam attempts -----------------------------------------------------------------------------


def test_the_exam_page_submit_button_is_the_submit_move(client, employee):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    client.force_login(employee)
    html = client.get(attempt.get_absolute_url()).content.decode()
    assert f'action="{reverse("training:examattempt_submit", args=[attempt.pk])}"' in html
    assert str(ATTEMPT_FLOW.moves["submit"].verb) in html


def test_a_refused_submission_shows_the_exam_again_with_the_answers_as_sent(client, employee):
    course, _exam = make_exam_course(questions=2)
    attempt = services.exam_attempt_start(user=employee, course=course)
    answers = answers_for(attempt)
    kept, broken = sorted(answers)
    client.force_login(employee)
    response = client.post(
        reverse("training:examattempt_submit", args=[attempt.pk]),
        {f"q-{kept}": answers[kept], f"q-{broken}": ["made-up"]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown answer." in html
    assert f'value="{answers[kept][0]}" id="o-{kept}-' in html
    assert html.split(f'value="{answers[kept][0]}"', 1)[1].split(">", 1)[0].endswith(" checked")
    assert ExamAttempt.objects.get(pk=attempt.pk).status == ExamAttempt.Status.IN_PROGRESS


def test_submitting_an_attempt_that_already_ended_shows_the_result_with_the_reason(client, employee):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    answer_all(attempt, employee)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    response = client.post(reverse("training:examattempt_submit", args=[attempt.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="result"' in html and "is not possible at this step" in html


def test_the_clock_ends_an_attempt_with_no_actor_and_is_never_a_button(employee):
    course, _exam = make_exam_course(time_limit=5)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt = services.exam_attempt_start(user=employee, course=course)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert services.exam_attempts_expire() == 1
    attempt.refresh_from_db()
    assert attempt.status == ExamAttempt.Status.SUBMITTED and attempt.timed_out
    entry = timeline_for(attempt).last()
    assert (entry.action, entry.actor) == ("time_out", None)
    assert "time_out" not in _names(ATTEMPT_FLOW, ExamAttempt(status=ExamAttempt.Status.IN_PROGRESS), employee)
    with pytest.raises(NoReverseMatch):
        reverse("training:examattempt_time_out", args=[attempt.pk])


def test_an_attempt_records_its_start_and_submit_moves(employee):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    assert [(e.action, e.actor) for e in timeline_for(attempt)] == [("start", employee), ("submit", employee)]


def test_only_the_person_is_offered_to_submit_their_attempt(employee, officer):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    assert _names(ATTEMPT_FLOW, attempt, employee) == ["submit"]
    assert _names(ATTEMPT_FLOW, attempt, officer) == []


def test_the_result_page_shows_the_attempts_history_with_the_moves_labels(client, employee):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    history = client.get(attempt.get_absolute_url()).content.decode().split('id="timeline"', 1)[1]
    assert "Started" in history and "Submitted" in history and ">submit" not in history
