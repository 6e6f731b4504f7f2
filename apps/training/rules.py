"""Who may do what in training. List scoping lives in selectors (``department_scope``); the moves of
assignments and exam attempts (``training.cancel_assignment``, ``training.submit_examattempt``) are
registered by ``workflow.py`` from these predicates."""

import rules
from django.db.models import Q

from apps.core.permissions import is_active_user, is_company_wide, is_department_head, is_officer

from .models import Assignment, Completion, Enrolment, TrainingSession


@rules.predicate
def owns_record(user, obj):
    """The person the attempt, record or assignment belongs to."""
    return obj is not None and getattr(obj, "person_id", None) == user.pk


@rules.predicate
def heads_record_persons_department(user, obj):
    person = getattr(obj, "person", None) if obj is not None and hasattr(obj, "person_id") else obj
    dept_id = getattr(person, "department_id", None)
    return dept_id is not None and dept_id in user.headed_department_ids


@rules.predicate
def is_session_trainer(user, session):
    return session is not None and session.trainer_id == user.pk


@rules.predicate
def is_course_audience(user, obj):
    """The people a course (or one of its materials) is for: those it is assigned to or who passed it,
    those enrolled in or teaching one of its sessions, and the heads of an assigned person's department."""
    course_id = getattr(obj, "course_id", None) or getattr(obj, "pk", None)
    if course_id is None or not is_active_user(user):
        return False
    heads = set(user.headed_department_ids)
    people = Q(person=user) | Q(person__department_id__in=heads) if heads else Q(person=user)
    return (
        Assignment.objects.filter(people, course_id=course_id).exclude(status=Assignment.Status.CANCELLED).exists()
        or Completion.objects.filter(people, course_id=course_id).exists()
        or Enrolment.objects.filter(session__course_id=course_id, person=user).exists()
        or TrainingSession.objects.filter(course_id=course_id, trainer=user).exists()
    )


rules.add_perm("training.view_course", is_active_user)
# Materials (links, texts, files) of a course: for its audience and company-wide roles (on a Material or
# a Course). ``core:attachment`` asks this permission for a material's file, as ``training:material_file`` does.
rules.add_perm("training.view_material", is_company_wide | is_course_audience)
rules.add_perm("training.manage_courses", is_officer)
rules.add_perm("training.view_statistics", is_officer)
rules.add_perm("training.take_exam", is_active_user)
# Exam answers are personal: the person and the safety officers, nobody else (SPEC "Who uses it").
rules.add_perm("training.view_attempt", owns_record | is_officer)
rules.add_perm("training.view_matrix", is_company_wide | is_department_head)
rules.add_perm("training.view_team", is_company_wide | is_department_head)
rules.add_perm("training.view_new_hires", is_company_wide)
rules.add_perm("training.manage_requirements", is_officer)
rules.add_perm("training.assign", is_officer | is_department_head)
rules.add_perm("training.assign_person", is_officer | heads_record_persons_department)
rules.add_perm("training.manage_sessions", is_officer)
rules.add_perm("training.take_attendance", is_officer | is_session_trainer)
rules.add_perm("training.enrol", is_active_user)
rules.add_perm("training.view_certificate", owns_record | is_company_wide | heads_record_persons_department)
rules.add_perm("training.record_completion", is_officer)
rules.add_perm("training.view_plan", is_active_user)
rules.add_perm("training.manage_plan", is_officer)
