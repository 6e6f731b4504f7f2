"""Whoever rectified a hazard does not sign it off or verify it (issue 9, "Separation of duties").

When the head of the responsible department recorded the rectification, the sign-off goes up to
management; an officer who rectified leaves verification to another officer."""

import pytest
from django.urls import reverse

from apps.core.exceptions import NotAllowed
from apps.hazards.models import Hazard
from apps.hazards.selectors import my_work
from apps.hazards.services import (
    hazard_assess,
    hazard_plan,
    hazard_rectify,
    hazard_reminders_send,
    hazard_sign_off,
    hazard_verify,
)
from apps.hazards.workflow import FLOW
from apps.notifications.models import Notification
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db

FIVE_FIXES = {"funds": 8000, "interim_safeguards": "Cordon", "contingency": "Warden on duty"}


@pytest.fixture
def head_rectified(reported, officer, head, manager, committed):
    """A major hazard whose department head named himself responsible and recorded the rectification
    (management exists to be told)."""
    hazard_assess(hazard=reported, user=officer, grade="major", likelihood=4, severity=5, category="electrical")
    hazard_plan(
        hazard=reported, user=head, measures="Rewire the board", responsible_person=head,
        department=head.department, **FIVE_FIXES,
    )  # fmt: skip
    with committed():
        hazard_rectify(hazard=reported, user=head, note="Rewired")
    return Hazard.objects.select_related("department").get(pk=reported.pk)


def _moves(hazard, user):
    return [m.name for m in FLOW.moves_for(hazard, user)]


def test_head_who_rectified_his_own_major_hazard_cannot_sign_it_off(head_rectified, head):
    assert head_rectified.rectified_by == head
    with pytest.raises(NotAllowed):
        hazard_sign_off(hazard=head_rectified, user=head, comment="All good")
    head_rectified.refresh_from_db()
    assert head_rectified.status == Hazard.Status.RECTIFIED
    assert _moves(head_rectified, head) == []


def test_head_who_rectified_cannot_verify_after_management_signed_off(head_rectified, head, manager):
    hazard_sign_off(hazard=head_rectified, user=manager)
    hazard = Hazard.objects.select_related("department").get(pk=head_rectified.pk)
    with pytest.raises(NotAllowed):
        hazard_verify(hazard=hazard, user=head)
    assert Hazard.objects.get(pk=hazard.pk).status == Hazard.Status.SIGNED_OFF


def test_management_signs_off_what_the_head_rectified(head_rectified, manager, officer):
    assert _moves(head_rectified, manager) == ["sign_off", "return"]
    assert _moves(head_rectified, officer) == []
    hazard_sign_off(hazard=head_rectified, user=manager, comment="Checked on site")
    head_rectified.refresh_from_db()
    assert head_rectified.status == Hazard.Status.SIGNED_OFF and head_rectified.signed_off_by == manager


def test_management_does_not_sign_off_what_someone_else_rectified(reported, loop, manager):
    hazard = loop(reported, "rectify")
    assert _moves(Hazard.objects.select_related("department").get(pk=hazard.pk), manager) == []


def test_the_hazard_page_says_who_signs_off_and_why(client, head_rectified, head, manager, settings):
    settings.AXES_ENABLED = False
    client.force_login(head)
    html = client.get(head_rectified.get_absolute_url()).content.decode()
    assert "Sign-off by management because the department head recorded the rectification." in html
    assert 'id="move-sign_off"' not in html
    client.force_login(manager)
    assert 'id="move-sign_off"' in client.get(head_rectified.get_absolute_url()).content.decode()


def test_head_who_rectified_is_refused_sign_off_through_the_page(client, head_rectified, head, settings):
    settings.AXES_ENABLED = False
    client.force_login(head)
    response = client.post(reverse("hazards:hazard_sign_off", args=[head_rectified.pk]), {})
    assert response.status_code == 403
    assert Hazard.objects.get(pk=head_rectified.pk).status == Hazard.Status.RECTIFIED


def test_management_is_asked_to_sign_off_and_finds_it_in_their_work(head_rectified, head, manager):
    assert Notification.objects.filter(recipient=manager, key__contains=":rectified:").exists()
    assert not Notification.objects.filter(recipient=head, key__contains=":rectified:").exists()
    assert list(my_work(user=manager)["sign_off"]) == [head_rectified]
    assert "sign_off" not in my_work(user=head) or head_rectified not in my_work(user=head)["sign_off"]


def test_a_stalled_escalated_sign_off_reminds_management_not_the_head(head_rectified, head, manager, settings):
    import datetime

    from django.utils import timezone

    later = timezone.localdate() + datetime.timedelta(days=30)
    hazard_reminders_send(today=later)
    assert Notification.objects.filter(recipient=manager, key__contains="sign_off_waiting").exists()
    assert not Notification.objects.filter(recipient=head, key__contains="sign_off_waiting").exists()


def test_officer_who_rectified_cannot_verify_but_another_officer_can(reported, officer, head, department):
    other_officer = UserFactory(username="officer2", role="officer", department=officer.department)
    hazard_assess(hazard=reported, user=officer, grade="general", likelihood=2, severity=2, category="fire")
    hazard_plan(hazard=reported, user=officer, measures="Refill", responsible_person=officer, department=department)
    hazard_rectify(hazard=reported, user=officer, note="Refilled")
    hazard_sign_off(hazard=reported, user=head)
    hazard = Hazard.objects.select_related("department").get(pk=reported.pk)
    assert _moves(hazard, officer) == ["reopen"]
    with pytest.raises(NotAllowed):
        hazard_verify(hazard=hazard, user=officer)
    hazard_verify(hazard=hazard, user=other_officer)
    assert Hazard.objects.get(pk=hazard.pk).status == Hazard.Status.CLOSED


def test_a_superuser_who_rectified_cannot_sign_off_or_verify(head_rectified, head, manager):
    # has_perm never refuses an active superuser: the engine's `not_by` check still does.
    head.is_superuser = True
    head.save()
    with pytest.raises(NotAllowed):
        hazard_sign_off(hazard=head_rectified, user=head)
    assert "sign_off" not in _moves(head_rectified, head)
    hazard_sign_off(hazard=head_rectified, user=manager)
    hazard = Hazard.objects.select_related("department").get(pk=head_rectified.pk)
    with pytest.raises(NotAllowed):
        hazard_verify(hazard=hazard, user=head)
    assert "verify" not in _moves(hazard, head)
