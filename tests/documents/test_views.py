import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.documents import services
from apps.documents.models import Document, DocumentVersion
from tests.documents.factories import approved_document
from tests.organization.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
DUE = timezone.localdate() + datetime.timedelta(days=7)


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _documents(n, start):
    for i in range(start, start + n):
        document = Document.objects.create(number=f"Q-{i:04d}", title=f"Rule {i}", category="rule")
        version = DocumentVersion.objects.create(document=document, number=1, status="approved", effective_date=DUE)
        document.current_version = version
        document.save()


def test_the_document_list_costs_the_same_queries_with_more_documents(client, employee):
    client.force_login(employee)
    _documents(3, 0)
    small = _count(client, "/documents/")
    _documents(30, 10)
    assert _count(client, "/documents/") == small


def _people(n, departments):
    for i in range(n):
        UserFactory(department=departments[i % len(departments)])


def test_campaign_status_costs_the_same_queries_with_more_people_and_departments(client, officer, manager):
    _doc, version = approved_document(officer=officer, manager=manager)
    departments = [DepartmentFactory() for _ in range(2)]
    _people(4, departments)
    campaign = services.campaign_start(user=officer, version=version, due_date=DUE, everyone=True)
    client.force_login(officer)
    url = campaign.get_absolute_url()
    small = _count(client, url)
    departments += [DepartmentFactory() for _ in range(5)]
    _people(40, departments)
    assert _count(client, url) == small


def test_the_heads_page_shows_one_fewer_pending_after_an_acknowledgement(
    client, officer, manager, head, employee, department
):
    _doc, version = approved_document(officer=officer, manager=manager)
    campaign = services.campaign_start(user=officer, version=version, due_date=DUE, departments=[department])
    client.force_login(head)
    before = client.get(campaign.get_absolute_url()).content.decode()
    services.acknowledge(user=employee, campaign=campaign)
    after = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-pending="2"' in before and 'data-pending="1"' in after


def test_the_completion_export_has_one_row_per_person_in_scope(client, officer, manager, employee, department, head):
    _doc, version = approved_document(officer=officer, manager=manager)
    campaign = services.campaign_start(user=officer, version=version, due_date=DUE, departments=[department])
    services.acknowledge(user=employee, campaign=campaign)
    client.force_login(officer)
    response = client.get(f"/documents/campaigns/{campaign.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3
    acknowledged = {r[1]: r[4] for r in rows[1:]}
    assert acknowledged == {employee.full_name: "v1", head.full_name: ""}


def test_a_refused_campaign_form_keeps_what_was_typed(client, officer, manager):
    _doc, version = approved_document(officer=officer, manager=manager)
    client.force_login(officer)
    response = client.post(f"/documents/versions/{version.pk}/campaigns/new/", {"title": "Read me", "due_date": DUE})
    assert response.status_code == 400
    assert 'value="Read me"' in response.content.decode()


def test_an_uploaded_body_that_is_not_a_document_is_refused_on_the_form(client, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.document_create(user=officer, number="AQ-9", title="Form", category="form")
    version = document.versions.get()
    client.force_login(officer)
    fake = SimpleUploadedFile("form.pdf", b"<html><script>x</script></html>", content_type="application/pdf")
    response = client.post(version.get_absolute_url(), {"body_kind": "file", "upload": fake, "change_note": "kept"})
    assert response.status_code == 400 and 'value="kept"' in response.content.decode()


def test_the_home_page_lists_what_the_person_must_acknowledge(client, officer, manager, employee, department):
    _doc, version = approved_document(officer=officer, manager=manager, title="Exit rules")
    services.campaign_start(user=officer, version=version, due_date=DUE, departments=[department])
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert 'id="panel-documents"' in html and "Exit rules" in html
    client.force_login(officer)
    assert 'id="panel-documents"' not in client.get("/").content.decode()
