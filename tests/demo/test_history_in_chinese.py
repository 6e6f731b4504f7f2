"""Every timeline and history entry a Chinese reader sees is Chinese: no step name, state value or English
system text leaks through (``investigate``, ``start_actions``, ``not_effective``, ``12 inspections``).

The demo company is seeded with every module's seeder (through the real services); for every kind of
record with a timeline, records covering every distinct (action, state) pair are opened in 简体中文 as a
safety officer, and each timeline row is read back. The demo's own texts are Chinese, so an English word
in a row is either a code shown raw or a system text not rendered for the reader.
"""

import io
import re
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from apps.core.models import TimelineEntry
from apps.organization.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# A lowercase English word (a status value, a step name, English system text) or a snake_case code.
RAW = re.compile(r"\b[a-z]{3,}(?:_[a-z]+)*\b")
ROW = re.compile(r'<li class="[^"]*timeline-entry">(.*?)</li>', re.DOTALL)
HISTORY_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)


def _leaks(html: str, row_pattern) -> list[str]:
    leaks = []
    for row in row_pattern.findall(html):
        text = " ".join(strip_tags(row).split())
        if RAW.search(text):
            leaks.append(text)
    return leaks


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def chinese_officer(client, demo):
    officer = User.objects.get(username="officer")
    User.objects.filter(pk=officer.pk).update(language="zh-hans")
    client.force_login(officer)
    return client


def _records_covering_every_kind_of_entry():
    """For each model with timeline rows: the records that together show every (action, from, to) seen."""
    covered = defaultdict(dict)
    rows = TimelineEntry.objects.values_list("content_type_id", "object_id", "action", "from_state", "to_state")
    for type_id, object_id, *kind in rows.order_by("id"):
        covered[type_id].setdefault(tuple(kind), object_id)
    for type_id, kinds in covered.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        yield model, model._default_manager.filter(pk__in=set(kinds.values()))


def test_every_timeline_entry_of_the_demo_reads_in_chinese(chinese_officer):
    leaks, pages = [], 0
    for model, records in _records_covering_every_kind_of_entry():
        for record in records:
            if not hasattr(record, "get_absolute_url"):
                continue
            html = chinese_officer.get(record.get_absolute_url()).content.decode()
            if "timeline-entry" not in html:
                continue  # this record's page shows no timeline
            pages += 1
            leaks += [f"{model._meta.label} {record.pk}: {row}" for row in _leaks(html, ROW)]
    assert pages >= 10  # hazards, incidents, inspections, plans, templates, courses, drills, equipment …
    assert not leaks, "\n".join(leaks)


def test_every_change_in_the_organisation_history_reads_in_chinese(chinese_officer):
    # A change a person makes themselves (their language: a choice, shown as its label).
    chinese_officer.post(reverse("language_switch"), {"language": "en", "next": "/"})
    chinese_officer.post(reverse("language_switch"), {"language": "zh-hans", "next": "/"})
    html = chinese_officer.get(reverse("organization:history")).content.decode()
    assert "<tr>" in html
    assert not _leaks(html.split("<tbody>", 1)[-1], HISTORY_ROW)
