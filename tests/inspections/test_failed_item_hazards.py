"""Hazards raised by other modules are titled as findings in both languages and are placed (issue 9):
a failed checklist item, a failed equipment quick-check, a drill problem. Without an area they carry
the site or department, and the risk map and the site filter count every open hazard."""

import pytest
from django.utils import translation

from apps.emergency.services import drill_problem_add
from apps.hazards.models import Hazard
from apps.hazards.selectors import hazards_for_source, risk_map
from apps.inspections import services
from tests.emergency.factories import DrillFactory
from tests.hazards.factories import HazardFactory
from tests.inspections.factories import EquipmentFactory, InspectionFactory, make_template
from tests.organization.factories import AreaFactory, FloorFactory, SiteFactory

pytestmark = pytest.mark.django_db


def _finish_with_one_failure(inspection, user, note=""):
    services.inspection_start(inspection=inspection, user=user)
    results = list(inspection.results.select_related("item").order_by("pk"))
    for n, result in enumerate(results):
        outcome = "fail" if n == 0 else "pass"
        services.inspection_result_save(result=result, user=user, outcome=outcome, note=note if n == 0 else "")
    services.inspection_finish(inspection=inspection, user=user, signature_name="刘强")
    return Hazard.objects.get()


@pytest.fixture
def site():
    return SiteFactory(name="Hefei", name_zh="合肥")


def test_a_failed_item_without_a_note_is_titled_as_a_finding_in_both_languages(officer, department):
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=AreaFactory())
    hazard = _finish_with_one_failure(inspection, officer)
    assert (hazard.title, hazard.title_zh) == ("Failed: Item 1", "不合格：检查项1")


def test_a_chinese_reader_sees_the_chinese_title(client, officer):
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=AreaFactory())
    hazard = _finish_with_one_failure(inspection, officer)
    officer.language = "zh-hans"
    officer.save()
    client.force_login(officer)
    html = client.get(hazard.get_absolute_url()).content.decode()
    assert "不合格：检查项1" in html and "Failed: Item 1" not in html
    with translation.override("zh-hans"):
        assert str(hazard) == f"{hazard.number} 不合格：检查项1"


def test_the_inspectors_note_titles_the_hazard_when_given(officer):
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=AreaFactory())
    hazard = _finish_with_one_failure(inspection, officer, note="压力表指针在红区\n需要更换")
    assert (hazard.title, hazard.display_title) == ("压力表指针在红区", "压力表指针在红区")


def test_a_failed_item_carries_the_inspected_area_and_its_site(officer, site):
    area = AreaFactory(floor=FloorFactory(site=site))
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=area)
    hazard = _finish_with_one_failure(inspection, officer)
    assert (hazard.area, hazard.site) == (area, site)


def test_a_failed_item_of_a_site_inspection_carries_the_site(officer, site):
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=None, site=site)
    hazard = _finish_with_one_failure(inspection, officer)
    assert (hazard.area, hazard.site) == (None, site)


def test_a_failed_item_of_a_department_inspection_goes_to_that_departments_head(officer, head, department):
    inspection = InspectionFactory(template=make_template(items=2), inspector=officer, area=None, department=department)
    hazard = _finish_with_one_failure(inspection, officer)
    assert hazard.department == department
    assert head.has_perm("hazards.view_hazard", hazard)


def test_the_risk_map_counts_open_hazards_found_at_a_site_without_an_area(officer, site):
    area = AreaFactory(floor=FloorFactory(site=site))
    HazardFactory(area=area, site=site)
    HazardFactory.create_batch(2, area=None, site=site, location_text="Car park")
    entry = next(e for e in risk_map(user=officer)["sites"] if e["site"] == site)
    assert entry["count"] == 3 and entry["site_level"]["count"] == 2


def test_the_risk_map_counts_open_hazards_in_an_area_no_longer_in_use(officer, site):
    HazardFactory(area=AreaFactory(floor=FloorFactory(site=site), is_active=False))
    entry = next(e for e in risk_map(user=officer)["sites"] if e["site"] == site)
    assert entry["count"] == 1


def test_the_risk_map_page_shows_the_site_count(client, officer, site):
    HazardFactory.create_batch(3, area=None, site=site, location_text="Car park")
    client.force_login(officer)
    html = client.get("/hazards/map/").content.decode()
    assert 'class="site-count" data-count="3"' in html


def test_the_site_filter_lists_hazards_found_at_the_site_without_an_area(client, officer, site):
    in_area = HazardFactory(area=AreaFactory(floor=FloorFactory(site=site)))
    no_area = HazardFactory(area=None, site=site, location_text="Car park")
    HazardFactory()  # elsewhere
    client.force_login(officer)
    html = client.get(f"/hazards/?site={site.pk}").content.decode()
    assert in_area.number in html and no_area.number in html
    assert html.count("YH-2026-") == 2


def test_a_failed_equipment_check_is_titled_in_both_languages_and_placed(officer, site):
    area = AreaFactory(floor=FloorFactory(site=site))
    equipment = EquipmentFactory(area=area, code="FE-0042", kind="extinguisher")
    check = services.equipment_check_record(equipment=equipment, user=officer, outcome="fail", note="Seal broken")
    hazard = check.hazard
    assert hazard.title == "Failed check: FE-0042 · Fire extinguisher – Seal broken"
    assert hazard.title_zh.startswith("检查不合格：FE-0042") and hazard.site == site


def test_a_drill_problem_without_an_area_is_placed_at_the_drills_site(officer, site):
    drill = DrillFactory(site=site)
    problem = drill_problem_add(
        drill=drill, user=officer, description="Exit B was locked\nkey missing", raise_hazard=True
    )
    hazard = hazards_for_source(problem).get()
    assert (hazard.area, hazard.site) == (None, site)
    assert hazard.title.endswith("Exit B was locked") and hazard.title_zh.startswith("演练发现问题")
