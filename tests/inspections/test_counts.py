"""Every annotated count of the inspections module, on records with several children of each kind
(two counts over joins multiply; issue 9)."""

import pytest

from apps.inspections import selectors
from apps.inspections.models import InspectionResult
from tests.inspections.factories import InspectionFactory, InspectionPlanFactory, PlanLineFactory, make_template

pytestmark = pytest.mark.django_db


def _inspection_with_results(template, outcomes, **kwargs):
    inspection = InspectionFactory(template=template, **kwargs)
    for item, outcome in zip(template.items.order_by("pk"), outcomes, strict=False):
        InspectionResult.objects.create(inspection=inspection, item=item, outcome=outcome)
    return inspection


@pytest.fixture
def template():
    """Three items in two sections, used by two inspections."""
    template = make_template(items=3, sections=2)
    _inspection_with_results(template, ["fail", "fail", "pass"])
    _inspection_with_results(template, ["pass", "pass", "pass"])
    return template


def test_the_checklist_list_counts_three_items(template):
    assert selectors.template_list().get(pk=template.pk).item_count == 3


def test_the_inspection_list_counts_two_failed_items(template, officer):
    failed = {i.pk: i.failed_count for i in selectors.inspection_list(user=officer)}
    assert sorted(failed.values()) == [0, 2]


def test_the_plan_list_counts_three_lines_and_each_line_its_two_inspections(template):
    plan = InspectionPlanFactory()
    lines = PlanLineFactory.create_batch(3, plan=plan, template=template)
    for line in lines:
        for n in range(2):
            _inspection_with_results(template, ["fail", "pass"], plan_line=line, due_date=f"2026-0{n + 1}-15")
    assert selectors.plan_list().get(pk=plan.pk).line_count == 3
    assert [line.inspection_count for line in selectors.plan_lines(plan)] == [2, 2, 2]
