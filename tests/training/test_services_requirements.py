import datetime

import pytest
import time_machine
from django.utils import timezone

from apps.organization import hooks
from apps.organization.models import User
from apps.training import services
from apps.training.models import Assignment, Completion, Requirement
from apps.training.selectors import training_clearance
from apps.training.services.completions import _complete
from tests.organization.factories import PostFactory, UserFactory
from tests.training.factories import CourseFactory, RequirementFactory

pytestmark = pytest.mark.django_db


def _open(person):
    return Assignment.objects.filter(person=person, status=Assignment.Status.OPEN)


def _pass(person, course):
    return _complete(person=person, course=course, source=Completion.Source.MANUAL)


def _post_course(post, trigger=Requirement.Trigger.POST):
    """A course an active rule requires of everyone in ``post``."""
    return RequirementFactory(trigger=trigger, audience=Requirement.Audience.POSTS, posts=[post]).course


def test_hire_hook_assigns_induction_due_after_the_rules_days(department):
    induction = RequirementFactory(trigger=Requirement.Trigger.HIRE, due_days=3).course
    person = UserFactory(department=department, hire_date=timezone.localdate())
    hooks.fire_hire(person=person, actor=None)
    assignment = _open(person).get()
    assert assignment.course == induction
    assert assignment.reason == Assignment.Reason.HIRE
    assert assignment.due_date == timezone.localdate() + datetime.timedelta(days=3)


def test_creating_a_person_with_a_hire_date_through_organisation_assigns_induction(officer, department):
    from apps.organization.services import person_create

    induction = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    person = person_create(
        actor=officer,
        full_name="孙悦",
        username="sunyue",
        department=department,
        post=PostFactory(),
        hire_date=timezone.localdate(),
    )
    assert list(_open(person).values_list("course", flat=True)) == [induction.pk]


def test_hire_of_someone_outside_the_rules_departments_assigns_nothing(department, other_department):
    RequirementFactory(
        trigger=Requirement.Trigger.HIRE, audience=Requirement.Audience.DEPARTMENTS, departments=[other_department]
    )
    person = UserFactory(department=department)
    hooks.fire_hire(person=person, actor=None)
    assert not _open(person).exists()


def test_hire_hook_twice_keeps_one_open_assignment(department):
    RequirementFactory(trigger=Requirement.Trigger.HIRE)
    person = UserFactory(department=department)
    hooks.fire_hire(person=person, actor=None)
    hooks.fire_hire(person=person, actor=None)
    assert _open(person).count() == 1


def test_post_change_assigns_exactly_the_new_posts_missing_courses(department):
    old_post, new_post, other_post = PostFactory(), PostFactory(), PostFactory()
    held = CourseFactory(code="held")
    missing_a, missing_b = CourseFactory(code="missing-a"), CourseFactory(code="missing-b")
    open_already = CourseFactory(code="open-already")
    unrelated = CourseFactory(code="other-post")
    for course in (held, missing_a, missing_b, open_already):
        RequirementFactory(
            course=course, trigger=Requirement.Trigger.POST, audience=Requirement.Audience.POSTS, posts=[new_post]
        )
    RequirementFactory(
        course=unrelated, trigger=Requirement.Trigger.POST, audience=Requirement.Audience.POSTS, posts=[other_post]
    )
    RequirementFactory(course=CourseFactory(code="induction"), trigger=Requirement.Trigger.HIRE)
    person = UserFactory(department=department, post=old_post)
    _pass(person, held)
    Assignment.objects.create(
        person=person, course=open_already, due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )

    person.post = new_post
    person.save()
    created = services.requirements_apply_on_post_change(person=person, old_post=old_post, new_post=new_post)

    assert {a.course for a in created} == {missing_a, missing_b}
    assert all(a.reason == Assignment.Reason.POST for a in created)
    assert _open(person).count() == 3  # the two new ones and the one already open


def test_changing_post_through_organisation_assigns_the_new_posts_courses(officer, department):
    from apps.organization.services import person_update

    new_post = PostFactory()
    course = RequirementFactory(
        trigger=Requirement.Trigger.POST, audience=Requirement.Audience.POSTS, posts=[new_post]
    ).course
    person = UserFactory(department=department)
    person_update(actor=officer, person=person, data={"post": new_post})
    assert list(_open(person).values_list("course", flat=True)) == [course.pk]


def test_post_change_hook_fired_directly_assigns_the_new_posts_courses(department):
    new_post = PostFactory()
    course = RequirementFactory(
        trigger=Requirement.Trigger.POST, audience=Requirement.Audience.POSTS, posts=[new_post]
    ).course
    person = UserFactory(department=department)
    hooks.fire_post_change(person=person, old_post=person.post, new_post=new_post, actor=None)
    assert list(_open(person).values_list("course", flat=True)) == [course.pk]


def test_expiry_reassigns_the_course_ahead_of_time_due_on_the_expiry_date(department):
    course = CourseFactory(validity_months=12)
    RequirementFactory(course=course, trigger=Requirement.Trigger.PERIODIC, renew_lead_days=30)
    person = UserFactory(department=department)
    with time_machine.travel(datetime.datetime(2025, 3, 10, 9, tzinfo=datetime.UTC), tick=False):
        record = _pass(person, course)
    assert record.expires_on == datetime.date(2026, 3, 10)

    with time_machine.travel(datetime.datetime(2026, 1, 20, 9, tzinfo=datetime.UTC), tick=False):
        assert services.requirements_sync() == []  # more than 30 days before expiry: nothing yet
    with time_machine.travel(datetime.datetime(2026, 2, 20, 9, tzinfo=datetime.UTC), tick=False):
        created = services.requirements_sync()
        assert [(a.person, a.course, a.reason, a.due_date) for a in created] == [
            (person, course, Assignment.Reason.RENEWAL, datetime.date(2026, 3, 10))
        ]
        assert services.requirements_sync() == []  # a second run creates nothing new


def test_an_expired_pass_of_an_induction_course_is_reassigned(department):
    course = CourseFactory(validity_months=6)
    RequirementFactory(course=course, trigger=Requirement.Trigger.HIRE)
    person = UserFactory(department=department)
    with time_machine.travel(datetime.datetime(2025, 1, 5, 9, tzinfo=datetime.UTC), tick=False):
        _pass(person, course)
    with time_machine.travel(datetime.datetime(2025, 9, 1, 9, tzinfo=datetime.UTC), tick=False):
        created = services.requirements_sync()
    assert [a.reason for a in created] == [Assignment.Reason.RENEWAL]


def test_periodic_rule_assigns_everyone_in_scope_who_never_passed(department, other_department):
    course = RequirementFactory(
        trigger=Requirement.Trigger.PERIODIC, audience=Requirement.Audience.DEPARTMENTS, departments=[department]
    ).course
    inside, outside = UserFactory(department=department), UserFactory(department=other_department)
    services.requirements_sync()
    assert _open(inside).get().course == course
    assert not _open(outside).exists()


def test_cleared_for_work_flips_only_when_the_last_induction_course_is_passed(department):
    first = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    second = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    RequirementFactory(trigger=Requirement.Trigger.POST)  # not induction: irrelevant to clearance
    person = UserFactory(department=department)
    hooks.fire_hire(person=person, actor=None)
    assert not training_clearance(person).cleared
    _pass(person, first)
    clearance = training_clearance(person)
    assert not clearance.cleared and clearance.missing == [second]
    _pass(person, second)
    assert training_clearance(person).cleared


def test_passing_a_course_completes_its_open_assignment(department):
    course = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    person = UserFactory(department=department)
    hooks.fire_hire(person=person, actor=None)
    record = _pass(person, course)
    assignment = Assignment.objects.get(person=person, course=course)
    assert assignment.status == Assignment.Status.COMPLETED and assignment.completion == record


def test_head_assigns_a_course_by_hand_to_own_department_only(head, employee, outsider):
    from apps.core.exceptions import NotAllowed

    course = CourseFactory()
    due = timezone.localdate() + datetime.timedelta(days=10)
    created = services.assignment_create(user=head, people=[employee], course=course, due_date=due)
    assert [a.person for a in created] == [employee]
    with pytest.raises(NotAllowed):
        services.assignment_create(user=head, people=[outsider], course=course, due_date=due)


def test_officer_assigns_a_group_and_skips_people_who_already_have_it(officer, employee, outsider):
    course = CourseFactory()
    due = timezone.localdate() + datetime.timedelta(days=10)
    services.assignment_create(user=officer, people=[employee], course=course, due_date=due)
    created = services.assignment_create(user=officer, people=[employee, outsider], course=course, due_date=due)
    assert [a.person for a in created] == [outsider]
    assert created[0].reason == Assignment.Reason.MANUAL and created[0].assigned_by == officer


def test_employee_cannot_assign_training(employee, outsider):
    from apps.core.exceptions import NotAllowed

    with pytest.raises(NotAllowed):
        services.assignment_create(
            user=employee, people=[outsider], course=CourseFactory(), due_date=timezone.localdate()
        )


def test_inactive_people_get_no_assignments(department):
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC)
    UserFactory(department=department, is_active=False)
    assert services.requirements_sync() == []
    assert User.objects.count() == 1


def test_a_post_requirement_reaches_people_already_in_the_post_when_it_is_created(officer, department):
    post, other_post = PostFactory(), PostFactory()
    holders = [UserFactory(department=department, post=post) for _ in range(2)]
    elsewhere = UserFactory(department=department, post=other_post)
    course = CourseFactory()
    requirement = services.requirement_create(
        user=officer,
        course=course,
        trigger=Requirement.Trigger.POST,
        audience=Requirement.Audience.POSTS,
        posts=[post],
        due_days=10,
    )
    for person in holders:
        assignment = _open(person).get()
        assert (assignment.course, assignment.requirement, assignment.reason) == (
            course,
            requirement,
            Assignment.Reason.POST,
        )
        assert assignment.due_date == timezone.localdate() + datetime.timedelta(days=10)
    assert not _open(elsewhere).exists()


@pytest.mark.parametrize("trigger", [Requirement.Trigger.HIRE, Requirement.Trigger.PERIODIC])
def test_a_new_requirement_of_any_kind_reaches_the_people_in_its_scope_at_once(officer, department, trigger):
    person = UserFactory(department=department)
    course = CourseFactory()
    services.requirement_create(user=officer, course=course, trigger=trigger, audience=Requirement.Audience.ALL)
    assert list(_open(person).values_list("course", flat=True)) == [course.pk]


def test_a_new_requirement_skips_people_who_hold_a_valid_pass(officer, department):
    course = CourseFactory()
    person = UserFactory(department=department)
    _pass(person, course)
    services.requirement_create(
        user=officer, course=course, trigger=Requirement.Trigger.PERIODIC, audience=Requirement.Audience.ALL
    )
    assert not _open(person).exists()


def test_moving_into_a_post_assigns_its_periodic_courses_at_once_too(officer, department):
    from apps.organization.services import person_update

    post = PostFactory()
    periodic = _post_course(post, trigger=Requirement.Trigger.PERIODIC)
    on_joining = _post_course(post)
    person = UserFactory(department=department)
    person_update(actor=officer, person=person, data={"post": post})
    assert set(_open(person).values_list("course", flat=True)) == {periodic.pk, on_joining.pk}


def test_a_person_created_into_a_post_without_a_hire_date_gets_the_posts_courses_at_once(officer, department):
    from apps.organization.services import person_create

    post = PostFactory()
    course = _post_course(post)
    person = person_create(actor=officer, full_name="周敏", username="zhoumin", department=department, post=post)
    assert list(_open(person).values_list("course", flat=True)) == [course.pk]


def test_the_daily_run_assigns_a_post_course_once_to_a_holder_who_never_had_it(department):
    post = PostFactory()
    course = _post_course(post)
    person = UserFactory(department=department, post=post)  # e.g. an admin edit: no hook ran
    assert [(a.person, a.course) for a in services.requirements_sync()] == [(person, course)]
    _open(person).update(status=Assignment.Status.CANCELLED)
    assert services.requirements_sync() == []  # cancelled on purpose: not re-assigned every night
