"""The statement PDF shows both signatures with their times; the minutes PDF the meeting's record; a
scheduled meeting appears in each invited person's calendar feed."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.responsibilities import services
from apps.responsibilities.models import Statement
from tests.responsibilities.conftest import make_action, make_meeting, this_year

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def signed(personas):
    p = personas
    services.statements_issue(user=p["officer"], year=this_year())
    statement = Statement.objects.get(person=p["employee"])
    services.statement_sign(statement=statement, user=p["employee"], typed_name="李娜", confirm_read=True)
    services.statement_countersign(statement=statement, user=p["head"], typed_name="王芳")
    return statement


def test_the_statement_pdf_contains_both_names_and_both_times(client, signed, personas, settings):
    settings.AXES_ENABLED = False
    client.force_login(personas["employee"])
    response = client.get(reverse("responsibilities:statement_pdf", args=[signed.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "李娜" in text and "王芳" in text
    assert str(signed.year) in text
    assert text.count(":") >= 2  # both signing times (hh:mm)


def test_another_employee_cannot_download_the_statement_pdf(client, signed, personas, settings):
    settings.AXES_ENABLED = False
    client.force_login(personas["outsider"])
    assert client.get(reverse("responsibilities:statement_pdf", args=[signed.pk])).status_code == 404


def test_the_minutes_pdf_lists_decisions_and_action_owners(client, personas, settings):
    settings.AXES_ENABLED = False
    action = make_action(personas["officer"], personas["head"])
    services.meeting_schedule(meeting=action.meeting, user=personas["officer"])
    services.meeting_hold(meeting=action.meeting, user=personas["officer"], minutes="Heard the fire report.")
    client.force_login(personas["officer"])
    text = _text(client.get(reverse("responsibilities:meeting_minutes_pdf", args=[action.meeting.pk])).content)
    assert "Replace the expired extinguishers" in text and "王芳" in text and "Heard the fire report." in text


def test_a_scheduled_meeting_appears_in_the_invited_persons_calendar_feed(client, personas):
    meeting = make_meeting(personas["officer"], chair=personas["manager"])
    services.meeting_invite(meeting=meeting, user=personas["officer"], person=personas["employee"])
    feed = reverse("calendar_feed", args=[personas["employee"].calendar_token])
    assert f"meeting-{meeting.pk}" not in client.get(feed).content.decode()  # a draft is nobody's event yet
    services.meeting_schedule(meeting=meeting, user=personas["officer"])
    body = client.get(feed).content.decode()
    assert f"UID:meeting-{meeting.pk}@anquan" in body and "Safety committee" in body
    other = reverse("calendar_feed", args=[personas["outsider"].calendar_token])
    assert f"meeting-{meeting.pk}" not in client.get(other).content.decode()
