import datetime

import pytest

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.inspections import services
from apps.inspections.models import Inspection, InspectionPlan
from apps.inspections.schedule import due_dates
from tests.inspections.factories import make_template
from tests.organization.factories import AreaFactory


@pytest.mark.parametrize(
    ("frequency", "interval", "count", "first", "last"),
    [
        ("weekly", None, 52, datetime.date(2026, 1, 2), datetime.date(2026, 12, 25)),
        ("monthly", None, 12, datetime.date(2026, 1, 31), datetime.date(2026, 12, 31)),
        ("quarterly", None, 4, datetime.date(2026, 3, 31), datetime.date(2026, 12, 31)),
        ("yearly", None, 1, datetime.date(2026, 12, 31), datetime.date(2026, 12, 31)),
        ("custom", 14, 26, datetime.date(2026, 1, 14), datetime.date(2026, 12, 30)),
    ],
)
def test_each_frequency_gives_the_due_dates_of_the_year(frequency, interval, count, first, last):
    dates = due_dates(frequency=frequency, year=2026, interval_days=interval)
    assert len(dates) == count
    assert (dates[0], dates[-1]) == (first, last)
    assert all(d.year == 2026 for d in dates)
    assert dates == sorted(set(dates))


def test_monthly_due_dates_end_on_the_last_day_of_february_in_a_leap_year():
    assert due_dates(frequency="monthly", year=2028)[1] == datetime.date(2028, 2, 29)


@pytest.fixture
def plan(officer):
    return services.inspection_plan_create(user=officer, year=2026, title="Plan 2026")


@pytest.mark.django_db
def test_approved_plan_generates_the_years_schedule_for_each_frequency(plan, officer, manager, head):
    template = make_template(items=2)
    area = AreaFactory()
    lines = {}
    for freq, interval in [("weekly", None), ("monthly", None), ("quarterly", None), ("yearly", None), ("custom", 14)]:
        lines[freq] = services.plan_line_add(
            plan=plan,
            user=officer,
            template=template,
            frequency=freq,
            interval_days=interval,
            inspector=head,
            area=area,
        )
    services.inspection_plan_approve(plan=plan, user=manager)
    counts = {freq: Inspection.objects.filter(plan_line=line).count() for freq, line in lines.items()}
    assert counts == {"weekly": 52, "monthly": 12, "quarterly": 4, "yearly": 1, "custom": 26}
    first = Inspection.objects.filter(plan_line=lines["quarterly"]).first()
    assert (first.inspector, first.area, first.template, first.status) == (head, area, template, "scheduled")


@pytest.mark.django_db
def test_generating_the_schedule_again_creates_nothing_twice(plan, officer, manager, head):
    services.plan_line_add(
        plan=plan, user=officer, template=make_template(), frequency="monthly", inspector=head, area=AreaFactory()
    )
    services.inspection_plan_approve(plan=plan, user=manager)
    assert services.inspection_plan_generate(plan=plan, user=officer) == 0
    assert Inspection.objects.count() == 12


@pytest.mark.django_db
def test_only_management_approves_a_plan(plan, officer, head):
    services.plan_line_add(
        plan=plan, user=officer, template=make_template(), frequency="yearly", inspector=head, area=AreaFactory()
    )
    with pytest.raises(NotAllowed):
        services.inspection_plan_approve(plan=plan, user=officer)
    plan.refresh_from_db()
    assert plan.status == InspectionPlan.Status.DRAFT


@pytest.mark.django_db
def test_approval_records_who_and_when(plan, officer, manager, head):
    services.plan_line_add(
        plan=plan, user=officer, template=make_template(), frequency="yearly", inspector=head, area=AreaFactory()
    )
    services.inspection_plan_approve(plan=plan, user=manager)
    plan.refresh_from_db()
    assert plan.approved_by == manager and plan.approved_at is not None


@pytest.mark.django_db
def test_an_approved_plan_cannot_get_new_lines(plan, officer, manager, head):
    services.plan_line_add(
        plan=plan, user=officer, template=make_template(), frequency="yearly", inspector=head, area=AreaFactory()
    )
    services.inspection_plan_approve(plan=plan, user=manager)
    with pytest.raises(Conflict):
        services.plan_line_add(
            plan=plan, user=officer, template=make_template(), frequency="yearly", inspector=head, area=AreaFactory()
        )


@pytest.mark.django_db
def test_a_plan_line_needs_exactly_one_scope(plan, officer, head, department):
    with pytest.raises(ApplicationError):
        services.plan_line_add(
            plan=plan, user=officer, template=make_template(), frequency="yearly", inspector=head,
            area=AreaFactory(), department=department,
        )  # fmt: skip


@pytest.mark.django_db
def test_an_empty_plan_cannot_be_approved(plan, manager):
    with pytest.raises(ApplicationError):
        services.inspection_plan_approve(plan=plan, user=manager)
