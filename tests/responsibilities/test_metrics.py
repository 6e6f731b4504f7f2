"""This module's figures equal what its own pages count."""

import pytest
from django.utils import timezone

from apps.core.metrics import metric_series
from apps.responsibilities import services
from apps.responsibilities.models import Statement
from apps.responsibilities.selectors import action_list, statement_completion
from tests.responsibilities.conftest import make_action, this_year

pytestmark = pytest.mark.django_db


def test_statements_signed_rate_equals_the_status_pages_completion(personas):
    p = personas
    services.statements_issue(user=p["officer"], year=this_year())
    for name in ("employee", "head"):
        statement = Statement.objects.get(person=p[name])
        services.statement_sign(statement=statement, user=p[name], typed_name=str(p[name]), confirm_read=True)
    services.statement_withdraw(
        statement=Statement.objects.get(person=p["outsider"]), user=p["officer"], comment="Left"
    )
    rows = statement_completion(user=p["manager"], year=this_year())
    series = metric_series("responsibilities.statements_signed_rate", year=this_year())
    assert (series.numerator, series.denominator) == (sum(r["signed"] for r in rows), sum(r["total"] for r in rows))
    assert (series.numerator, series.denominator) == (2, 4)


def test_actions_on_time_rate_counts_the_action_items_the_list_shows_done_by_their_due_date(personas):
    p = personas
    done = make_action(p["officer"], p["employee"])
    make_action(p["officer"], p["head"])  # open, not due yet: does not count
    services.action_done(action=done, user=p["employee"], note="Done")
    listed = [a for a in action_list(user=p["manager"]) if a.status == "done" or a.due_date < timezone.localdate()]
    series = metric_series("responsibilities.actions_on_time_rate", year=done.due_date.year)
    assert (series.numerator, series.denominator) == (len(listed), len(listed)) == (1, 1)
