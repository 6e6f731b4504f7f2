import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organization import hooks
from apps.training.models import Completion, Requirement
from tests.organization.factories import UserFactory
from tests.training.factories import RequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def induction(db):
    return RequirementFactory(trigger=Requirement.Trigger.HIRE, course__name="Safety induction").course


def test_my_training_shows_induction_required_and_the_assignment(client, employee, induction):
    hooks.fire_hire(person=employee, actor=None)
    client.force_login(employee)
    html = client.get(reverse("training:my_training")).content.decode()
    assert "Induction required" in html and "Not cleared for work" in html and "Safety induction" in html


def test_team_page_shows_who_is_cleared(client, head, employee, induction):
    Completion.objects.create(person=head, course=induction, completed_on=timezone.localdate(), source="manual")
    client.force_login(head)
    html = client.get(reverse("training:team")).content.decode()
    head_row = html.split('data-username="head"')[1].split("team-member")[0]
    employee_row = html.split('data-username="employee"')[1].split("team-member")[0]
    assert 'data-cleared="yes"' in head_row and 'data-cleared="no"' in employee_row


def test_not_cleared_list_shows_everyone_not_cleared_newest_first_and_not_the_cleared(
    client, officer, department, induction
):
    recent = UserFactory(department=department, full_name="新员工", hire_date=timezone.localdate())
    cleared = UserFactory(department=department, full_name="已通过", hire_date=timezone.localdate())
    Completion.objects.create(person=cleared, course=induction, completed_on=timezone.localdate(), source="manual")
    UserFactory(department=department, full_name="老员工", hire_date=timezone.localdate().replace(year=2015))
    client.force_login(officer)
    html = client.get(reverse("training:new_hires")).content.decode()
    assert "People not cleared for work" in html
    # Long-serving people hired before the induction rule are not cleared either: listed, after new hires.
    assert recent.full_name in html and cleared.full_name not in html and "老员工" in html
    assert html.index(recent.full_name) < html.index("老员工")


def test_home_page_shows_my_training_and_team_panels(client, head, employee, induction):
    client.force_login(head)
    html = client.get(reverse("home")).content.decode()
    assert 'id="panel-training-my"' in html and 'id="panel-training-team"' in html
    client.force_login(employee)
    html = client.get(reverse("home")).content.decode()
    assert 'id="panel-training-my"' in html and 'id="panel-training-team"' not in html


def test_officer_creates_a_question_through_the_form(client, officer):
    from tests.training.factories import CourseFactory

    course = CourseFactory()
    client.force_login(officer)
    response = client.post(
        reverse("training:question_create", args=[course.pk]),
        {
            "kind": "single",
            "text": "Which number do you call for a fire?",
            "text_zh": "发生火灾拨打哪个号码？",
            "option_1": "119",
            "option_1_correct": "on",
            "option_2": "110",
        },
    )
    assert response.status_code == 302
    question = course.questions.get()
    assert [o.is_correct for o in question.options.all()] == [True, False]


def test_officer_creates_a_requirement_for_a_post(client, officer):
    from tests.organization.factories import PostFactory
    from tests.training.factories import CourseFactory

    course, post = CourseFactory(), PostFactory()
    client.force_login(officer)
    response = client.post(
        reverse("training:requirement_create"),
        {
            "course": course.pk,
            "trigger": "post",
            "audience": "posts",
            "posts": [post.pk],
            "due_days": 10,
            "renew_lead_days": 30,
        },
    )
    assert response.status_code == 302
    assert list(Requirement.objects.get().posts.all()) == [post]


def test_head_assigns_by_department_through_the_form(client, head, employee):
    from apps.training.models import Assignment
    from tests.training.factories import CourseFactory

    course = CourseFactory()
    client.force_login(head)
    response = client.post(
        reverse("training:assignment_create"),
        {"course": course.pk, "due_date": timezone.localdate().isoformat(), "department": employee.department_id},
    )
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("person__username", flat=True)) == {"employee", "head"}
