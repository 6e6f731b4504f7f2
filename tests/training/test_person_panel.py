import pytest
from django.urls import reverse

from apps.organization import hooks
from apps.training.models import Requirement
from tests.organization.factories import UserFactory
from tests.training.factories import RequirementFactory


@pytest.mark.django_db
def test_person_page_shows_a_new_hire_not_cleared_with_the_missing_induction_course(client, officer, department):
    course = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    person = UserFactory(department=department)
    hooks.fire_hire(person=person, actor=None)
    client.force_login(officer)
    html = client.get(reverse("organization:person_detail", args=[person.pk])).content.decode()
    assert 'id="person-training"' in html
    assert 'data-cleared="no"' in html
    assert str(course) in html


@pytest.mark.django_db
def test_person_page_shows_cleared_when_no_induction_course_is_missing(client, officer, employee):
    client.force_login(officer)
    html = client.get(reverse("organization:person_detail", args=[employee.pk])).content.decode()
    assert 'data-cleared="yes"' in html
