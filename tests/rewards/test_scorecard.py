"""The department safety scorecard (R2.1.4): figures equal hand-computed values on a known data set and
the count of the list behind them; the total weighs them; a head sees their own card and the company
ranking (names and totals only); the page's query count does not grow with departments or records."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.hazards.models import Hazard
from apps.inspections.models import Inspection
from apps.rewards import scorecard
from apps.rewards.models import ScoreWeights
from tests.hazards.factories import HazardFactory
from tests.incidents.factories import IncidentFactory, InvolvedPersonFactory
from tests.inspections.factories import InspectionFactory
from tests.metrics_helpers import TODAY, YEAR, day, frozen
from tests.organization.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Hazard.Status
Q2 = scorecard.Period(YEAR, 2)


def crafted(department, *, extra=0):
    """Q2 of the year for ``department``: hazards 1 of 3 closed on time, one major hazard open, inspections
    1 of 2 on time, one incident losing 2 work days. ``extra`` adds that many more of everything elsewhere."""
    d = lambda m, dd: datetime.date(YEAR, m, dd)  # noqa: E731
    HazardFactory(status=S.CLOSED, grade="general", deadline=d(4, 30), closed_at=day(4, 29), department=department)
    HazardFactory(status=S.CLOSED, grade="general", deadline=d(5, 10), closed_at=day(5, 12), department=department)
    HazardFactory(status=S.RECTIFYING, grade="general", deadline=d(5, 20), department=department)
    HazardFactory(status=S.RECTIFYING, grade="general", deadline=d(6, 30), department=department)  # not due
    HazardFactory(status=S.RECTIFYING, grade="major", deadline=d(7, 15), department=department)  # open, reported now
    finished = Inspection.Status.FINISHED
    InspectionFactory(department=department, due_date=d(5, 1), status=finished, finished_at=day(4, 30))
    InspectionFactory(department=department, due_date=d(5, 5))
    reporter = UserFactory(department=department)
    incident = IncidentFactory(reporter=reporter, occurred_at=day(5, 3))
    InvolvedPersonFactory(incident=incident, lost_work_days=2)
    for _ in range(extra):
        other = DepartmentFactory()
        HazardFactory(status=S.CLOSED, grade="general", deadline=d(4, 30), closed_at=day(4, 29), department=other)
        InspectionFactory(department=other, due_date=d(5, 1))
        UserFactory(department=other)


def test_figures_equal_hand_computed_values_and_the_total_weighs_them(head, other_head):
    department = head.department
    with frozen():
        crafted(department)
        cards = scorecard.scorecards(Q2, today=TODAY)
    card = next(c for c in cards if c.department == department)
    values = {c.key: c.value for c in card.cells}
    assert values["hazards"] == Decimal("33.3")
    assert values["major_hazards"] == 1
    assert values["inspections"] == Decimal("50.0")
    assert values["incidents"] == 2 and values["incidents_count"] == 1
    assert values["training"] is None and values["drills"] is None
    scores = {c.key: c.score for c in card.cells}
    assert scores["major_hazards"] == 75 and scores["incidents"] == 90
    # (20 × 50 + 20 × 33.3 + 10 × 75 + 15 × 90) / (20 + 20 + 10 + 15)
    assert card.total == Decimal("57.9")
    other = next(c for c in cards if c.department == other_head.department)
    assert other.total is None and other.rank is None and card.rank == 1  # nothing measured: not ranked


def test_weights_set_by_officers_change_the_total(head, officer):
    from apps.rewards import services

    with frozen():
        crafted(head.department)
        services.weights_set(user=officer, **{f: int(f == "inspections") for f in ScoreWeights.FIELDS})
        card = next(c for c in scorecard.scorecards(Q2, today=TODAY) if c.department == head.department)
    assert card.total == Decimal("50.0")


@pytest.mark.parametrize("figure", ["hazards", "major_hazards", "inspections", "incidents", "incidents_count"])
def test_every_figure_equals_the_count_of_the_list_behind_it(head, officer, client, figure):
    department = head.department
    client.force_login(officer)
    with frozen():
        crafted(department)
        card = next(c for c in scorecard.scorecards(Q2, today=TODAY) if c.department == department)
        cell = card.cell(figure)
        page = client.get(cell.url)
    assert page.status_code == 200
    rows = list(page.context["page"].object_list)
    if figure in ("hazards", "inspections"):  # a rate: done on time of those due
        assert cell.value == Decimal(100 * sum(r.ok for r in rows) / len(rows)).quantize(Decimal("0.1"))
    elif figure == "incidents":  # work days lost: the people hurt, each with their days
        assert cell.value == sum(r.lost_work_days for r in rows)
    else:
        assert cell.value == len(rows) == page.context["page"].paginator.count


def test_a_head_sees_their_card_and_the_ranking_names_and_totals_only(head, other_head, client):
    with frozen():
        crafted(head.department)
        client.force_login(head)
        page = client.get(reverse("rewards:scorecard") + "?year=2026&quarter=2")
        assert page.status_code == 200
        assert [c.department for c in page.context["own"]] == [head.department]
        html = page.content.decode()
        table = html.split('id="scorecard-table"')[1].split("</table>")[0]
        assert f'data-department="{other_head.department.pk}"' not in table
        ranking = html.split('id="ranking"')[1].split("</table>")[0]
        assert str(other_head.department) in ranking and "57.9" in ranking
        assert client.get(reverse("rewards:scorecard_department", args=[other_head.department.pk])).status_code == 404
        url = reverse("rewards:scorecard_records", args=[other_head.department.pk, "hazards"])
        assert client.get(url).status_code == 404
        assert client.get(reverse("rewards:scorecard_department", args=[head.department.pk])).status_code == 200


def test_exports_and_the_one_page_pdf(head, officer, client):
    from tests.pdf import compact, pdf_pages

    client.force_login(officer)
    with frozen():
        crafted(head.department)
        response = client.get(reverse("rewards:scorecard_export_csv") + "?year=2026&quarter=2")
        csv = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "57.9" in csv and "33.3" in csv
        xlsx = client.get(reverse("rewards:scorecard_export_xlsx") + "?year=2026&quarter=2")
        assert xlsx.status_code == 200
        pdf = client.get(reverse("rewards:scorecard_pdf", args=[head.department.pk]) + "?year=2026&quarter=2")
    pages = pdf_pages(pdf.content)
    assert len(pages) == 1 and "57.9" in compact(pages[0])


def test_the_scorecard_costs_the_same_queries_at_two_sizes(head, officer, client):
    client.force_login(officer)
    url = reverse("rewards:scorecard") + "?year=2026&quarter=2"
    with frozen():
        crafted(head.department)
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        crafted(head.department, extra=6)
        with CaptureQueriesContext(connection) as large:
            assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
