"""Malformed input on the organisation and account pages is refused politely, never a 500 (issue 9)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "nxt", ["abc", "hazards:hazard_list", "//evil.example.com/", "/a\x00b", "https://evil.example.com/"]
)
def test_switching_language_with_a_next_that_is_not_a_local_path_goes_home(client, employee, nxt):
    client.force_login(employee)
    response = client.post(reverse("language_switch"), {"language": "zh-hans", "next": nxt})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switching_language_goes_back_to_the_page_it_came_from(client, employee):
    client.force_login(employee)
    response = client.post(reverse("language_switch"), {"language": "zh-hans", "next": "/hazards/?page=2"})
    assert response["Location"] == "/hazards/?page=2"


@pytest.mark.parametrize("query", [{"department": "abc"}, {"post": str(2**63)}, {"role": "king"}])
def test_a_people_export_with_an_invalid_filter_is_refused_rather_than_exporting_everyone(client, officer, query):
    client.force_login(officer)
    response = client.get(reverse("organization:person_export"), query)
    assert response.status_code == 400 and "nothing was exported" in response.content.decode()


@pytest.mark.parametrize("q", ["a\x00b", "x" * 10_000])
def test_the_person_picker_answers_a_search_with_a_nul_byte_or_10000_characters(client, officer, q):
    client.force_login(officer)
    response = client.get(reverse("organization:person_autocomplete"), {"q": q})
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize("person", ["abc", "²", str(2**63)])
def test_the_person_picker_shows_a_form_again_whatever_id_was_posted(client, officer, person):
    from tests.training.factories import CourseFactory

    client.force_login(officer)
    data = {"course": CourseFactory().pk, "due_date": "2026-12-01", "person": person}
    response = client.post(reverse("training:assignment_create"), data)
    assert response.status_code == 200 and "person" in response.context["form"].errors
