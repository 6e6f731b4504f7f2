"""Training's permissions (apps/training/rules.py and the moves of apps/training/workflow.py), persona by
persona: the employee's records belong to the head's department; the outsider and other_head are in
another department; the officer and the manager see the whole company."""

import pytest
from django.utils import timezone

from apps.training import services
from apps.training.models import Assignment, Completion, Enrolment
from tests.training.factories import CourseFactory, SessionFactory, make_exam_course

pytestmark = pytest.mark.django_db

EVERYONE = {"employee", "outsider", "head", "other_head", "officer", "manager"}
OFFICER = {"officer"}
COMPANY_WIDE = {"officer", "manager"}
HEADS_AND_COMPANY = {"head", "other_head", "officer", "manager"}


def _none(p):
    return None


def _course(p):
    return CourseFactory()


def _assigned_course(p):
    """A course assigned to the employee (its audience: the employee and their head)."""
    course = CourseFactory()
    Assignment.objects.create(person=p["employee"], course=course, due_date=timezone.localdate(), reason="manual")
    return course


def _employee(p):
    return p["employee"]


def _open_assignment(p):
    return Assignment.objects.create(
        person=p["employee"], course=CourseFactory(), due_date=timezone.localdate(), reason="manual"
    )


def _cancelled_assignment(p):
    assignment = _open_assignment(p)
    return services.assignment_cancel(user=p["officer"], assignment=assignment)


def _running_attempt(p):
    course, _exam = make_exam_course()
    return services.exam_attempt_start(user=p["employee"], course=course)


def _submitted_attempt(p):
    return services.exam_attempt_submit(user=p["employee"], attempt=_running_attempt(p))


def _session_taught_by_head(p):
    return SessionFactory(trainer=p["head"])


def _record(p):
    return Completion.objects.create(
        person=p["employee"], course=CourseFactory(), completed_on=timezone.localdate(), source="manual"
    )


def _enrolled_session(p):
    session = SessionFactory()
    Enrolment.objects.create(session=session, person=p["outsider"])
    return session.course


# (permission, object builder, who may)
CASES = [
    ("training.view_course", _course, EVERYONE),
    ("training.take_exam", _course, EVERYONE),
    ("training.enrol", _none, EVERYONE),
    ("training.view_plan", _none, EVERYONE),
    ("training.manage_courses", _none, OFFICER),
    ("training.view_statistics", _none, OFFICER),
    ("training.manage_requirements", _none, OFFICER),
    ("training.manage_sessions", _none, OFFICER),
    ("training.record_completion", _none, OFFICER),
    ("training.manage_plan", _none, OFFICER),
    ("training.view_matrix", _none, HEADS_AND_COMPANY),
    ("training.view_team", _none, HEADS_AND_COMPANY),
    ("training.view_new_hires", _none, COMPANY_WIDE),
    ("training.assign", _none, {"head", "other_head", "officer"}),
    # A head assigns training only to people of their own department.
    ("training.assign_person", _employee, {"head", "officer"}),
    # Materials: the course's audience (assigned person, their head, enrolled, trainer) and company-wide roles.
    ("training.view_material", _assigned_course, {"employee", "head", "officer", "manager"}),
    ("training.view_material", _enrolled_session, {"outsider", "officer", "manager"}),
    ("training.view_material", _course, COMPANY_WIDE),
    # Exam answers are personal: the person and the safety officers.
    ("training.view_attempt", _submitted_attempt, {"employee", "officer"}),
    ("training.submit_examattempt", _running_attempt, {"employee"}),
    ("training.submit_examattempt", _submitted_attempt, set()),
    ("training.cancel_assignment", _open_assignment, OFFICER),
    ("training.cancel_assignment", _cancelled_assignment, set()),
    ("training.take_attendance", _session_taught_by_head, {"head", "officer"}),
    ("training.view_certificate", _record, {"employee", "head", "officer", "manager"}),
]


@pytest.mark.parametrize(
    ("perm", "build", "allowed"), CASES, ids=[f"{perm} on {build.__name__.strip('_')}" for perm, build, _a in CASES]
)
def test_who_may(personas, perm, build, allowed):
    obj = build(personas)
    may = {name for name, user in personas.items() if user is not None and user.has_perm(perm, obj)}
    assert may == allowed


@pytest.mark.parametrize("perm", sorted({perm for perm, _b, _a in CASES}))
def test_a_deactivated_officer_keeps_no_training_permission(personas, perm):
    build = next(b for p, b, _a in CASES if p == perm)
    obj = build(personas)
    officer = personas["officer"]
    officer.is_active = False
    assert not officer.has_perm(perm, obj)
