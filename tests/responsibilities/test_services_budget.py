"""The safety budget (R2.1.2): lines, approval by management, spending against approved lines, the
90 % warning and the refusal past 100 % unless management overrides (recorded)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.selectors import attachments_for, timeline_for
from apps.notifications.models import Notification
from apps.responsibilities import services
from apps.responsibilities.models import Budget, Spending
from apps.responsibilities.selectors import budget_lines, line_usage
from tests.responsibilities.conftest import approved_budget, refused, this_year

pytestmark = pytest.mark.django_db
TODAY = datetime.date(this_year(), 1, 10)


def _spend(line, user, amount, **kw):
    return services.spending_record(line=line, user=user, date=TODAY, amount=Decimal(amount), description="Kit", **kw)


def test_approval_sets_each_lines_approved_amount_and_records_who(officer, manager):
    budget, line = approved_budget(officer, manager)
    assert budget.status == Budget.Status.APPROVED and budget.approved_by == manager
    assert line.amount_approved == line.amount_requested


def test_a_budget_without_lines_cannot_be_submitted(officer):
    budget = services.budget_create(user=officer, year=this_year())
    refused(lambda: services.budget_submit(budget=budget, user=officer), budget)


def test_a_second_budget_for_the_same_year_is_refused(officer):
    services.budget_create(user=officer, year=this_year())
    with pytest.raises(ApplicationError):
        services.budget_create(user=officer, year=this_year())
    assert Budget.objects.count() == 1


def test_an_employee_may_not_start_a_budget(employee):
    with pytest.raises(NotAllowed):
        services.budget_create(user=employee, year=this_year())


def test_the_manager_who_submitted_the_budget_may_not_approve_it(officer, manager, deputy):
    budget = services.budget_create(user=officer, year=this_year())
    services.budget_line_add(budget=budget, user=officer, category="training", description="Course", amount_requested=5)
    services.budget_submit(budget=budget, user=manager)
    refused(lambda: services.budget_approve(budget=budget, user=manager), budget, NotAllowed)
    services.budget_approve(budget=budget, user=deputy)
    assert budget.status == Budget.Status.APPROVED


def test_an_officer_may_not_approve_a_budget(officer, manager):
    budget = services.budget_create(user=manager, year=this_year())
    services.budget_line_add(budget=budget, user=manager, category="training", description="Course", amount_requested=5)
    services.budget_submit(budget=budget, user=manager)
    refused(lambda: services.budget_approve(budget=budget, user=officer), budget, NotAllowed)


def test_management_returns_a_budget_with_a_reason(officer, manager):
    budget = services.budget_create(user=officer, year=this_year())
    services.budget_line_add(budget=budget, user=officer, category="ppe", description="Gloves", amount_requested=5)
    services.budget_submit(budget=budget, user=officer)
    refused(lambda: services.budget_return(budget=budget, user=manager, comment=""), budget)
    services.budget_return(budget=budget, user=manager, comment="Add the drills")
    assert budget.status == Budget.Status.DRAFT


def test_lines_of_an_approved_budget_do_not_change(officer, manager):
    budget, line = approved_budget(officer, manager)
    with pytest.raises(ApplicationError):
        services.budget_line_add(budget=budget, user=officer, category="ppe", description="More", amount_requested=1)
    with pytest.raises(ApplicationError):
        services.budget_line_remove(line=line, user=officer)
    assert budget.lines.count() == 1


def test_spending_is_recorded_only_against_an_approved_budget(officer):
    budget = services.budget_create(user=officer, year=this_year())
    line = services.budget_line_add(budget=budget, user=officer, category="ppe", description="x", amount_requested=5)
    with pytest.raises(ApplicationError):
        _spend(line, officer, 1)
    assert not Spending.objects.exists()


def test_spending_counts_against_the_line_and_past_90_percent_the_line_warns(officer, manager):
    _budget, line = approved_budget(officer, manager, amount=Decimal(1000))
    _spend(line, officer, 850)
    assert line_usage(budget_lines(line.budget).get())["level"] == "success"
    _spend(line, officer, 60)
    usage = line_usage(budget_lines(line.budget).get())
    assert (usage["percent"], usage["level"]) == (91, "warning")


def test_spending_past_100_percent_without_override_is_refused_and_nothing_is_recorded(officer, manager):
    _budget, line = approved_budget(officer, manager, amount=Decimal(1000))
    _spend(line, officer, 900)
    with pytest.raises(ApplicationError) as exc:
        _spend(line, officer, 200)
    assert "1100" in exc.value.message
    assert Spending.objects.count() == 1
    assert services.line_spent(line) == 900


def test_spending_past_100_percent_waits_for_management_and_does_not_count_until_overridden(
    officer, manager, committed
):
    _budget, line = approved_budget(officer, manager, amount=Decimal(1000))
    with committed():
        spending = _spend(line, officer, 1200, request_override=True)
    assert spending.status == Spending.Status.AWAITING_OVERRIDE
    assert services.line_spent(line) == 0
    assert Notification.objects.filter(recipient=manager, key=f"spending:{spending.pk}:override-requested").exists()
    services.spending_override(spending=spending, user=manager, comment="Fire authority order")
    assert spending.status == Spending.Status.RECORDED and spending.decided_by == manager
    assert spending.decision_reason == "Fire authority order"
    assert services.line_spent(line) == 1200
    assert [e.action for e in timeline_for(spending)] == ["request_override", "override"]


def test_the_manager_who_recorded_over_budget_spending_may_not_override_it(officer, manager, deputy):
    _budget, line = approved_budget(officer, manager, amount=Decimal(10))
    spending = _spend(line, manager, 50, request_override=True)
    refused(lambda: services.spending_override(spending=spending, user=manager, comment="Mine"), spending, NotAllowed)
    refused(lambda: services.spending_override(spending=spending, user=officer, comment="x"), spending, NotAllowed)
    services.spending_override(spending=spending, user=deputy, comment="Needed")
    assert spending.status == Spending.Status.RECORDED


def test_an_override_needs_a_reason(officer, manager):
    _budget, line = approved_budget(officer, manager, amount=Decimal(10))
    spending = _spend(line, officer, 50, request_override=True)
    refused(lambda: services.spending_override(spending=spending, user=manager, comment=" "), spending)


def test_management_may_refuse_over_budget_spending(officer, manager):
    _budget, line = approved_budget(officer, manager, amount=Decimal(10))
    spending = _spend(line, officer, 50, request_override=True)
    services.spending_reject(spending=spending, user=manager, comment="Not in scope")
    assert spending.status == Spending.Status.REJECTED and services.line_spent(line) == 0


def test_an_employee_may_not_record_spending(officer, manager, employee):
    _budget, line = approved_budget(officer, manager)
    with pytest.raises(NotAllowed):
        _spend(line, employee, 1)


def test_an_invoice_is_attached_when_it_is_a_real_document(officer, manager):
    _budget, line = approved_budget(officer, manager)
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    spending = _spend(line, officer, 10, attachment=pdf)
    assert attachments_for(spending).get().mime_type == "application/pdf"


def test_a_fake_invoice_refuses_the_spending(officer, manager):
    _budget, line = approved_budget(officer, manager)
    fake = SimpleUploadedFile("invoice.pdf", b"<html><script>x</script></html>", "application/pdf")
    with pytest.raises(ApplicationError):
        _spend(line, officer, 10, attachment=fake)
    assert not Spending.objects.exists()


def test_a_superuser_who_submitted_the_budget_may_not_approve_it_either(officer, manager):
    # has_perm never refuses an active superuser; separation of duties is the engine's own check.
    manager.is_superuser = True
    manager.save()
    budget = services.budget_create(user=officer, year=this_year())
    services.budget_line_add(budget=budget, user=officer, category="training", description="Course", amount_requested=5)
    services.budget_submit(budget=budget, user=manager)
    refused(lambda: services.budget_approve(budget=budget, user=manager), budget, NotAllowed)
    from apps.responsibilities.workflow import BUDGET_FLOW

    assert "approve" not in {m.name for m in BUDGET_FLOW.moves_for(budget, manager)}
