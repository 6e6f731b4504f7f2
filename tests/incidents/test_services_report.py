import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.core.exceptions import ApplicationError
from apps.core.selectors import attachments_for, timeline_for
from apps.incidents.models import Incident, InvolvedPerson
from apps.incidents.services import incident_report
from apps.notifications.models import Notification
from tests.core.images import png_bytes
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


def _report(reporter, **extra):
    data = {
        "reporter": reporter,
        "occurred_at": timezone.now() - datetime.timedelta(minutes=20),
        "type": Incident.Type.INJURY,
        "description": "Cut a finger on the paper cutter.",
    }
    data.update(extra)
    return incident_report(**data)


def test_filing_notifies_the_department_head_and_every_safety_officer_exactly_once(
    employee, head, other_head, officer, manager, outsider, django_capture_on_commit_callbacks
):
    second_officer = UserFactory(username="officer2", role="officer", department=officer.department)
    with django_capture_on_commit_callbacks(execute=True):
        incident = _report(employee)
    keyed = Notification.objects.filter(key=f"incident:{incident.pk}:reported")
    assert sorted(keyed.values_list("recipient__username", flat=True)) == sorted(
        [head.username, officer.username, second_officer.username]
    )
    assert Notification.objects.count() == 3


def test_filing_again_with_the_same_key_sends_nothing_twice(
    employee, head, officer, django_capture_on_commit_callbacks
):
    from apps.notifications.services import notify

    with django_capture_on_commit_callbacks(execute=True):
        incident = _report(employee)
    again = notify(recipients=[head, officer], key=f"incident:{incident.pk}:reported", subject="again")
    assert again == []
    assert Notification.objects.filter(recipient=head).count() == 1


def test_a_head_reporting_is_not_told_about_their_own_report(head, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _report(head)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [officer.username]


def test_report_records_people_injuries_photos_and_a_timeline_row(employee, head, outsider):
    upload = SimpleUploadedFile("cut.png", png_bytes(), content_type="image/png")
    incident = _report(
        employee,
        people=[
            {
                "person": employee,
                "role": "injured",
                "injury_nature": "cut",
                "body_part": "finger",
                "treatment": "medical",
                "lost_work_days": 2,
            },
            {"name": "Visitor Wang", "role": "witness"},
        ],
        photos=[upload],
    )
    assert incident.number.startswith(f"INC-{timezone.localdate().year}-")
    assert incident.department == employee.department
    assert incident.status == Incident.Status.REPORTED
    injured = incident.people.get(person=employee)
    assert injured.is_lost_time and injured.is_recordable
    assert incident.people.get(name="Visitor Wang").role == InvolvedPerson.Role.WITNESS
    assert attachments_for(incident).count() == 1
    assert [t.action for t in timeline_for(incident)] == ["report"]


def test_incident_numbers_count_up_within_the_year(employee):
    first, second = _report(employee), _report(employee)
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_an_incident_cannot_be_reported_in_the_future(employee):
    with pytest.raises(ApplicationError):
        _report(employee, occurred_at=timezone.now() + datetime.timedelta(hours=2))
