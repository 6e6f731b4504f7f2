"""Sites, floors, areas and departments have an English and a Chinese name: a Chinese reader sees the
Chinese one on every page (and the PDFs, tests/core/test_documents.py), never the English one."""

import pytest
from django.urls import reverse

from apps.hazards.services import hazard_raise
from apps.training.models import Completion
from tests.emergency.factories import DrillFactory, TeamMemberFactory
from tests.hazards.conftest import walk
from tests.incidents.factories import IncidentFactory
from tests.inspections.factories import (
    ApplianceRequestFactory,
    EquipmentFactory,
    InspectionFactory,
    VisitFactory,
    make_template,
)
from tests.organization.factories import AreaFactory, FloorFactory, SiteFactory
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

ENGLISH = ("Customer Service 1", "Pudong office", "Tower 5F", "Call centre hall")
DEPT, SITE, FLOOR, AREA = "客服一部", "浦东办公区", "大厦五层", "呼叫中心大厅"


@pytest.fixture
def world(personas, department):
    """One record of each kind, all in 客服一部 and its area 浦东办公区 · 大厦五层 · 呼叫中心大厅."""
    employee, head, officer = personas["employee"], personas["head"], personas["officer"]
    site = SiteFactory(name="Pudong office", name_zh=SITE)
    floor = FloorFactory(site=site, name="Tower 5F", name_zh=FLOOR)
    area = AreaFactory(floor=floor, department=department, name="Call centre hall", name_zh=AREA)
    hazard = hazard_raise(title="出口堵塞", description="", reporter=employee, area=area)
    hazard = walk(hazard, to="plan", officer=officer, head=head, employee=employee)
    inspection = InspectionFactory(template=make_template(items=1), inspector=head, area=area)
    incident = IncidentFactory(reporter=employee, area=area)
    TeamMemberFactory(person=head, site=site)
    DrillFactory(site=site)
    EquipmentFactory(area=area)
    ApplianceRequestFactory(requester=employee, area=area)
    VisitFactory(host=employee, area=area)
    Completion.objects.create(
        person=employee, course=CourseFactory(), completed_on=hazard.created_at.date(), source="exam"
    )
    return {"hazard": hazard, "inspection": inspection, "incident": incident, "site": site, "department": department}


PAGES = {
    # url name: (kwargs from the world, the Chinese names the page must show)
    "home": (None, ()),
    "hazards:hazard_list": (None, (DEPT, AREA)),
    "hazards:hazard_detail": (lambda w: [w["hazard"].pk], (DEPT, SITE, AREA)),
    "hazards:hazard_map": (None, (SITE, AREA)),
    "inspections:inspection_list": (None, (AREA,)),
    "inspections:inspection_detail": (lambda w: [w["inspection"].pk], (AREA,)),
    "equipment:equipment_list": (None, (AREA,)),
    "appliances:appliance_list": (None, (AREA,)),
    "visitors:visit_list": (None, (AREA,)),
    "incidents:incident_list": (None, (DEPT,)),
    "incidents:incident_detail": (lambda w: [w["incident"].pk], (DEPT, SITE, AREA)),
    "incidents:statistics": (None, (DEPT,)),
    "training:matrix": (None, (DEPT,)),
    "emergency:team": (None, (DEPT, SITE)),
    "emergency:drill_list": (None, ()),
    "organization:structure": (None, (DEPT, SITE, FLOOR, AREA)),
    "organization:person_list": (None, (DEPT,)),
    "organization:site_detail": (lambda w: [w["site"].pk], (SITE, FLOOR, AREA)),
    "organization:department_detail": (lambda w: [w["department"].pk], (DEPT,)),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_chinese_reader_sees_the_chinese_organisation_names(page, client, officer, world):
    officer.language = "zh-hans"
    officer.save()
    client.force_login(officer)
    kwargs, expected = PAGES[page]
    response = client.get(reverse(page, args=kwargs(world) if kwargs else None))
    assert response.status_code == 200
    html = response.content.decode()
    for name in expected:
        assert name in html, f"{page} does not show {name}"
    for name in ENGLISH:
        assert name not in html, f"{page} shows the English name {name!r} to a Chinese reader"


@pytest.mark.parametrize("export", ["hazards:hazard_export", "incidents:incident_export"])
def test_exports_for_a_chinese_reader_carry_the_chinese_names(export, client, officer, world):
    officer.language = "zh-hans"
    officer.save()
    client.force_login(officer)
    response = client.get(reverse(export))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert DEPT in content
    for name in ENGLISH:
        assert name not in content
