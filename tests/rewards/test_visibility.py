"""Who sees what (R8): the notice board shows announced rewards to everyone; a penalty is seen only by
management, safety officers, the person concerned and the head of their department; amounts only by
management and safety officers. The honour certificate carries the company, the recipient's Chinese
name, the reason, the date and a signature line."""

import pytest
from django.urls import reverse

from apps.organization.models import CompanyProfile
from apps.rewards import selectors
from tests.pdf import compact, pdf_text
from tests.rewards.factories import decision_in

pytestmark = pytest.mark.django_db

PENALTY_SEERS = {"employee", "head", "officer", "manager"}


@pytest.mark.parametrize("state", ["notified", "appealed", "upheld", "revoked"])
@pytest.mark.parametrize("who", ["employee", "outsider", "head", "other_head", "officer", "manager"])
def test_a_penalty_is_seen_by_management_officers_the_person_and_their_head(personas, client, who, state):
    d = decision_in(state, personas, kind="fine")
    visible = selectors.decision_list(user=personas[who]).filter(pk=d.pk).exists()
    assert visible == (who in PENALTY_SEERS)
    client.force_login(personas[who])
    response = client.get(d.get_absolute_url())
    assert response.status_code == (200 if who in PENALTY_SEERS else 404)
    listed = client.get(reverse("rewards:decision_list")).content.decode()
    assert (d.number in listed) == (who in PENALTY_SEERS)


@pytest.mark.parametrize("who", ["employee", "outsider", "head", "other_head", "officer", "manager"])
def test_amounts_are_shown_to_management_and_officers_only(personas, client, who):
    d = decision_in("notified", personas, kind="fine")  # 500.00
    client.force_login(personas[who])
    if who in PENALTY_SEERS:
        page = client.get(d.get_absolute_url()).content.decode()
        assert ("500.00" in page) == (who in {"officer", "manager"})
    listed = client.get(reverse("rewards:decision_list")).content.decode()
    assert ("500.00" in listed) == (who in {"officer", "manager"})


@pytest.mark.parametrize("who", ["employee", "outsider", "head", "other_head", "officer", "manager"])
def test_the_notice_board_shows_announced_rewards_to_everyone_and_nothing_else(personas, client, who):
    announced = decision_in("announced", personas, reason="Found a frayed cable")
    approved = decision_in("approved", personas, reason="Cleared an exit")
    penalty = decision_in("notified", personas, kind="criticism", reason="Propped a fire door open")
    client.force_login(personas[who])
    page = client.get(reverse("rewards:notice_board")).content.decode()
    assert announced.number in page and "Found a frayed cable" in page
    assert approved.number not in page and penalty.number not in page
    assert client.get(announced.get_absolute_url()).status_code == 200


def test_a_proposal_is_not_shown_to_its_person_until_decided(personas, client):
    d = decision_in("proposed", personas)
    client.force_login(personas["employee"])
    assert client.get(d.get_absolute_url()).status_code == 404


def test_the_honour_certificate(personas, client):
    CompanyProfile.objects.create(name="Harbour Call Centre Ltd.", name_zh="海港呼叫中心有限公司")
    d = decision_in("announced", personas, kind="honour", reason="Reported the blocked fire exit on floor 3")
    client.force_login(personas["outsider"])  # the board is public: anyone may print it
    response = client.get(reverse("rewards:decision_certificate", args=[d.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = compact(pdf_text(response.content))
    assert "李娜" in text  # the recipient, in Chinese
    assert compact("Reported the blocked fire exit on floor 3") in text
    assert "HarbourCallCentreLtd." in text or "海港呼叫中心有限公司" in text
    assert "Honourcertificate" in text and "signature" in text.lower()
    assert "2026" in text  # the effective date


def test_no_certificate_for_a_penalty_or_an_undecided_reward(personas, client):
    client.force_login(personas["officer"])
    for d in (decision_in("notified", personas, kind="warning"), decision_in("proposed", personas)):
        assert client.get(reverse("rewards:decision_certificate", args=[d.pk])).status_code == 404


def test_the_hazard_page_links_back_to_the_decision_citing_it(personas, client):
    from tests.hazards.factories import HazardFactory

    hazard = HazardFactory(reporter=personas["employee"], department=personas["head"].department)
    d = decision_in("announced", personas, evidence=[hazard.number])
    client.force_login(personas["officer"])
    page = client.get(hazard.get_absolute_url()).content.decode()
    assert d.get_absolute_url() in page
    detail = client.get(d.get_absolute_url()).content.decode()
    assert hazard.get_absolute_url() in detail
