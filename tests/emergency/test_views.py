import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from apps.emergency.models import Drill
from tests.emergency.factories import DrillFactory, TeamMemberFactory, shipped_plan
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


def _drills(n):
    plan = shipped_plan("fire")
    for i in range(n):
        drill = DrillFactory(plan=plan, people=[UserFactory(), UserFactory()])
        if i % 2:
            Drill.objects.filter(pk=drill.pk).update(status=Drill.Status.DONE)
        drill.problems.create(description="Door blocked")


def _count(client, url):
    client.get(url)  # warm per-process caches (content types) so both sizes are measured alike
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_drill_list_query_count_does_not_grow_with_drills(client, officer):
    client.force_login(officer)
    _drills(2)
    small = _count(client, "/emergency/drills/")
    _drills(20)
    assert _count(client, "/emergency/drills/") == small


def test_the_drill_calendar_shows_every_month_of_the_year(client, employee):
    plan = shipped_plan("earthquake")
    next_year = timezone.localdate().year + 1
    DrillFactory(plan=plan, planned_at=timezone.make_aware(datetime.datetime(next_year, 3, 14, 10)))
    client.force_login(employee)
    html = client.get(f"/emergency/drills/?year={next_year}").content.decode()
    calendar = html.split('id="drill-calendar"')[1].split('id="drill-table"')[0]
    assert calendar.count("card-header") == 12
    assert "14 · Earthquake emergency plan" in calendar


def test_the_roster_is_a_one_page_pdf_in_the_readers_language(client, employee):
    employee.language = "zh-hans"
    employee.save()
    TeamMemberFactory(person=UserFactory(full_name="赵敏"), team_role="commander", phone="13911112222")
    TeamMemberFactory(person=UserFactory(full_name="钱进"), team_role="first_aid")
    client.force_login(employee)
    response = client.get("/emergency/team/roster.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert "赵敏" in text and "13911112222" in text
    assert "总指挥" in text or "Commander" in text  # the role label, translated once locale/ has it


def test_plan_steps_are_shown_in_the_readers_language(client, employee):
    employee.language = "zh-hans"
    employee.save()
    client.force_login(employee)
    plan = shipped_plan("fire")
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "按下最近的手动报警按钮" in html


def test_home_shows_upcoming_drills_the_person_takes_part_in(client, employee, outsider):
    DrillFactory(plan=shipped_plan("fire"), people=[employee])
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert 'id="panel-emergency"' in html and "Fire emergency plan" in html.split('id="panel-emergency"')[1]
    client.force_login(outsider)
    assert 'id="panel-emergency"' not in client.get("/").content.decode()


def test_an_officer_plans_a_drill_with_a_department_as_participants(client, officer, employee, head):
    from tests.organization.factories import SiteFactory

    site = SiteFactory()
    client.force_login(officer)
    planned = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/emergency/drills/new/",
        {
            "plan": shipped_plan("fire").pk,
            "site": site.pk,
            "planned_at": planned,
            "scope": "3F",
            "participants": "officer",
            "departments": [employee.department_id],
        },
    )
    drill = Drill.objects.get()
    assert response.status_code == 302
    assert set(drill.participants.values_list("username", flat=True)) == {"officer", "employee", "head"}


def test_the_plans_page_links_emergency_supplies_to_the_equipment_register(client, officer):
    client.force_login(officer)
    html = client.get("/emergency/plans/").content.decode()
    assert "/equipment/?kind=first_aid_kit" in html and "/equipment/?kind=extinguisher" in html


def test_the_team_page_picker_uses_the_scoped_organisation_search(client, officer):
    from django.urls import reverse

    client.force_login(officer)
    html = client.get(reverse("emergency:team")).content.decode()
    assert reverse("organization:person_autocomplete") in html
