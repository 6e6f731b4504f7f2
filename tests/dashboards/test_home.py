import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.templatetags.anquan import ago
from apps.dashboards.views import record_of
from apps.organization import hooks
from apps.training.models import Requirement
from tests.hazards.factories import HazardFactory
from tests.incidents.factories import IncidentFactory
from tests.notifications.factories import NotificationFactory
from tests.organization.factories import UserFactory
from tests.training.factories import RequirementFactory


@pytest.mark.django_db
def test_officer_home_names_the_hazard_queue_by_the_work_waiting(client, officer):
    HazardFactory()
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert "To assess" in html
    assert ">Assessed<" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["employee", "head", "officer", "manager"])
def test_home_renders_for_every_role(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_a_person_not_cleared_without_an_assignment_is_told_what_to_do(client, department):
    from apps.training.models import Requirement
    from tests.organization.factories import UserFactory
    from tests.training.factories import RequirementFactory

    course = RequirementFactory(trigger=Requirement.Trigger.HIRE).course
    person = UserFactory(department=department)  # no hire hook fired: nothing assigned
    client.force_login(person)
    html = client.get(reverse("home")).content.decode()
    assert 'data-cleared="no"' in html
    assert "unassigned-induction" in html and str(course) in html
    assert "No training due." not in html


def panel_ids(html):
    """The home panels' ids in page order."""
    return re.findall(r'<div class="card[^"]*" id="(panel-[\w-]+)"', html)


@pytest.mark.django_db
def test_a_new_hire_not_cleared_sees_the_induction_before_any_other_panel(client, department):
    course = RequirementFactory(trigger=Requirement.Trigger.HIRE, course__name="Fire safety induction").course
    newhire = UserFactory(department=department, hire_date=timezone.localdate())
    hooks.fire_hire(person=newhire, actor=None)
    client.force_login(newhire)
    html = client.get(reverse("home")).content.decode()
    assert panel_ids(html)[0] == "panel-training-my"
    assert "Before you start work" in html
    induction = html.split('id="induction-todo"')[1].split("</div>")[0]
    assert str(course) in induction and course.get_absolute_url() in induction


@pytest.mark.django_db
def test_a_person_cleared_for_work_gets_no_leading_training_panel(client, employee):
    client.force_login(employee)
    html = client.get(reverse("home")).content.decode()
    assert panel_ids(html)[0] == "panel-hazards"
    assert "Before you start work" not in html and 'id="induction-todo"' not in html


@pytest.mark.django_db
def test_a_hazard_panel_without_work_says_so_instead_of_listing_zero_counts(client, employee):
    client.force_login(employee)
    panel = client.get(reverse("home")).content.decode().split('id="panel-hazards"')[1].split("</ul>")[0]
    assert "No hazard work waiting for you." in panel
    assert "To rectify" not in panel


@pytest.mark.django_db
def test_an_open_incident_with_an_overdue_external_report_is_listed_once(client, officer, employee):
    overdue = IncidentFactory(
        reporter=employee, external_required=True, external_due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    other = IncidentFactory(reporter=employee)
    client.force_login(officer)
    panel = client.get(reverse("home")).content.decode().split('id="panel-incidents"')[1].split("</ul>")[0]
    assert panel.count(overdue.number) == 1 and panel.count(other.number) == 1
    assert "external report overdue" in panel


@pytest.mark.django_db
def test_the_unread_panel_lists_the_newest_message_about_each_record_once(client, employee):
    NotificationFactory(recipient=employee, key="hazard:5:assessed", subject="YH-5 plan its rectification")
    NotificationFactory(recipient=employee, key="hazard:5:rectified:20261129", subject="YH-5 please sign it off")
    NotificationFactory(recipient=employee, key="hazard:6:assessed", subject="YH-6 plan its rectification")
    client.force_login(employee)
    html = client.get(reverse("home")).content.decode()
    assert "YH-5 please sign it off" in html and "YH-6 plan its rectification" in html
    assert "YH-5 plan its rectification" not in html


def test_a_messages_record_is_its_key_up_to_the_first_id():
    assert record_of("hazard:11:rectified:20261129150855") == "hazard:11"
    assert record_of("training:assignment:44:new") == "training:assignment:44"
    assert record_of("digest") == "digest"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("en", "just now"), ("zh-hans", "刚刚")])
def test_a_message_under_a_minute_old_reads_just_now(client, employee, language, expected):
    employee.language = language
    employee.save()
    NotificationFactory(recipient=employee, subject="Fresh news")
    client.force_login(employee)
    html = client.get(reverse("home")).content.decode()
    assert f'fw-normal">{expected}</span>' in html  # the age beside the subject
    assert "0 minutes" not in html and "0 分钟" not in html


@pytest.mark.parametrize(
    ("seconds", "language", "expected"),
    [
        (0, "en", "just now"),
        (59, "en", "just now"),
        (5 * 60, "en", "5 minutes ago"),
        (2 * 3600, "en", "2 hours ago"),
        (0, "zh-hans", "刚刚"),
        (5 * 60, "zh-hans", "5 分钟前"),
    ],
)
def test_ago_reads_how_long_ago_for_people(seconds, language, expected):
    now = timezone.now()
    with translation.override(language):
        assert ago(now - datetime.timedelta(seconds=seconds), now).replace("\xa0", " ") == expected


def home_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return len(ctx.captured_queries)


def add_records(n, *, officer, employee, start=0):
    for i in range(start, start + n):
        HazardFactory(status="reported")
        IncidentFactory(
            reporter=employee, external_required=True, external_due_at=timezone.now() - datetime.timedelta(hours=1)
        )
        NotificationFactory(recipient=officer, key=f"hazard:{1000 + i}:assessed")
        NotificationFactory(recipient=officer, key=f"hazard:{1000 + i}:rectified:1")


@pytest.mark.django_db
def test_the_officers_home_costs_the_same_queries_with_few_or_many_records(client, officer, employee):
    client.force_login(officer)
    add_records(6, officer=officer, employee=employee)  # past the panels' cut-offs (5 shown, then a count)
    few = home_queries(client)
    add_records(20, officer=officer, employee=employee, start=6)
    many = home_queries(client)
    assert few == many, f"{few} queries with few records, {many} with many"
