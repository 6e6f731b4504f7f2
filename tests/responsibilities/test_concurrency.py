"""Two people at once (PostgreSQL): issuing a year twice makes each statement once; two spendings that
together pass the approved amount cannot both be recorded; two signatures of one statement, one wins."""

import datetime
from decimal import Decimal

import pytest

from apps.core.exceptions import ApplicationError
from apps.core.selectors import timeline_for
from apps.responsibilities import services
from apps.responsibilities.models import Spending, Statement
from tests.concurrency import at_once, require_postgresql
from tests.responsibilities.conftest import approved_budget, this_year

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_officers_issuing_the_year_at_once_make_each_statement_once(personas, manager):
    require_postgresql()
    results = at_once(
        lambda: services.statements_issue(user=personas["officer"], year=this_year()),
        lambda: services.statements_issue(user=manager, year=this_year()),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(results) == Statement.objects.count() == 5  # everyone in scope, once


def test_two_spendings_that_together_pass_the_approved_amount_are_not_both_recorded(officer, manager):
    require_postgresql()
    _budget, line = approved_budget(officer, manager, amount=Decimal(100))

    def spend():
        return services.spending_record(line=line, user=officer, date=datetime.date(this_year(), 1, 5),
                                        amount=Decimal(60), description="Hoses")  # fmt: skip

    results = at_once(spend, spend)
    assert sorted(type(r).__name__ for r in results) == ["ApplicationError", "Spending"]
    assert Spending.objects.count() == 1


def test_a_double_click_on_sign_signs_once(personas):
    require_postgresql()
    services.statements_issue(user=personas["officer"], year=this_year())
    statement = Statement.objects.get(person=personas["employee"])

    def sign():
        fresh = Statement.objects.get(pk=statement.pk)
        return services.statement_sign(statement=fresh, user=personas["employee"], typed_name="李娜", confirm_read=True)

    results = at_once(sign, sign)
    assert sum(isinstance(r, ApplicationError) for r in results) == 1
    assert [e.action for e in timeline_for(statement)].count("sign") == 1
