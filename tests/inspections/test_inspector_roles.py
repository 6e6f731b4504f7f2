"""Plan lines that name the inspector by role: "head of the scoped department" and "safety officer (any)"."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.selectors import timeline_for
from apps.inspections import selectors, services
from apps.inspections.forms import PlanLineForm
from apps.inspections.models import Inspection, InspectorRole
from apps.notifications.models import Notification
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory, DepartmentFactory, SiteFactory, UserFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def plan(officer):
    return services.inspection_plan_create(user=officer, year=2026, title="Plan 2026")


@pytest.fixture
def second_officer(db):
    return UserFactory(username="officer2", full_name="孙伟", role="officer")


def _add(plan, officer, **kwargs):
    kwargs.setdefault("template", make_template(items=2))
    kwargs.setdefault("frequency", "quarterly")
    return services.plan_line_add(plan=plan, user=officer, **kwargs)


def _officer_inspection(**kwargs):
    return InspectionFactory(
        template=make_template(items=2), inspector=None, inspector_role=InspectorRole.SAFETY_OFFICER, **kwargs
    )


@pytest.mark.django_db
def test_generation_resolves_the_head_of_an_areas_responsible_department(plan, officer, manager, head, department):
    line = _add(plan, officer, inspector_role=InspectorRole.DEPARTMENT_HEAD, area=AreaFactory(department=department))
    services.inspection_plan_approve(plan=plan, user=manager)
    inspections = Inspection.objects.filter(plan_line=line)
    assert inspections.count() == 4
    assert {(i.inspector, i.inspector_role) for i in inspections} == {(head, "")}


@pytest.mark.django_db
def test_generation_resolves_the_head_of_a_scoped_department(plan, officer, manager, other_head, other_department):
    line = _add(plan, officer, inspector_role=InspectorRole.DEPARTMENT_HEAD, department=other_department)
    services.inspection_plan_approve(plan=plan, user=manager)
    assert set(Inspection.objects.filter(plan_line=line).values_list("inspector", flat=True)) == {other_head.pk}


@pytest.mark.django_db
def test_a_department_without_a_head_leaves_the_inspection_to_the_role(plan, officer, manager):
    headless = DepartmentFactory(head=None)
    line = _add(plan, officer, inspector_role=InspectorRole.DEPARTMENT_HEAD, department=headless)
    services.inspection_plan_approve(plan=plan, user=manager)
    inspection = Inspection.objects.filter(plan_line=line).first()
    assert (inspection.inspector, inspection.inspector_role) == (None, InspectorRole.DEPARTMENT_HEAD)


@pytest.mark.django_db
def test_a_person_line_still_schedules_that_person(plan, officer, manager, employee):
    line = _add(plan, officer, inspector=employee, area=AreaFactory())
    services.inspection_plan_approve(plan=plan, user=manager)
    assert {(i.inspector, i.inspector_role) for i in Inspection.objects.filter(plan_line=line)} == {(employee, "")}


@pytest.mark.django_db
def test_an_officer_role_line_leaves_its_inspections_to_any_safety_officer(plan, officer, manager):
    line = _add(plan, officer, inspector_role=InspectorRole.SAFETY_OFFICER, site=SiteFactory())
    services.inspection_plan_approve(plan=plan, user=manager)
    inspection = Inspection.objects.filter(plan_line=line).first()
    assert (inspection.inspector, inspection.inspector_role) == (None, InspectorRole.SAFETY_OFFICER)


@pytest.mark.django_db
def test_an_officer_role_inspection_is_in_every_officers_today_list_and_nobody_elses(
    officer, second_officer, head, employee
):
    inspection = _officer_inspection(due_date=timezone.localdate())
    for user in (officer, second_officer):
        assert selectors.inspections_for_inspector(user=user)["today"] == [inspection]
        assert list(selectors.inspection_list(user=user, filters={"mine": True})) == [inspection]
    for user in (head, employee):
        assert selectors.inspections_for_inspector(user=user)["today"] == []


@pytest.mark.django_db
def test_an_overdue_officer_role_inspection_shows_on_every_officers_home_panel(client, officer, second_officer):
    inspection = _officer_inspection(due_date=timezone.localdate() - datetime.timedelta(days=2))
    for user in (officer, second_officer):
        client.force_login(user)
        body = client.get(reverse("home")).content.decode()
        assert 'id="panel-my-inspections"' in body and inspection.get_absolute_url() in body


@pytest.mark.django_db
def test_the_officer_who_starts_an_officer_role_inspection_becomes_its_inspector(officer, second_officer):
    inspection = _officer_inspection()
    services.inspection_start(inspection=inspection, user=second_officer)
    inspection.refresh_from_db()
    assert (inspection.inspector, inspection.status) == (second_officer, Inspection.Status.IN_PROGRESS)
    started = timeline_for(inspection).get(action="start")
    assert started.actor == second_officer and "孙伟" in started.comment
    # Claimed: it is now the second officer's, not every officer's.
    assert selectors.inspections_for_inspector(user=officer)["today"] == []
    assert selectors.inspections_for_inspector(user=second_officer)["today"] == [inspection]


@pytest.mark.django_db
def test_an_officer_starts_an_officer_role_inspection_from_its_page(client, second_officer):
    inspection = _officer_inspection()
    client.force_login(second_officer)
    assert 'id="start-inspection"' in client.get(inspection.get_absolute_url()).content.decode()
    response = client.post(reverse("inspections:inspection_start", args=[inspection.pk]))
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.inspector == second_officer


@pytest.mark.django_db
def test_an_employee_cannot_start_an_officer_role_inspection(employee, department):
    inspection = _officer_inspection(area=AreaFactory(department=department))
    with pytest.raises(NotAllowed):
        services.inspection_start(inspection=inspection, user=employee)


@pytest.mark.django_db
def test_the_head_may_start_a_head_role_inspection_of_their_department_and_another_head_may_not(
    head, other_head, department
):
    inspection = InspectionFactory(
        template=make_template(items=1),
        inspector=None,
        inspector_role=InspectorRole.DEPARTMENT_HEAD,
        area=AreaFactory(department=department),
    )
    assert selectors.inspections_for_inspector(user=head)["today"] == [inspection]
    assert not other_head.has_perm("inspections.perform_inspection", inspection)
    services.inspection_start(inspection=inspection, user=head)
    inspection.refresh_from_db()
    assert inspection.inspector == head


@pytest.mark.django_db
def test_reminders_of_an_officer_role_inspection_go_to_every_officer_once(officer, second_officer, head):
    inspection = _officer_inspection(due_date=datetime.date(2026, 3, 10))
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 2
        assert services.inspection_reminders_send() == 0
    key = f"inspection:{inspection.pk}:overdue"
    assert set(Notification.objects.filter(key=key).values_list("recipient", flat=True)) == {
        officer.pk,
        second_officer.pk,
    }


@pytest.mark.django_db
def test_reminders_of_a_head_role_inspection_go_to_the_head_appointed_since(officer):
    department = DepartmentFactory(head=None)
    inspection = InspectionFactory(
        template=make_template(items=1),
        inspector=None,
        inspector_role=InspectorRole.DEPARTMENT_HEAD,
        department=department,
        area=None,
        due_date=datetime.date(2026, 3, 10),
    )
    new_head = UserFactory(department=department)
    department.head = new_head
    department.save()
    with time_machine.travel(datetime.datetime(2026, 3, 11, 8, tzinfo=SHANGHAI), tick=False):
        assert services.inspection_reminders_send() == 1
    assert Notification.objects.get(key=f"inspection:{inspection.pk}:overdue").recipient == new_head


# --- validation ------------------------------------------------------------------------------------


def _form_data(**kwargs):
    data = {"template": make_template(items=1).pk, "area": AreaFactory().pk, "frequency": "monthly"}
    data.update({k: v for k, v in kwargs.items() if v is not None})
    return data


@pytest.mark.django_db
def test_the_plan_line_form_refuses_both_a_person_and_a_role(head):
    form = PlanLineForm(data=_form_data(inspector=head.pk, inspector_role=InspectorRole.SAFETY_OFFICER))
    assert not form.is_valid()
    assert form.errors["inspector"] == ["Choose a person or a role as the inspector, not both."]


@pytest.mark.django_db
def test_the_plan_line_form_refuses_neither_a_person_nor_a_role(head):
    form = PlanLineForm(data=_form_data())
    assert not form.is_valid()
    assert form.errors["inspector"] == ["Choose the inspector: a person or a role."]


@pytest.mark.django_db
def test_the_plan_line_form_refuses_a_head_role_for_a_site(head):
    data = _form_data(inspector_role=InspectorRole.DEPARTMENT_HEAD, site=SiteFactory().pk)
    del data["area"]
    form = PlanLineForm(data=data)
    assert not form.is_valid()
    assert "inspector_role" in form.errors


@pytest.mark.django_db
def test_the_plan_page_shows_the_inspector_error_and_adds_a_role_line(client, officer, plan, head):
    client.force_login(officer)
    url = plan.get_absolute_url()
    response = client.post(url, _form_data(inspector=head.pk, inspector_role=InspectorRole.SAFETY_OFFICER))
    assert response.status_code == 200
    assert "Choose a person or a role as the inspector, not both." in response.content.decode()
    assert not plan.lines.exists()

    response = client.post(url, _form_data(inspector_role=InspectorRole.SAFETY_OFFICER))
    assert response.status_code == 302
    assert plan.lines.get().inspector_role == InspectorRole.SAFETY_OFFICER
    assert "Safety officer (any)" in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("both", [True, False])
def test_the_service_refuses_both_or_neither(plan, officer, head, both):
    extra = {"inspector": head, "inspector_role": InspectorRole.SAFETY_OFFICER} if both else {}
    with pytest.raises(ApplicationError):
        _add(plan, officer, area=AreaFactory(), **extra)
    assert not plan.lines.exists()
