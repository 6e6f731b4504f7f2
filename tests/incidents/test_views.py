import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from apps.incidents.models import CorrectiveAction, Incident
from apps.notifications.models import Notification
from tests.core.images import png_bytes
from tests.incidents.factories import ActionFactory, IncidentFactory, InvolvedPersonFactory
from tests.organization.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def _report_data(person=None, **extra):
    data = {
        "occurred_at": (timezone.localtime() - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
        "type": "injury",
        "severity": "moderate",
        "description": "Tripped over a cable",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "20",
        "people-0-person": person.pk if person is not None else "",
        "people-0-role": "injured",
        "people-0-injury_nature": "sprain",
        "people-0-body_part": "ankle",
        "people-0-treatment": "medical",
        "people-0-lost_work_days": "1",
    }
    data.update(extra)
    return data


def test_an_employee_reports_an_injury_with_a_photo_from_the_form(
    client, employee, head, officer, django_capture_on_commit_callbacks
):
    client.force_login(employee)
    area = AreaFactory()
    data = _report_data(person=employee, area=area.pk)
    data["photos"] = SimpleUploadedFile("floor.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/incidents/report/", data)
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == incident.get_absolute_url()
    person = incident.people.get()
    assert (person.person, person.body_part, person.lost_work_days) == (employee, "ankle", 1)
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"head", "officer"}


def test_the_report_form_refuses_a_file_that_is_not_an_image(client, employee):
    client.force_login(employee)
    data = _report_data()
    data["photos"] = SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post("/incidents/report/", data)
    assert response.status_code == 200
    assert not Incident.objects.exists()


def test_the_report_form_prefills_the_area_from_a_qr_poster(client, employee):
    area = AreaFactory()
    client.force_login(employee)
    html = client.get(f"/incidents/report/?area={area.pk}").content.decode()
    assert f'<option value="{area.pk}" selected>' in html


def test_an_employee_cannot_close_through_the_url(client, employee):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.INVESTIGATING, root_cause="x")
    client.force_login(employee)
    assert client.post(f"/incidents/{incident.pk}/close/").status_code == 403
    incident.refresh_from_db()
    assert incident.status == Incident.Status.INVESTIGATING


def test_closing_with_an_open_action_shows_why_and_changes_nothing(client, officer, employee):
    incident = IncidentFactory(reporter=employee, status=Incident.Status.ACTIONS, root_cause="x")
    ActionFactory(incident=incident, owner=employee)
    client.force_login(officer)
    response = client.post(f"/incidents/{incident.pk}/close/", follow=True)
    assert "pending" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Incident.Status.ACTIONS


def _many_incidents(n, reporter, owner):
    for _ in range(n):
        incident = IncidentFactory(reporter=reporter, area=AreaFactory())
        InvolvedPersonFactory(incident=incident, person=reporter)
        ActionFactory(incident=incident, owner=owner)


def _count(client, url):
    client.get(url)  # warm per-process caches (content types) so both sizes are measured alike
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["officer", "head"])
def test_incident_list_query_count_does_not_grow_with_rows(client, persona, employee, head, officer):
    client.force_login(locals()[persona])
    _many_incidents(2, employee, head)
    small = _count(client, "/incidents/")
    _many_incidents(20, employee, head)
    assert _count(client, "/incidents/") == small


def test_incident_detail_query_count_does_not_grow_with_people_and_actions(client, employee, officer, head):
    client.force_login(officer)
    incident = IncidentFactory(reporter=employee, status=Incident.Status.ACTIONS, lead=head, area=AreaFactory())
    for _ in range(2):
        InvolvedPersonFactory(incident=incident, person=UserFactory())
        ActionFactory(incident=incident, owner=UserFactory())
    small = _count(client, incident.get_absolute_url())
    for _ in range(15):
        InvolvedPersonFactory(incident=incident, person=UserFactory())
        ActionFactory(incident=incident, owner=UserFactory(), status=CorrectiveAction.Status.DONE)
    assert _count(client, incident.get_absolute_url()) == small


def test_incident_pdf_contains_the_chinese_description_of_a_zh_hans_incident(client, employee, officer):
    officer.language = "zh-hans"
    officer.save()
    incident = IncidentFactory(
        reporter=employee, description="员工在茶水间门口滑倒，左手腕扭伤。", immediate_actions="现场急救员进行冰敷。"
    )
    client.force_login(officer)
    response = client.get(f"/incidents/{incident.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    assert "员工在茶水间门口滑倒，左手腕扭伤。" in compact
    assert incident.number in compact


def test_csv_export_lists_the_filtered_incidents(client, officer, employee):
    IncidentFactory(reporter=employee, type="fire")
    IncidentFactory(reporter=employee, type="injury")
    client.force_login(officer)
    response = client.get("/incidents/export.csv?type=fire")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 2 and "Fire" in body


def test_officers_see_open_incidents_and_overdue_external_reports_on_home(client, officer, employee):
    overdue = IncidentFactory(
        reporter=employee,
        external_required=True,
        external_due_at=timezone.now() - datetime.timedelta(hours=1),
    )
    IncidentFactory(reporter=employee, status=Incident.Status.CLOSED, number="INC-2020-0001")
    client.force_login(officer)
    panel = client.get("/").content.decode().split('id="panel-incidents"')[1].split("</div>\n</div>")[0]
    assert overdue.number in panel and "external report overdue" in panel
    assert "INC-2020-0001" not in panel


def test_an_employee_without_actions_has_no_incident_panel(client, outsider):
    client.force_login(outsider)
    assert 'id="panel-incidents"' not in client.get("/").content.decode()
