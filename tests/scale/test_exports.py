"""Issue 12: the hazard export streams from ``values()`` with labels and names looked up once — the same
cells as the export built from model objects, formula-safe, in as many queries for 40 hazards as for 4."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.csv_export import formula_safe
from apps.hazards.models import Hazard
from tests.organization.factories import AreaFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def reference_row(h, user, can_see_reporter):
    """The row as the export wrote it from model objects before issue 12."""
    anonymous = h.is_anonymous and not (can_see_reporter or h.reporter_id == user.pk)
    return [
        h.number, h.display_title, h.get_status_display(), h.get_grade_display(), h.get_risk_level_display(),
        h.get_category_display(), h.place, h.department or "", h.responsible_person or "",
        _("anonymous") if anonymous else h.reporter, h.created_at.date().isoformat(),
        h.deadline.isoformat() if h.deadline else "", _("yes") if h.is_overdue else "",
        h.closed_at.date().isoformat() if h.closed_at else "",
    ]  # fmt: skip


def make_hazards(tag, n, reporter, department):
    today = timezone.localdate()
    area = AreaFactory(department=department, name="=Pantry", name_zh="茶水间")
    people = [UserFactory(username=f"{tag}-r{i}", full_name="" if i % 2 else f"员工{i}") for i in range(3)]
    statuses = [s for s, _l in Hazard.Status.choices]
    for i in range(n):
        Hazard.objects.create(
            number=f"YH-{tag}-{i:04d}", title=f"-Wire {i}", title_zh=f"线缆 {i}" if i % 2 else "",
            status=statuses[i % len(statuses)], category=["fire", "", "infosec"][i % 3], area=area if i % 4 else None,
            location_text="desk 3" if i % 3 else "", reporter=reporter if i % 5 == 0 else people[i % 3],
            is_anonymous=i % 2 == 0, grade="major" if i % 3 == 0 else "", risk_level=["red", "", "blue"][i % 3],
            department=department if i % 2 else None, responsible_person=people[(i + 1) % 3] if i % 3 else None,
            deadline=today + datetime.timedelta(days=(i % 5) - 2) if i % 2 else None,
            closed_at=timezone.now() if i % 7 == 0 else None,
        )  # fmt: skip


def exported(client, url):
    response = client.get(url)
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.parametrize("who", ["officer", "head"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_export_writes_the_cells_the_model_gives(request, client, department, who, language):
    user = request.getfixturevalue(who)
    user.language = language
    user.save()
    make_hazards("a", 30, user, department)
    client.force_login(user)
    rows = exported(client, reverse("hazards:hazard_export"))
    with translation.override(language):
        from apps.hazards.selectors import hazard_list

        hazards = hazard_list(user=user).order_by(*Hazard._meta.ordering)
        can_see = user.role == "officer"
        expected = [[str(formula_safe(v)) for v in reference_row(h, user, can_see)] for h in hazards]
    assert len(rows) - 1 == len(expected) > 5
    assert sorted(rows[1:]) == sorted(expected)
    assert any(cell.startswith("'-Wire") or cell.startswith("'=") for row in rows[1:] for cell in row)


def test_the_export_costs_as_many_queries_for_40_hazards_as_for_4(client, officer, department):
    client.force_login(officer)
    url = reverse("hazards:hazard_export")
    exported(client, url)
    make_hazards("s", 4, officer, department)
    with CaptureQueriesContext(connection) as small:
        assert len(exported(client, url)) == 5
    make_hazards("l", 36, officer, DepartmentFactory())
    with CaptureQueriesContext(connection) as large:
        assert len(exported(client, url)) == 41
    assert len(small) == len(large)
