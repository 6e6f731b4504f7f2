"""Pages show only the links the reader may follow, and refused inspection forms keep their input
(issue 9)."""

import pytest

from apps.inspections import services
from apps.inspections.models import ApplianceRequest, Inspection
from tests.inspections.factories import ApplianceRequestFactory, InspectionFactory, InspectionPlanFactory, make_template
from tests.organization.factories import AreaFactory

pytestmark = pytest.mark.django_db


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_head_sees_no_coverage_link_on_the_plans_page(client, head):
    assert "/inspections/coverage/" not in _html(client, head, "/inspections/plans/")


def test_a_head_sees_no_coverage_link_on_a_plan(client, head):
    plan = InspectionPlanFactory()
    assert "/inspections/coverage/" not in _html(client, head, plan.get_absolute_url())


@pytest.mark.parametrize("persona", ["officer", "manager"])
def test_company_wide_roles_still_see_the_coverage_link(client, personas, persona):
    plan = InspectionPlanFactory()
    assert "/inspections/coverage/" in _html(client, personas[persona], "/inspections/plans/")
    assert "/inspections/coverage/" in _html(client, personas[persona], plan.get_absolute_url())


def test_an_employee_sees_no_annual_plans_link_on_the_inspections_page(client, employee):
    assert "/inspections/plans/" not in _html(client, employee, "/inspections/")


@pytest.mark.parametrize("persona", ["head", "officer", "manager"])
def test_heads_and_company_wide_roles_still_see_the_annual_plans_link(client, personas, persona):
    assert "/inspections/plans/" in _html(client, personas[persona], "/inspections/")


@pytest.fixture
def in_progress(head, department):
    inspection = InspectionFactory(
        template=make_template(items=2), inspector=head, area=AreaFactory(department=department)
    )
    return services.inspection_start(inspection=inspection, user=head)


def test_a_refused_finish_keeps_the_summary_typed(client, head, in_progress):
    client.force_login(head)
    response = client.post(
        f"/inspections/{in_progress.pk}/finish/",
        {"finish-signature_name": "王芳", "finish-summary": "Two exits blocked"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Two exits blocked" in html and "have no answer yet" in html
    in_progress.refresh_from_db()
    assert in_progress.status == Inspection.Status.IN_PROGRESS


def test_a_refused_answer_without_javascript_keeps_the_note(client, head, in_progress):
    result = in_progress.results.order_by("pk").first()
    client.force_login(head)
    response = client.post(
        f"/inspections/{in_progress.pk}/results/{result.pk}/", {"outcome": "maybe", "note": "Gauge needle low"}
    )
    row = response.content.decode().split(f'id="item-{result.item_id}"')[1].split("</li>")[0]
    assert response.status_code == 400
    assert "Gauge needle low</textarea>" in row and 'role="alert"' in row


def test_a_refused_decision_says_why_on_the_request_page(client, officer):
    req = ApplianceRequestFactory(status=ApplianceRequest.Status.APPROVED)
    client.force_login(officer)
    response = client.post(f"/appliances/{req.pk}/decide/", {"decision": "reject", "comment": "Socket overloaded"})
    assert response.status_code == 400 and "“Reject” is not possible at this step" in response.content.decode()
    req.refresh_from_db()
    assert req.status == ApplianceRequest.Status.APPROVED


def test_a_refused_rejection_keeps_the_pending_form(client, officer):
    req = ApplianceRequestFactory()
    client.force_login(officer)
    response = client.post(f"/appliances/{req.pk}/decide/", {"decision": "reject", "comment": " "})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="move-reject"' in html and "Give a reason for the rejection." in html
