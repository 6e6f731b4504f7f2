import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.core.exceptions import NotAllowed
from apps.incidents.models import HoursWorked, InvolvedPerson
from apps.incidents.selectors import incident_statistics, rate_per_200k, safety_rates
from apps.incidents.services import hours_worked_set
from tests.incidents.factories import IncidentFactory, InvolvedPersonFactory

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
T = InvolvedPerson.Treatment


def _injury(when, treatment, lost_days=0, **kw):
    incident = IncidentFactory(occurred_at=datetime.datetime(*when, 10, 0, tzinfo=SH), **kw)
    InvolvedPersonFactory(incident=incident, treatment=treatment, lost_work_days=lost_days, name="x")
    return incident


@pytest.fixture
def known_year(db):
    """2025: 400,000 hours; 2 lost-time injuries, 1 more medical treatment case, 2 first-aid cases."""
    for month in range(1, 13):
        HoursWorked.objects.create(month=datetime.date(2025, month, 1), hours=Decimal("33333.3"))
    HoursWorked.objects.filter(month=datetime.date(2025, 12, 1)).update(hours=Decimal("33333.7"))
    _injury((2025, 2, 3), T.MEDICAL, lost_days=5)
    _injury((2025, 5, 20), T.HOSPITAL, lost_days=12)
    _injury((2025, 7, 1), T.MEDICAL)
    _injury((2025, 8, 9), T.FIRST_AID)
    _injury((2025, 11, 30), T.FIRST_AID)
    IncidentFactory(occurred_at=datetime.datetime(2025, 3, 1, 9, tzinfo=SH), type="near_miss")
    _injury((2024, 12, 31), T.MEDICAL, lost_days=3)  # outside the year


def test_ltifr_and_trir_are_computed_per_200000_hours_on_a_known_data_set(known_year):
    rates = safety_rates(start=datetime.date(2025, 1, 1), end=datetime.date(2026, 1, 1))
    assert rates["hours"] == Decimal("400000.0")
    assert (rates["lti"], rates["recordable"], rates["lost_days"]) == (2, 3, 17)
    assert rates["ltifr"] == Decimal("1.00")  # 2 × 200,000 / 400,000
    assert rates["trir"] == Decimal("1.50")  # 3 × 200,000 / 400,000


def test_rates_are_unknown_without_hours_worked():
    assert rate_per_200k(3, Decimal(0)) is None


def test_statistics_page_data_counts_by_month_type_severity_and_year(known_year):
    with time_machine.travel(datetime.datetime(2026, 1, 15, 12, tzinfo=SH)):
        stats = incident_statistics(months=24)
    assert stats["total"] == 7
    year_2025 = next(y for y in stats["years"] if y["year"] == 2025)
    assert (year_2025["incidents"], year_2025["lti"], year_2025["recordable"]) == (6, 2, 3)
    assert year_2025["ltifr"] == Decimal("1.00") and year_2025["trir"] == Decimal("1.50")
    by_type = {b["key"]: b["value"] for b in stats["by_type"]}
    assert by_type == {"injury": 6, "near_miss": 1}
    february = next(m for m in stats["months"] if m["month"] == datetime.date(2025, 2, 1))
    assert (february["count"], february["lti"], february["height"]) == (1, 1, 100)
    assert len(stats["months"]) == 24


def test_only_safety_officers_enter_hours_worked(officer, manager):
    with pytest.raises(NotAllowed):
        hours_worked_set(user=manager, month=datetime.date(2026, 10, 1), hours=Decimal(16000))
    row = hours_worked_set(user=officer, month=datetime.date(2026, 10, 17), hours=Decimal(16000))
    assert row.month == datetime.date(2026, 10, 1)
    hours_worked_set(user=officer, month=datetime.date(2026, 10, 1), hours=Decimal(17000))
    assert HoursWorked.objects.get().hours == Decimal(17000)


def test_statistics_page_shows_the_rates_and_a_server_drawn_chart(client, officer, known_year):
    client.force_login(officer)
    with time_machine.travel(datetime.datetime(2026, 1, 15, 12, tzinfo=SH)):
        html = client.get("/incidents/statistics/?months=24").content.decode()
    assert 'id="month-chart"' in html and "<rect" in html
    year_row = html.split("<td>2025</td>")[1].split("</tr>")[0]
    assert "<td>1.00</td><td>1.50</td>" in year_row
    assert "<script" not in html.split('id="month-chart"')[1].split("</svg>")[0]
