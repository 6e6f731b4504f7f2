"""Stalled approvals are chased: rectified but not signed off (step 5), signed off but not verified
(step 6). Frozen clock; the hazard is rectified on 2026-12-01 at 10:00 (Shanghai)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.hazards.models import Hazard
from apps.hazards.services import hazard_raise, hazard_rectify, hazard_return, hazard_sign_off
from apps.hazards.tasks import send_reminders
from apps.notifications.models import Notification
from tests.hazards.factories import HazardFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=9):
    return time_machine.travel(datetime.datetime(2026, 12, day, hour, tzinfo=SHANGHAI), tick=False)


def waiting(user):
    """The user's stalled-approval reminder keys."""
    qs = Notification.objects.filter(recipient=user, key__contains="_waiting:")
    return sorted(qs.values_list("key", flat=True))


@pytest.fixture
def rectified(loop, employee, head, officer):
    with at(1, 10):
        hazard = hazard_raise(title="Blocked fire exit", description="Boxes in front of exit B.", reporter=employee)
        return loop(hazard, "rectify")


@pytest.fixture
def second_officer(db):
    return UserFactory(username="officer2", role="officer")


def test_not_yet_due_sends_nothing(rectified):
    with at(3, 23):  # two days and a bit: below the default three
        assert send_reminders() == 0


def test_due_reminds_the_head_exactly_once(rectified, head, officer, employee):
    with at(4, 8):
        assert send_reminders() == 1
    assert waiting(head) == [f"hazard:{rectified.pk}:sign_off_waiting:2026-12-01T10:00:00"]
    assert waiting(officer) == []
    assert waiting(employee) == []
    note = Notification.objects.get(recipient=head, key__contains="_waiting:")
    assert rectified.number in note.subject
    assert note.url == rectified.get_absolute_url()


def test_running_twice_or_on_later_days_sends_nothing_new(rectified, head):
    with at(4):
        assert send_reminders() == 1
        assert send_reminders() == 0
    with at(9):
        assert send_reminders() == 0
    assert len(waiting(head)) == 1


def test_returned_and_rectified_again_is_reminded_for_the_new_period(rectified, head, employee):
    with at(4):
        send_reminders()
    with at(5, 11):
        hazard_return(hazard=rectified, user=head, reason="Exit still half blocked")
        hazard_rectify(hazard=rectified, user=employee, note="All boxes gone")
    with at(7):
        assert send_reminders() == 0  # new period, two days old
    with at(8, 12):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert waiting(head) == [
        f"hazard:{rectified.pk}:sign_off_waiting:2026-12-01T10:00:00",
        f"hazard:{rectified.pk}:sign_off_waiting:2026-12-05T11:00:00",
    ]


def test_signed_off_and_waiting_reminds_every_officer_once(rectified, head, officer, second_officer, committed):
    inactive = UserFactory(username="officer3", role="officer", is_active=False)
    with at(2, 10), committed():
        hazard_sign_off(hazard=rectified, user=head, comment="Checked")
    with at(4):
        assert send_reminders() == 0
    with at(5):
        assert send_reminders() == 2
        assert send_reminders() == 0
    key = f"hazard:{rectified.pk}:verify_waiting:2026-12-02T10:00:00"
    assert waiting(officer) == [key]
    assert waiting(second_officer) == [key]
    assert waiting(inactive) == []
    assert waiting(head) == []


def test_department_without_head_reminds_the_officers(rectified, head, officer, second_officer):
    department = rectified.department
    department.head = None
    department.save()
    with at(4):
        assert send_reminders() == 2
    key = f"hazard:{rectified.pk}:sign_off_waiting:2026-12-01T10:00:00"
    assert waiting(officer) == [key]
    assert waiting(second_officer) == [key]
    assert waiting(head) == []


def test_inactive_head_is_replaced_by_the_officers(rectified, head, officer):
    head.is_active = False
    head.save()
    with at(4):
        assert send_reminders() == 1
    assert waiting(officer) == [f"hazard:{rectified.pk}:sign_off_waiting:2026-12-01T10:00:00"]


def test_waiting_days_are_configurable(rectified, head, settings):
    settings.ANQUAN_HAZARDS = {"SIGN_OFF_REMIND_DAYS": 1}
    with at(2, 8):
        assert send_reminders() == 1
    assert len(waiting(head)) == 1


def test_closed_hazards_are_not_chased(rectified, head, officer, committed):
    from apps.hazards.services import hazard_verify

    with at(2), committed():
        hazard_sign_off(hazard=rectified, user=head)
        hazard_verify(hazard=rectified, user=officer)
    with at(20):
        assert send_reminders() == 0


# ------------------------------------------------------------------------------------------- queries


def _make_waiting(n, department, since):
    for _ in range(n):
        HazardFactory(status=Hazard.Status.RECTIFIED, department=department, rectified_at=since)
        HazardFactory(status=Hazard.Status.SIGNED_OFF, department=department, rectified_at=since, signed_off_at=since)


def _is_notification_insert(sql):
    """What notify costs per new message: its savepoint and insert (necessary, one per message)."""
    sql = sql.upper()
    return sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")) or (
        sql.startswith("INSERT") and "NOTIFICATIONS_NOTIFICATION" in sql
    )


def _run():
    with CaptureQueriesContext(connection) as ctx:
        sent = send_reminders()
    sql = [q["sql"] for q in ctx.captured_queries]
    return sent, len([s for s in sql if not _is_notification_insert(s)]), len(sql)


def test_query_count_does_not_grow_with_the_number_of_waiting_hazards(department, head, officer, second_officer):
    since = datetime.datetime(2026, 12, 1, 10, tzinfo=SHANGHAI)
    results = {}
    for n in (3, 40):
        Notification.objects.all().delete()
        Hazard.objects.all().delete()
        _make_waiting(n, department, since)
        with at(10):
            first = _run()
            second = _run()
        results[n] = (first, second)
        # One to the head per rectified hazard, one to each of the two officers per signed-off hazard.
        assert first[0] == 3 * n
        assert second[0] == 0
    (first_3, second_3), (first_40, second_40) = results[3], results[40]
    # First run: the reads are the same; only the inserts of the new messages grow.
    assert first_3[1] == first_40[1] <= 6
    # Second run: nothing new to send, so the whole run costs the same at both sizes.
    assert second_3[2] == second_40[2] <= 6


# --------------------------------------------------------------------------------------------- badges


@pytest.fixture
def stalled(department, employee):
    five_days_ago = timezone.now() - datetime.timedelta(days=5)
    return HazardFactory(
        title="Stalled at sign-off", status=Hazard.Status.RECTIFIED, department=department,
        responsible_person=employee, rectified_at=five_days_ago,
    )  # fmt: skip


@pytest.fixture
def fresh(department, employee):
    return HazardFactory(
        title="Just rectified", status=Hazard.Status.RECTIFIED, department=department,
        responsible_person=employee, rectified_at=timezone.now(),
    )  # fmt: skip


def test_model_counts_whole_days_in_the_waiting_state(stalled, fresh):
    assert stalled.waiting_days == 5 and stalled.is_waiting_too_long
    assert fresh.waiting_days == 0 and not fresh.is_waiting_too_long
    assert HazardFactory(status=Hazard.Status.RECTIFYING).waiting_days is None


@pytest.mark.parametrize(
    ("persona", "url"),
    [("officer", "hazards:hazard_list"), ("head", "hazards:my_work"), ("head", "home")],
)
def test_waiting_badge_on_list_my_work_and_home(client, personas, stalled, fresh, persona, url, settings):
    settings.AXES_ENABLED = False
    client.force_login(personas[persona])
    html = client.get(reverse(url)).content.decode()
    assert "waiting 5 days" in html
    assert html.count("waiting-badge") == 1  # not for the hazard rectified today
