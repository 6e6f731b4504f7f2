"""The moves through the page (the generic move view): a refused submission shows the hazard page
again with what was typed and why (status 400), never a redirect that drops the input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.selectors import timeline_for
from apps.hazards.models import Hazard

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_axes(settings):
    settings.AXES_ENABLED = False


def test_refused_assessment_shows_the_form_again_with_the_input_and_the_reason(client, reported, officer):
    client.force_login(officer)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "assess-grade": "major", "assess-category": "electrical", "assess-likelihood": "4",
        "assess-severity": "5", "assess-deadline": yesterday.isoformat(),
        "assess-comment": "Sparks seen behind the panel on Tuesday",
    }  # fmt: skip
    response = client.post(reverse("hazards:hazard_assess", args=[reported.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The deadline cannot be in the past." in html
    assert "Sparks seen behind the panel on Tuesday" in html
    assert yesterday.isoformat() in html
    form = next(item["form"] for item in response.context["moves"] if item["move"].name == "assess")
    assert form.is_bound and form.data["assess-grade"] == "major"
    reported.refresh_from_db()
    assert reported.status == Hazard.Status.REPORTED


def test_refused_major_plan_shows_the_form_again_with_the_input_and_the_reason(
    client, reported, loop, officer, employee
):
    hazard = loop(reported, "assess", grade="major")
    client.force_login(officer)
    data = {
        "plan-measures": "Replace the whole distribution board", "plan-department": employee.department_id,
        "plan-responsible_person": employee.pk, "plan-interim_safeguards": "Cordon and warning signs",
    }  # no funds and no contingency: the service refuses a major hazard's plan  # fmt: skip
    response = client.post(reverse("hazards:hazard_plan", args=[hazard.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "A major hazard needs all five fixes" in html
    assert "Replace the whole distribution board" in html and "Cordon and warning signs" in html
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.ASSESSED and hazard.measures == ""


def test_a_move_by_someone_who_may_not_make_it_is_forbidden(client, reported, head):
    client.force_login(head)
    response = client.post(reverse("hazards:hazard_assess", args=[reported.pk]), {})
    assert response.status_code == 403


def test_a_move_on_another_departments_hazard_is_not_found(client, reported, other_head):
    client.force_login(other_head)
    response = client.post(reverse("hazards:hazard_reject", args=[reported.pk]), {"reject-reason": "x"})
    assert response.status_code == 404


def test_a_move_is_post_only(client, reported, officer):
    client.force_login(officer)
    assert client.get(reverse("hazards:hazard_reject", args=[reported.pk])).status_code == 405


def test_a_successful_move_says_so_with_the_moves_label_and_returns_to_the_hazard(client, reported, officer):
    client.force_login(officer)
    response = client.post(
        reverse("hazards:hazard_reject", args=[reported.pk]), {"reject-reason": "Duplicate report"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reported.get_absolute_url()
    assert f"{reported.number}: Rejected." in response.content.decode()
    assert timeline_for(reported).last().comment == "Duplicate report"


def test_a_move_no_longer_possible_says_why_even_when_its_form_is_empty(client, reported, loop, officer):
    hazard = loop(reported, "rectify")
    client.force_login(officer)
    response = client.post(reverse("hazards:hazard_reopen", args=[hazard.pk]), {})
    assert response.status_code == 400
    assert "not possible at this step" in response.content.decode()
    assert 'id="move-reopen"' not in response.content.decode()
