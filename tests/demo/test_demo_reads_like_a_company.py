"""The demo company is Chinese and reads like a real one: its people read 简体中文 (and can switch), its
texts are written in one language, its injuries match their descriptions, its steps take hours or days
and every course has something to study."""

import datetime
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.core.models import TimelineEntry
from apps.demo.seeders.organization import DEMO_LOGINS as LOGIN_ROWS
from apps.hazards.models import Hazard
from apps.incidents.models import Incident, InvolvedPerson
from apps.organization.models import User
from apps.training.models import Course

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [row[0] for row in LOGIN_ROWS]
# "复查合格 / checked": Chinese, a slash, then English — one text written twice.
BILINGUAL = re.compile(r"[\u4e00-\u9fff][^/\n]*\s/\s[A-Za-z]")


def seed(*only):
    call_command("seed_demo", stdout=io.StringIO(), **({"only": list(only)} if only else {}))


def test_seed_demo_gives_every_demo_person_chinese_as_their_language():
    seed("organization")
    assert set(User.objects.values_list("language", flat=True)) == {"zh-hans"}


def test_a_demo_person_who_switched_to_english_keeps_it_when_the_demo_is_seeded_again():
    seed("organization")
    User.objects.filter(username="head").update(language="en")
    seed("organization")
    assert User.objects.get(username="head").language == "en"


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_each_demo_login_works_in_chinese_and_in_english_through_the_switcher(client, username):
    seed("organization")
    assert client.post(reverse("login"), {"username": username, "password": "safety-first"}).status_code == 302
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()
    client.post(reverse("language_switch"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.slow
def test_no_demo_text_is_written_twice_in_two_languages():
    seed()
    found = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        for row in model._default_manager.values_list("pk", *fields).iterator():
            found += [f"{model._meta.label} {row[0]}: {v}" for v in row[1:] if v and BILINGUAL.search(v)]
    assert not found, "\n".join(found[:20])


def test_every_injury_in_the_demo_matches_what_its_incident_describes():
    seed("incidents")
    injured = InvolvedPerson.objects.filter(role="injured").select_related("incident")
    assert injured.count() >= 5
    for person in injured:
        assert person.incident.type == Incident.Type.INJURY
        # The body part is named in the description ("扭伤脚踝" — ankle).
        assert person.body_part[0] in person.incident.description, (person.incident.description, person.body_part)


def test_demo_hazard_steps_happen_hours_or_days_apart_in_office_hours():
    seed("hazards")
    walked = [h for h in Hazard.objects.all() if h.status not in (Hazard.Status.REPORTED,)]
    assert walked
    for hazard in walked:
        times = list(
            TimelineEntry.objects.filter(object_id=hazard.pk, content_type__model="hazard")
            .order_by("id")
            .values_list("created_at", flat=True)
        )
        gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
        assert all(gap >= datetime.timedelta(minutes=30) for gap in gaps), (hazard.title, gaps)
        assert all(9 <= timezone.localtime(t).hour < 18 for t in times), hazard.title
    closed = Hazard.objects.filter(status=Hazard.Status.CLOSED).first()
    assert closed.closed_at - closed.created_at > datetime.timedelta(days=3)


def test_every_demo_course_has_study_material_in_english_and_chinese():
    seed("training")
    for course in Course.objects.all():
        materials = list(course.materials.all())
        assert materials, course.code
        for material in materials:
            assert len(material.text) > 300 and len(material.text_zh) > 150, (course.code, material.title)
