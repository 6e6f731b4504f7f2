"""People are picked with the organisation's autocomplete picker, scoped to whom the user may pick."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Assignment, Completion, TrainingSession
from tests.organization.factories import PostFactory, UserFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _assign(client, user, **data):
    client.force_login(user)
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    return client.post(reverse("training:assignment_create"), {"course": CourseFactory().pk, "due_date": due, **data})


def test_assignment_form_offers_the_person_picker_instead_of_a_username_box(client, head):
    client.force_login(head)
    html = client.get(reverse("training:assignment_create")).content.decode()
    assert "person-picker" in html and reverse("organization:person_autocomplete") in html
    assert 'name="people"' not in html


def test_head_assigns_training_to_a_picked_person_of_their_department(client, head, employee):
    response = _assign(client, head, person=employee.pk)
    assert response.status_code == 302
    assert list(Assignment.objects.values_list("person__username", flat=True)) == ["employee"]


def test_head_cannot_pick_someone_of_another_department(client, head, outsider):
    response = _assign(client, head, person=outsider.pk)
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_head_is_offered_only_their_own_department_as_a_group(client, head, employee, other_department):
    client.force_login(head)
    form = client.get(reverse("training:assignment_create")).context["form"]
    assert list(form.fields["department"].queryset) == [employee.department]
    response = _assign(client, head, department=other_department.pk)
    assert "department" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_head_assigning_a_post_reaches_only_people_of_their_department(client, head, employee, outsider):
    post = PostFactory()
    employee.post = outsider.post = post
    employee.save()
    outsider.save()
    response = _assign(client, head, post=post.pk)
    assert response.status_code == 302
    assert list(Assignment.objects.values_list("person__username", flat=True)) == ["employee"]


def test_officer_may_pick_anyone(client, officer, outsider):
    response = _assign(client, officer, person=outsider.pk)
    assert response.status_code == 302
    assert Assignment.objects.get().person == outsider


def test_assignment_needs_a_person_or_a_group(client, officer):
    response = _assign(client, officer)
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def _session_data(**extra):
    starts = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {"course": CourseFactory().pk, "starts_at": starts, "duration_minutes": 60, "capacity": 20, **extra}


def test_officer_schedules_a_session_with_a_picked_trainer(client, officer, employee):
    client.force_login(officer)
    html = client.get(reverse("training:session_create")).content.decode()
    assert "person-picker" in html
    response = client.post(reverse("training:session_create"), _session_data(trainer=employee.pk))
    assert response.status_code == 302
    assert TrainingSession.objects.get().trainer == employee


def test_session_trainer_must_be_someone_the_officer_may_pick(client, officer, department):
    former = UserFactory(department=department, is_active=False)
    client.force_login(officer)
    response = client.post(reverse("training:session_create"), _session_data(trainer=former.pk))
    assert response.status_code == 200
    assert "trainer" in response.context["form"].errors
    assert not TrainingSession.objects.exists()


def test_a_session_without_a_trainer_is_still_allowed(client, officer):
    client.force_login(officer)
    response = client.post(reverse("training:session_create"), _session_data())
    assert response.status_code == 302 and TrainingSession.objects.get().trainer is None


def test_officer_records_a_completion_for_a_picked_person(client, officer, employee):
    client.force_login(officer)
    course = CourseFactory()
    response = client.post(
        reverse("training:record_create"),
        {"person": employee.pk, "course": course.pk, "completed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert Completion.objects.get().person == employee


def test_a_refused_out_of_scope_person_is_not_named_when_the_form_is_shown_again(head):
    from apps.organization.selectors import person_list
    from apps.organization.widgets import PersonChoiceField
    from tests.organization.factories import DepartmentFactory, UserFactory

    stranger = UserFactory(full_name="远方的人", department=DepartmentFactory())
    field = PersonChoiceField(queryset=person_list(user=head))
    html = field.widget.render("person", stranger.pk)
    assert "远方的人" not in html
