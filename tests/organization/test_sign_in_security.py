"""Sign-in that cannot be used against people (issue 10, "Sign-in"): a lockout that an attacker cannot
extend, client addresses read from the proxy header only when a proxy is configured, officers who can
lift a lock, a throttled password reset, and one security-log line per event."""

import datetime
import logging

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from apps.core.exceptions import NotAllowed
from apps.core.models import TimelineEntry
from apps.core.security import client_address
from apps.organization.services import person_unlock_sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROXY = "10.0.0.2"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.5  # hours


def _sign_in(client, password, username="employee", **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _lock(client, username="employee", **headers):
    for _ in range(3):
        _sign_in(client, "wrong", username=username, **headers)


def _security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "anquan.security"]


# --- lockout ------------------------------------------------------------------------------------------------


def test_attempts_during_a_lockout_do_not_extend_the_cool_off(client, employee, axes_on):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        _lock(client)
        clock.shift(datetime.timedelta(minutes=20))
        assert _sign_in(client, "wrong").status_code == 429  # still locked, and this try changes nothing
        clock.shift(datetime.timedelta(minutes=11))  # 31 minutes after the lock
        assert _sign_in(client, "safety-first").status_code == 302


def test_behind_a_trusted_proxy_one_clients_failures_do_not_lock_out_another_client(
    client, employee, axes_on, settings
):
    settings.ANQUAN_TRUSTED_PROXIES = 1
    _lock(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert _sign_in(client, "safety-first", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert _sign_in(client, "safety-first", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, employee, axes_on):
    for n in range(3):
        _sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _sign_in(client, "safety-first", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy configured: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client wrote itself comes first
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: not from our proxies
        (1, "not-an-address", "10.0.0.2"),
    ],
)
def test_the_client_address_comes_from_the_proxy_header_only_as_far_as_the_proxies_are_trusted(
    settings, proxies, forwarded, expected
):
    settings.ANQUAN_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


# --- unlock -------------------------------------------------------------------------------------------------


def test_an_officer_unlocks_a_locked_account_from_the_person_page(client, employee, officer, axes_on, caplog):
    _lock(client)
    client.force_login(officer)
    page = client.get(employee.get_absolute_url()).content.decode()
    assert 'id="sign-in-lock"' in page and "Unlock sign-in" in page
    caplog.set_level(logging.INFO)
    response = client.post(reverse("organization:person_unlock_sign_in", args=[employee.pk]))
    assert response["Location"] == employee.get_absolute_url()
    assert 'event=sign_in_unlocked user="officer"' in "\n".join(_security_lines(caplog))
    assert TimelineEntry.objects.filter(object_id=employee.pk, action="unlocked sign-in", actor=officer).exists()
    client.logout()
    assert _sign_in(client, "safety-first").status_code == 302


def test_the_unlock_button_shows_only_while_the_account_is_locked(client, employee, officer, axes_on):
    client.force_login(officer)
    assert 'id="sign-in-lock"' not in client.get(employee.get_absolute_url()).content.decode()


def test_a_department_head_sees_no_unlock_button_for_a_locked_member(client, employee, head, axes_on):
    _lock(client)
    client.force_login(head)
    assert 'id="sign-in-lock"' not in client.get(employee.get_absolute_url()).content.decode()


def test_only_a_safety_officer_may_unlock_sign_in(employee, head):
    with pytest.raises(NotAllowed):
        person_unlock_sign_in(actor=head, person=employee)


# --- password reset -----------------------------------------------------------------------------------------


def test_password_reset_mails_one_address_at_most_the_limit_and_answers_the_same_every_time(
    client, employee, settings, mailoutbox
):
    settings.ANQUAN_PASSWORD_RESET_PER_ADDRESS = 3
    answers = [client.post(reverse("password_reset"), {"email": employee.email}) for _ in range(6)]
    assert [a["Location"] for a in answers] == [reverse("password_reset_done")] * 6
    assert len(mailoutbox) == 3


def test_password_reset_counts_an_unknown_address_like_a_known_one(client, db, settings, mailoutbox):
    settings.ANQUAN_PASSWORD_RESET_PER_ADDRESS = 1
    answers = [client.post(reverse("password_reset"), {"email": "Nobody@Example.com"}) for _ in range(2)]
    assert [a["Location"] for a in answers] == [reverse("password_reset_done")] * 2
    assert mailoutbox == []


def test_password_reset_from_one_client_is_refused_over_the_client_limit(client, db, settings, mailoutbox, caplog):
    settings.ANQUAN_PASSWORD_RESET_PER_CLIENT = 2
    for n in range(2):
        assert client.post(reverse("password_reset"), {"email": f"someone{n}@example.com"}).status_code == 302
    caplog.set_level(logging.INFO)
    refused = client.post(reverse("password_reset"), {"email": "someone-else@example.com"})
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert refused.context["form"]["email"].value() == "someone-else@example.com"  # the input is kept
    assert 'event=password_reset_throttled user="" address="127.0.0.1"' in "\n".join(_security_lines(caplog))


def test_another_client_may_still_reset_while_one_is_throttled(client, employee, settings, mailoutbox):
    settings.ANQUAN_PASSWORD_RESET_PER_CLIENT = 1
    client.post(reverse("password_reset"), {"email": "first@example.com"}, REMOTE_ADDR="192.0.2.1")
    response = client.post(reverse("password_reset"), {"email": employee.email}, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 302 and len(mailoutbox) == 1


# --- security log -------------------------------------------------------------------------------------------


def test_a_sign_in_is_one_security_line(client, employee, axes_on, caplog):
    caplog.set_level(logging.INFO)
    _sign_in(client, "safety-first", REMOTE_ADDR="198.51.100.4")
    assert _security_lines(caplog) == [f'event=sign_in user="employee" address="198.51.100.4" path="{LOGIN}"']


def test_a_failed_sign_in_is_one_security_line(client, employee, axes_on, caplog):
    caplog.set_level(logging.INFO)
    _sign_in(client, "wrong", REMOTE_ADDR="198.51.100.4")
    assert _security_lines(caplog) == [f'event=sign_in_failed user="employee" address="198.51.100.4" path="{LOGIN}"']


def test_the_attempt_that_locks_and_each_attempt_while_locked_are_one_lockout_line_each(
    client, employee, axes_on, caplog
):
    caplog.set_level(logging.INFO)
    _lock(client)
    _sign_in(client, "safety-first")
    events = [line.split()[0] for line in _security_lines(caplog)]
    assert events == ["event=sign_in_failed"] * 2 + ["event=sign_in_locked_out"] * 2
