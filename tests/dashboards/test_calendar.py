import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Enrolment
from tests.emergency.factories import DrillFactory
from tests.inspections.factories import InspectionFactory
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _feed(client, person):
    response = client.get(reverse("calendar_feed", args=[person.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content.decode()


def test_feed_lists_the_persons_inspections_drills_and_sessions_and_nobody_elses(client, employee, outsider):
    mine = InspectionFactory(inspector=employee, due_date=timezone.localdate() + datetime.timedelta(days=3))
    InspectionFactory(inspector=outsider)
    drill = DrillFactory(people=[employee])
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    Enrolment.objects.create(session=session, person=employee)
    SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=2))  # not enrolled

    body = _feed(client, employee)

    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 3
    assert f"UID:inspection-{mine.pk}@anquan" in body
    assert f"UID:drill-{drill.pk}@anquan" in body
    assert f"UID:training-session-{session.pk}@anquan" in body
    assert f"DTSTART;VALUE=DATE:{mine.due_date:%Y%m%d}" in body


def test_feed_speaks_the_persons_language_and_folds_long_lines(client, employee):
    employee.language = "zh-hans"
    employee.save()
    InspectionFactory(inspector=employee, template__name="Fire " * 30)
    body = _feed(client, employee)
    assert "SUMMARY:安全检查：" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_unknown_or_inactive_token_is_not_found(client, employee):
    assert client.get(reverse("calendar_feed", args=["nope"])).status_code == 404
    employee.is_active = False
    employee.save()
    assert client.get(reverse("calendar_feed", args=[employee.calendar_token])).status_code == 404


def test_only_the_person_sees_their_feed_address_on_their_page(client, employee, officer):
    url = reverse("organization:person_detail", args=[employee.pk])
    client.force_login(employee)
    assert employee.calendar_token in client.get(url).content.decode()
    client.force_login(officer)
    assert employee.calendar_token not in client.get(url).content.decode()
