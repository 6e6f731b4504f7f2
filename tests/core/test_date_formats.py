"""One date format per language on pages, PDFs and e-mails (config/formats/); form inputs stay ISO."""

import datetime
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

DAY = datetime.date(2026, 12, 2)
MOMENT = timezone.make_aware(datetime.datetime(2026, 12, 2, 14, 5))


def _render(source, language, **context):
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "datetime_"),
    [("en", "2 Dec 2026", "2 Dec 2026 14:05"), ("zh-hans", "2026年12月2日", "2026年12月2日 14:05")],
)
def test_every_named_date_format_gives_the_one_format_of_the_language(language, date, datetime_):
    dates = _render('{{ d }}|{{ d|date }}|{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}', language, d=DAY)
    moments = _render('{{ m }}|{{ m|date:"DATETIME_FORMAT" }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}', language, m=MOMENT)
    assert set(dates.split("|")) == {date}
    assert set(moments.split("|")) == {datetime_}


class _DueForm(forms.Form):
    due = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_date_input_shows_its_value_in_iso_in_every_language(language):
    with translation.override(language):
        html = str(_DueForm(initial={"due": DAY})["due"])
    assert 'value="2026-12-02"' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_date_input_accepts_the_iso_date_the_browser_sends(language):
    with translation.override(language):
        form = _DueForm(data={"due": "2026-12-02"})
        assert form.is_valid() and form.cleaned_data["due"] == DAY


# A date filter argument is a named format (DATE_FORMAT …) or one component (the "Y" of a chart axis).
_DATE_ARG = re.compile(r"""\|date:["']([^"']*)["']""")


def test_templates_use_named_date_formats_not_hard_coded_ones():
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for fmt in _DATE_ARG.findall(path.read_text(encoding="utf-8")):
            if not (fmt.endswith("_FORMAT") or len(fmt) == 1):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {fmt}")
    assert offenders == []


@pytest.mark.django_db
def test_an_english_page_shows_the_deadline_as_day_month_year(client, personas):
    from django.urls import reverse

    from apps.hazards.services import hazard_raise
    from tests.hazards.conftest import walk
    from tests.organization.factories import AreaFactory

    area = AreaFactory(department=personas["head"].department)
    hazard = hazard_raise(title="Blocked exit", description="", reporter=personas["employee"], area=area)
    hazard = walk(hazard, to="plan", officer=personas["officer"], head=personas["head"], employee=personas["employee"])
    client.force_login(personas["officer"])
    html = client.get(reverse("hazards:hazard_detail", args=[hazard.pk])).content.decode()
    assert f"{hazard.deadline.day} {hazard.deadline:%b %Y}" in html
    assert hazard.deadline.strftime("%m/%d/%Y") not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown"), [("en", "2 Dec 2026"), ("zh-hans", "2026年12月2日")])
def test_drills_and_training_sessions_are_named_with_the_readers_date(language, shown):
    from tests.emergency.factories import DrillFactory
    from tests.training.factories import SessionFactory

    drill, session = DrillFactory(planned_at=MOMENT), SessionFactory(starts_at=MOMENT)
    with translation.override(language):
        assert str(drill).endswith(shown)
        assert str(session).endswith(f"{shown} 14:05")
