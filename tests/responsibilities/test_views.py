"""Views: refused submissions come back with what was typed; the hazard page shows its budget funds;
the home page shows each person what is theirs."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.responsibilities import services
from apps.responsibilities.models import Spending, Statement
from tests.hazards.factories import HazardFactory
from tests.responsibilities.conftest import approved_budget, make_action, make_objective, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_axes(settings):
    settings.AXES_ENABLED = False


def test_signing_with_the_wrong_name_shows_the_form_again_with_the_reason(client, personas):
    services.statements_issue(user=personas["officer"], year=this_year())
    statement = Statement.objects.get(person=personas["employee"])
    client.force_login(personas["employee"])
    url = reverse("responsibilities:statement_sign", args=[statement.pk])
    response = client.post(url, {"sign-confirm_read": "on", "sign-typed_name": "Someone Else"})
    assert response.status_code == 400
    assert "Someone Else" in response.content.decode()
    assert "李娜" in response.content.decode()  # the reason names the expected name
    statement.refresh_from_db()
    assert statement.status == Statement.Status.ISSUED


def test_spending_past_the_approved_amount_is_refused_on_the_budget_page_with_the_input_kept(client, personas):
    budget, line = approved_budget(personas["officer"], personas["manager"], amount=Decimal(100))
    client.force_login(personas["officer"])
    response = client.post(
        reverse("responsibilities:spending_add", args=[budget.pk]),
        {"line": line.pk, "date": f"{this_year()}-01-02", "amount": "150", "description": "Hydrant repair"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hydrant repair" in body and "past the" in body
    assert not Spending.objects.exists()


def test_an_out_of_range_year_is_ignored_not_a_500(client, personas):
    client.force_login(personas["employee"])
    for url in ("objective_list", "plan_overview", "statement_list"):
        assert client.get(reverse(f"responsibilities:{url}") + "?year=99999999").status_code == 200


def test_the_hazard_page_shows_the_budget_spending_that_funds_it_and_the_budget_shows_the_hazard(client, personas):
    p = personas
    budget, line = approved_budget(p["officer"], p["manager"])
    hazard = HazardFactory(grade="major", number="YH-2026-0042", department=p["head"].department, funds=Decimal(300))
    client.force_login(p["officer"])
    form = client.get(reverse("responsibilities:funds_draw", args=[_ct(hazard), hazard.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("responsibilities:funds_draw", args=[_ct(hazard), hazard.pk]),
        {"line": line.pk, "date": f"{this_year()}-01-03", "amount": "250", "description": "Pump"},
    )
    assert response.status_code == 302 and response["Location"] == hazard.get_absolute_url()
    page = client.get(hazard.get_absolute_url()).content.decode()
    assert 'id="hazard-funds"' in page and "250" in page and line.description in page
    assert "YH-2026-0042" in client.get(budget.get_absolute_url()).content.decode()


def test_the_funds_panel_is_hidden_from_an_employee(client, personas):
    hazard = HazardFactory(grade="major", reporter=personas["employee"])
    client.force_login(personas["employee"])
    assert 'id="hazard-funds"' not in client.get(hazard.get_absolute_url()).content.decode()


def test_a_record_the_user_cannot_see_cannot_be_funded(client, personas):
    hazard = HazardFactory(grade="major")
    client.force_login(personas["head"])
    assert client.get(reverse("responsibilities:funds_draw", args=[_ct(hazard), hazard.pk])).status_code == 404


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_the_action_owner_sees_the_item_on_the_home_page(client, personas):
    action = make_action(personas["officer"], personas["head"])
    client.force_login(personas["head"])
    body = client.get(reverse("home")).content.decode()
    assert 'id="panel-my-actions"' in body and action.title in body


def test_an_employee_is_asked_to_sign_their_statement_on_the_home_page(client, personas):
    services.statements_issue(user=personas["officer"], year=this_year())
    client.force_login(personas["employee"])
    assert 'id="sign-my-statement"' in client.get(reverse("home")).content.decode()


def test_management_sees_what_waits_for_approval_and_statement_completion(client, personas):
    objective = make_objective(personas["officer"])
    services.objective_submit(objective=objective, user=personas["officer"])
    services.statements_issue(user=personas["officer"], year=this_year())
    client.force_login(personas["manager"])
    body = client.get(reverse("home")).content.decode()
    assert 'id="panel-approvals"' in body and objective.display_title in body
    assert 'id="statement-completion"' in body


def test_a_head_sees_who_in_the_department_has_not_signed(client, personas):
    services.statements_issue(user=personas["officer"], year=this_year())
    client.force_login(personas["head"])
    body = client.get(reverse("responsibilities:statement_status")).content.decode()
    assert "李娜" in body and "陈晨" not in body  # the outsider is another department's


def test_the_objective_page_links_to_the_records_behind_a_live_figure(client, personas):
    objective = make_objective(personas["officer"])
    client.force_login(personas["officer"])
    body = client.get(objective.get_absolute_url()).content.decode()
    assert 'id="records-link"' in body and "severity=major" in body


def test_a_figure_with_a_bad_date_comes_back_with_the_input(client, personas):
    objective = make_objective(personas["officer"], metric="", direction="at_least", target=Decimal(4))
    client.force_login(personas["officer"])
    response = client.post(
        reverse("responsibilities:objective_figure_add", args=[objective.pk]),
        {"date": f"{this_year() - 3}-05-01", "value": "7", "note": "Drill count"},
    )
    assert response.status_code == 400 and "Drill count" in response.content.decode()
    assert not objective.figures.exists()


def test_only_fundable_records_can_be_funded(client, personas):
    client.force_login(personas["officer"])
    url = reverse("responsibilities:funds_draw", args=[_ct(personas["employee"]), personas["employee"].pk])
    assert client.get(url).status_code == 404


def test_huge_ids_in_query_strings_are_ignored_not_a_500(client, personas):
    client.force_login(personas["officer"])
    huge = "9" * 30
    for url in (
        reverse("responsibilities:statement_status") + f"?department={huge}",
        reverse("responsibilities:objective_create") + f"?parent={huge}",
        reverse("responsibilities:template_create") + f"?from={huge}",
    ):
        assert client.get(url).status_code == 200, url


def test_a_heads_objective_form_offers_only_their_department(client, personas):
    client.force_login(personas["head"])
    body = client.get(reverse("responsibilities:objective_create")).content.decode()
    assert "Customer Service 1" in body and "IT" not in body.split('name="department"')[1].split("</select>")[0]
