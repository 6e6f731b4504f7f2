"""The "New template" page: officers create version 1 of a checklist in the app."""

import pytest
from django.urls import reverse

from apps.core.selectors import timeline_for
from apps.inspections.models import ChecklistTemplate

URL = reverse("inspections:template_create")


def _post_data(rows, **header):
    data = {"group": "fire", "name": "Kitchen fire safety", "name_zh": "厨房消防", "code": "", "description": ""}
    data.update(header)
    data.update(
        {
            "items-TOTAL_FORMS": str(len(rows)),
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "400",
        }
    )
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{n}-{key}"] = value
    return data


ROWS = [
    {"section": "Cooking", "section_zh": "烹饪", "text": "Hood filter clean", "text_zh": "油烟罩滤网清洁",
     "guidance": "No grease drips", "clause": "R3.1.2"},
    {"section": "Cooking", "section_zh": "烹饪", "text": "Fire blanket in reach", "text_zh": "灭火毯触手可及"},
    {"section": "Exits", "section_zh": "出口", "text": "Back door unobstructed", "text_zh": "后门畅通"},
    {"section": "", "text": ""},
]  # fmt: skip


@pytest.mark.django_db
def test_the_template_list_links_officers_to_the_new_template_page(client, officer, employee):
    client.force_login(officer)
    assert URL in client.get(reverse("inspections:template_list")).content.decode()
    client.force_login(employee)
    assert URL not in client.get(reverse("inspections:template_list")).content.decode()


@pytest.mark.django_db
def test_an_officer_creates_version_one_of_a_new_checklist(client, officer):
    client.force_login(officer)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _post_data(ROWS))
    template = ChecklistTemplate.objects.get(name="Kitchen fire safety")
    assert response.status_code == 302 and response.url == template.get_absolute_url()
    assert (template.version, template.is_current, template.group, template.name_zh) == (1, True, "fire", "厨房消防")
    assert template.code == "kitchen-fire-safety" and template.created_by == officer
    sections = list(template.sections.order_by("position"))
    assert [(s.name, s.name_zh, s.items.count()) for s in sections] == [("Cooking", "烹饪", 2), ("Exits", "出口", 1)]
    first = sections[0].items.order_by("position").first()
    assert (first.text_zh, first.guidance, first.clause) == ("油烟罩滤网清洁", "No grease drips", "R3.1.2")
    assert timeline_for(template).get().action == "created"


@pytest.mark.django_db
def test_a_second_checklist_with_the_same_name_gets_its_own_code(client, officer):
    client.force_login(officer)
    client.post(URL, _post_data(ROWS))
    client.post(URL, _post_data(ROWS))
    assert sorted(ChecklistTemplate.objects.filter(name="Kitchen fire safety").values_list("code", flat=True)) == [
        "kitchen-fire-safety",
        "kitchen-fire-safety-2",
    ]


@pytest.mark.django_db
def test_an_employee_may_not_create_a_checklist(client, employee):
    client.force_login(employee)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _post_data(ROWS)).status_code == 403
    assert not ChecklistTemplate.objects.filter(name="Kitchen fire safety").exists()


@pytest.mark.django_db
def test_bad_input_shows_field_errors_and_creates_nothing(client, officer):
    client.force_login(officer)
    rows = [{"section": "", "text": "An item without a section"}]
    response = client.post(URL, _post_data(rows, name="", group="nonsense"))
    assert response.status_code == 200
    header, formset = response.context["header"], response.context["rows"]
    assert set(header.errors) == {"name", "group"}
    assert formset.forms[0].errors["section"] == ["Name the section this item belongs to."]
    body = response.content.decode()
    assert "Name the section this item belongs to." in body and "is-invalid" in body
    assert not ChecklistTemplate.objects.filter(created_by=officer).exists()


@pytest.mark.django_db
def test_a_taken_code_is_a_field_error(client, officer):
    existing = ChecklistTemplate.objects.filter(is_current=True).first()
    client.force_login(officer)
    response = client.post(URL, _post_data(ROWS, code=existing.code))
    assert response.status_code == 200
    assert response.context["header"].errors["code"] == ["A checklist with this code already exists."]


@pytest.mark.django_db
def test_a_checklist_without_items_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(URL, _post_data([{"section": "Empty", "text": ""}]))
    assert response.status_code == 200
    assert "A checklist needs at least one item." in response.content.decode()
    assert not ChecklistTemplate.objects.filter(created_by=officer).exists()
