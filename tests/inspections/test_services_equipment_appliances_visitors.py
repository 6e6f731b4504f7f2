import datetime

import pytest
from django.utils import timezone

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.hazards.models import Hazard
from apps.inspections import services
from apps.inspections.models import ApplianceRequest, Visit
from apps.inspections.selectors import approved_appliances_by_area, equipment_list, visits_on_site
from tests.inspections.factories import ApplianceRequestFactory, EquipmentFactory
from tests.organization.factories import AreaFactory


@pytest.fixture
def equipment(department):
    return EquipmentFactory(area=AreaFactory(department=department), check_interval_days=30)


@pytest.mark.django_db
def test_qr_quick_check_on_fail_creates_a_hazard(equipment, officer, client):
    client.force_login(officer)
    response = client.post(f"/equipment/{equipment.pk}/check/", {"outcome": "fail", "note": "Gauge in the red"})
    assert response.status_code == 302
    check = equipment.checks.get()
    hazard = Hazard.objects.get()
    assert check.hazard == hazard and hazard.source == check
    assert hazard.area == equipment.area and hazard.category == "fire" and "Gauge in the red" in hazard.description


@pytest.mark.django_db
def test_a_passed_check_moves_the_next_due_date_by_one_interval(equipment, head):
    services.equipment_check_record(equipment=equipment, user=head, outcome="pass")
    equipment.refresh_from_db()
    assert equipment.next_check_due == timezone.localdate() + datetime.timedelta(days=30)
    assert Hazard.objects.count() == 0


@pytest.mark.django_db
def test_a_failed_check_needs_a_note(equipment, officer):
    with pytest.raises(ApplicationError):
        services.equipment_check_record(equipment=equipment, user=officer, outcome="fail", note=" ")


@pytest.mark.django_db
def test_head_of_another_department_cannot_check_the_equipment(equipment, other_head, employee):
    for user in (other_head, employee):
        with pytest.raises(NotAllowed):
            services.equipment_check_record(equipment=equipment, user=user, outcome="pass")


@pytest.mark.django_db
def test_due_and_expired_equipment_is_listed(officer, department):
    today = timezone.localdate()
    due = EquipmentFactory(next_check_due=today - datetime.timedelta(days=1))
    expired = EquipmentFactory(expires_on=today - datetime.timedelta(days=2))
    EquipmentFactory()
    assert set(equipment_list(user=officer, filters={"state": "attention"})) == {due, expired}
    assert list(equipment_list(user=officer, filters={"state": "expired"})) == [expired]


@pytest.mark.django_db
def test_qr_label_encodes_the_quick_check_url(equipment, officer, client):
    client.force_login(officer)
    body = client.get(f"/equipment/{equipment.pk}/label/").content.decode()
    assert "<svg" in body and f"/equipment/{equipment.pk}/check/" in body


@pytest.mark.django_db
def test_employee_requests_and_officer_approves_an_appliance_with_who_and_when(employee, officer, department):
    area = AreaFactory(department=department)
    req = services.appliance_request_create(
        user=employee, appliance="Kettle", power_watts=1800, area=area, purpose="Tea"
    )
    assert req.status == ApplianceRequest.Status.PENDING
    services.appliance_request_decide(appliance_request=req, user=officer, approve=True)
    req.refresh_from_db()
    assert (req.status, req.decided_by) == ("approved", officer) and req.decided_at is not None
    assert approved_appliances_by_area() == {area: [req]}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["employee", "head", "manager"])
def test_only_a_safety_officer_decides_an_appliance_request(persona, personas):
    req = ApplianceRequestFactory(requester=personas["employee"])
    with pytest.raises(NotAllowed):
        services.appliance_request_decide(appliance_request=req, user=personas[persona], approve=True)
    req.refresh_from_db()
    assert req.status == "pending"


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_a_decision_is_final(officer):
    req = ApplianceRequestFactory()
    with pytest.raises(ApplicationError):
        services.appliance_request_decide(appliance_request=req, user=officer, approve=False, comment="")
    services.appliance_request_decide(appliance_request=req, user=officer, approve=False, comment="Use the pantry")
    with pytest.raises(Conflict):
        services.appliance_request_decide(appliance_request=req, user=officer, approve=True)


@pytest.mark.django_db
def test_rejected_appliances_are_not_in_the_approved_list(officer):
    req = ApplianceRequestFactory()
    services.appliance_request_decide(appliance_request=req, user=officer, approve=False, comment="No")
    assert approved_appliances_by_area() == {}


@pytest.mark.django_db
def test_visitor_signs_in_and_out_and_the_record_keeps_both_times(employee, department, client):
    area = AreaFactory(department=department)
    client.force_login(employee)
    response = client.post(
        "/visitors/register/",
        {"visitor_name": "Ms Chen", "organisation": "Auditor", "host": "employee", "purpose": "Audit",
         "area": area.pk, "badge_number": "V-07"},
    )  # fmt: skip
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert list(visits_on_site(user=employee)) == [visit] and visit.host == employee
    assert "Ms Chen" in client.get("/visitors/").content.decode()

    client.post(f"/visitors/{visit.pk}/sign-out/")
    visit.refresh_from_db()
    assert visit.signed_in_at is not None and visit.signed_out_at >= visit.signed_in_at
    assert visit.signed_out_by == employee
    assert list(visits_on_site(user=employee)) == []


@pytest.mark.django_db
def test_a_badge_cannot_be_given_to_two_visitors_on_site(employee, department):
    area = AreaFactory(department=department)
    kwargs = {"user": employee, "host": employee, "purpose": "x", "area": area, "badge_number": "V-01"}
    first = services.visit_register(visitor_name="A", **kwargs)
    with pytest.raises(ApplicationError):
        services.visit_register(visitor_name="B", **kwargs)
    services.visit_sign_out(visit=first, user=employee)
    services.visit_register(visitor_name="B", **kwargs)  # the badge is free again


@pytest.mark.django_db
def test_signing_out_twice_is_refused(employee, department):
    visit = services.visit_register(
        user=employee, visitor_name="A", host=employee, purpose="x", area=AreaFactory(), badge_number="1"
    )
    services.visit_sign_out(visit=visit, user=employee)
    with pytest.raises(Conflict):
        services.visit_sign_out(visit=visit, user=employee)
