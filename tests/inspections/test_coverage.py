import pytest

from apps.inspections import services
from apps.inspections.selectors import coverage_report
from tests.inspections.factories import make_template
from tests.organization.factories import AreaFactory, FloorFactory


def _row(rows, obj):
    return next(r for r in rows if r["object"].pk == obj.pk)


@pytest.mark.django_db
def test_coverage_report_flags_an_area_no_plan_line_reaches(officer, head, department, other_department, client):
    floor = FloorFactory()
    covered = AreaFactory(floor=floor, department=department)
    uncovered = AreaFactory(department=other_department)  # on another site
    plan = services.inspection_plan_create(user=officer, year=2026, title="Plan")
    services.plan_line_add(
        plan=plan,
        user=officer,
        template=make_template(group="fire"),
        frequency="monthly",
        inspector=head,
        site=floor.site,
    )
    report = coverage_report(year=2026)
    fire = {g.value: ok for g, ok in _row(report["areas"], covered)["cells"]}
    assert fire["fire"] is True and fire["electrical"] is False
    assert not any(ok for _g, ok in _row(report["areas"], uncovered)["cells"])
    assert _row(report["areas"], uncovered)["gaps"] == 6
    # The covered department is covered for fire because all its areas are; the other is not.
    assert {g.value: ok for g, ok in _row(report["departments"], department)["cells"]}["fire"] is True
    assert {g.value: ok for g, ok in _row(report["departments"], other_department)["cells"]}["fire"] is False


@pytest.mark.django_db
def test_a_department_line_covers_the_departments_areas(officer, head, department):
    area = AreaFactory(department=department)
    plan = services.inspection_plan_create(user=officer, year=2026, title="Plan")
    services.plan_line_add(
        plan=plan, user=officer, template=make_template(group="infosec"), frequency="quarterly", inspector=head,
        department=department,
    )  # fmt: skip
    cells = {g.value: ok for g, ok in _row(coverage_report(year=2026)["areas"], area)["cells"]}
    assert cells["infosec"] is True


@pytest.mark.django_db
def test_coverage_page_marks_the_uncovered_area(officer, client):
    area = AreaFactory()
    client.force_login(officer)
    response = client.get("/inspections/coverage/?year=2026")
    assert response.status_code == 200
    assert f'class="has-gap" data-area="{area.pk}"' in response.content.decode()
