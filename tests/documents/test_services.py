import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.documents import services
from apps.documents.models import Acknowledgement, DocumentVersion
from apps.documents.selectors import campaign_by_department, campaign_counts, campaign_pending
from apps.notifications.models import Notification
from tests.documents.factories import approve, approved_document
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db
S = DocumentVersion.Status
DUE = timezone.localdate() + datetime.timedelta(days=14)


def test_approving_a_new_version_supersedes_the_old_one_and_keeps_it_readable(officer, manager, client):
    document, v1 = approved_document(officer=officer, manager=manager, body="Old rule text")
    v2 = services.version_draft_next(user=officer, document=document)
    approve(v2, officer=officer, manager=manager, body="New rule text")
    v1.refresh_from_db()
    document.refresh_from_db()
    assert (v1.status, v2.status, document.current_version_id) == (S.SUPERSEDED, S.APPROVED, v2.pk)
    client.force_login(UserFactory())
    html = client.get(v1.get_absolute_url()).content.decode()
    assert "superseded-banner" in html and "Old rule text" in html


def test_the_author_cannot_approve_their_own_version(officer, manager):
    office = manager.department
    office.head = manager
    office.save()  # a manager who heads a department writes its documents, and may not approve them
    document = services.document_create(
        user=manager, number="AQ-1", title="Rule", category="rule", owner_department=office
    )
    version = document.versions.get()
    services.version_update(user=manager, version=version, body_kind="text", body="x", effective_date=DUE)
    services.version_submit(documentversion=version, user=manager)
    with pytest.raises(NotAllowed):
        services.version_approve(documentversion=version, user=manager)


def test_a_version_without_an_effective_date_cannot_be_submitted(officer):
    document = services.document_create(user=officer, number="AQ-2", title="Rule", category="rule")
    with pytest.raises(ApplicationError):
        services.version_submit(documentversion=document.versions.get(), user=officer)


def test_the_version_history_records_who_approved_what_and_when(officer, manager):
    document, v1 = approved_document(officer=officer, manager=manager)
    assert (v1.prepared_by, v1.submitted_by, v1.approved_by) == (officer, officer, manager)
    assert v1.approved_at is not None


def test_markdown_is_rendered_and_script_is_stripped(officer, manager, client):
    _doc, v1 = approved_document(
        officer=officer, manager=manager, body="**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    client.force_login(officer)
    html = client.get(v1.get_absolute_url()).content.decode()
    body = html.split('id="document-body"')[1].split("</div>")[0]
    assert "<strong>Bold</strong>" in body and "<script" not in body and "javascript:" not in body


def _campaign(officer, version, **scope):
    return services.campaign_start(user=officer, version=version, due_date=DUE, **scope)


def test_a_campaign_counts_exactly_the_people_in_scope_including_a_later_joiner(
    officer, manager, employee, head, department, outsider
):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, departments=[department])
    assert campaign_counts(campaign)["total"] == 2  # head and employee
    joiner = UserFactory(department=department)
    UserFactory(department=department, is_active=False)
    assert campaign_counts(campaign) == {"total": 3, "done": 0, "pending": 3, "percent": 0}
    assert joiner in campaign_pending(campaign)


def test_acknowledging_records_who_when_and_which_version(officer, manager, employee, department):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, departments=[department])
    ack = services.acknowledge(user=employee, campaign=campaign)
    assert (ack.person, ack.version, ack.acknowledged_at is not None) == (employee, v1, True)
    assert campaign_counts(campaign)["done"] == 1
    with pytest.raises(Conflict):
        services.acknowledge(user=employee, campaign=campaign)


def test_a_withdrawn_document_cannot_be_acknowledged(officer, manager, employee, department):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, everyone=True)
    services.version_withdraw(documentversion=v1, user=manager, comment="Replaced by law")
    with pytest.raises(Conflict):
        services.acknowledge(user=employee, campaign=campaign)
    assert not Acknowledgement.objects.exists()


def test_someone_outside_the_scope_cannot_acknowledge(officer, manager, outsider, department):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, departments=[department])
    with pytest.raises(NotAllowed):
        services.acknowledge(user=outsider, campaign=campaign)


def test_completion_by_department_counts_each_department_once(officer, manager, employee, head, outsider, department):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, everyone=True)
    services.acknowledge(user=employee, campaign=campaign)
    rows = {r["department_id"]: (r["total"], r["done"]) for r in campaign_by_department(campaign)}
    assert rows[department.pk] == (2, 1)
    assert rows[outsider.department_id] == (2, 0)


def test_the_reminder_chases_only_those_who_have_not_acknowledged_once_a_day(
    officer, manager, employee, head, department
):
    _doc, v1 = approved_document(officer=officer, manager=manager)
    campaign = _campaign(officer, v1, departments=[department])
    services.acknowledge(user=employee, campaign=campaign)
    day = campaign.due_date - datetime.timedelta(days=1)
    services.reminders_send(today=day)
    services.reminders_send(today=day)
    reminded = Notification.objects.filter(key__startswith=f"campaign:{campaign.pk}:remind")
    assert list(reminded.values_list("recipient__username", flat=True)) == ["head"]


def test_a_document_past_its_review_date_is_flagged_to_its_owner(officer, manager, head, department):
    document, v1 = approved_document(officer=officer, manager=manager, department=department)
    DocumentVersion.objects.filter(pk=v1.pk).update(review_date=timezone.localdate() - datetime.timedelta(days=1))
    services.reminders_send()
    assert Notification.objects.filter(recipient=head, key__contains=f"document-version:{v1.pk}:review").exists()


def test_a_campaign_message_names_the_document_in_each_readers_language(
    officer, manager, employee, department, django_capture_on_commit_callbacks
):
    _doc, v1 = approved_document(officer=officer, manager=manager)  # 消防安全制度 / Fire safety rule
    with django_capture_on_commit_callbacks(execute=True):
        _campaign(officer, v1, departments=[department])
    note = Notification.objects.get(recipient=employee, key__endswith=":start")
    assert "消防安全制度" in note.body_text("zh-hans") and "Fire safety rule" not in note.body_text("zh-hans")
    assert "Fire safety rule" in note.body_text("en")


def test_a_superuser_who_wrote_the_version_cannot_approve_it(officer, manager):
    officer.is_superuser = True  # has_perm never refuses an active superuser: the engine checks the author
    officer.save()
    document = services.document_create(user=officer, number="AQ-9", title="Rule", category="rule")
    version = document.versions.get()
    services.version_update(user=officer, version=version, body_kind="text", body="x", effective_date=DUE)
    services.version_submit(documentversion=version, user=officer)
    with pytest.raises(NotAllowed):
        services.version_approve(documentversion=version, user=officer)
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.UNDER_REVIEW
    services.version_approve(documentversion=version, user=manager)
