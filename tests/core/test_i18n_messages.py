"""Messages kept as message ids and parameters (apps.core.i18n_messages) and rendered for their reader."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

from apps.core.i18n_messages import language_of, lazy_display, message_dump, message_has_text, message_render
from tests.organization.factories import DepartmentFactory, UserFactory

REQUIRED = "This field is required."  # translated in Django's own catalogue
REQUIRED_ZH = "这个字段是必填项。"


def _round_trip(value):
    """Dump, store as JSON (as the database does), load."""
    return json.loads(json.dumps(message_dump(value)))


def test_a_lazy_message_is_stored_as_its_message_id_not_its_translation():
    with translation.override("zh-hans"):
        node = _round_trip(gettext_lazy(REQUIRED))
    assert node == {"msgid": REQUIRED}


def test_a_stored_message_renders_in_the_language_asked_for():
    node = _round_trip(gettext_lazy(REQUIRED))
    assert message_render(node, "en") == REQUIRED
    assert message_render(node, "zh-hans") == REQUIRED_ZH


def test_a_stored_message_renders_in_the_active_language_by_default():
    node = _round_trip(gettext_lazy(REQUIRED))
    with translation.override("zh-hans"):
        assert message_render(node) == REQUIRED_ZH


def test_a_format_keeps_its_translated_parts_and_its_data_apart():
    node = _round_trip(format_lazy("{title}: {text}", title="Blocked exit", text=gettext_lazy(REQUIRED)))
    assert message_render(node, "zh-hans") == f"Blocked exit: {REQUIRED_ZH}"
    assert message_render(node, "en") == f"Blocked exit: {REQUIRED}"


def test_a_translated_format_string_is_translated_with_its_positional_arguments():
    node = _round_trip(format_lazy(gettext_lazy("{} is required"), "Title"))
    assert node["format"] == {"msgid": "{} is required"}
    assert message_render(node, "en") == "Title is required"


def test_a_plain_string_is_data_and_never_translated():
    assert message_render(_round_trip(REQUIRED), "zh-hans") == REQUIRED


def test_a_date_is_shown_in_each_readers_date_format():
    day = datetime.date(2026, 11, 25)
    node = _round_trip(format_lazy("{day}", day=day))
    assert node == {"format": "{day}", "args": [], "kwargs": {"day": {"date": "2026-11-25"}}}
    assert message_render(node, "zh-hans") == "2026年11月25日"
    with translation.override("en"):
        assert message_render(node) == formats.date_format(day, "SHORT_DATE_FORMAT") != "2026-11-25"


def test_a_datetime_is_shown_in_the_companys_time_zone():
    moment = datetime.datetime(2026, 11, 25, 2, 30, tzinfo=datetime.UTC)  # 10:30 in Shanghai
    assert message_render(_round_trip(moment), "zh-hans") == "2026年11月25日 10:30"


def test_a_record_with_a_bilingual_name_is_shown_in_the_readers_language(db):
    department = DepartmentFactory(name="Customer Service 1", name_zh="客服一部")
    node = _round_trip(format_lazy("{dept}", dept=department))
    assert message_render(node, "zh-hans") == "客服一部"
    assert message_render(node, "en") == "Customer Service 1"


def test_a_lazy_display_name_is_kept_in_both_languages(db):
    department = DepartmentFactory(name="Customer Service 1", name_zh="客服一部")
    node = _round_trip(lazy_display(department))
    assert node == {"text": {"en": "Customer Service 1", "zh-hans": "客服一部"}}


def test_a_record_whose_name_is_the_same_in_every_language_is_stored_as_plain_text(db):
    assert _round_trip(UserFactory(full_name="Li Na")) == "Li Na"


def test_plurals_follow_the_number():
    node = _round_trip(ngettext_lazy("%(n)s item", "%(n)s items", 3))
    assert node == {"singular": "%(n)s item", "plural": "%(n)s items", "number": 3}
    assert message_render(node, "en") == "%(n)s items"


def test_a_message_with_a_context_keeps_it():
    node = _round_trip(pgettext_lazy("abbrev. month", "May"))
    assert node == {"msgid": "May", "context": "abbrev. month"}
    assert message_render(node, "zh-hans") == "五月"


def test_numbers_and_decimals_are_data():
    node = _round_trip(format_lazy("{a} / {b}", a=3, b=Decimal("12.50")))
    assert message_render(node, "en") == "3 / 12.50"


def test_a_translation_with_a_broken_placeholder_falls_back_to_english():
    node = {"format": {"msgid": "{missing} and {title}"}, "args": [], "kwargs": {"title": "x"}}
    assert message_render(node, "zh-hans") == "{missing} and {title}"


def test_message_has_text_tells_a_translated_message_from_data_only():
    assert message_has_text(_round_trip(format_lazy("{a}", a=gettext_lazy(REQUIRED))))
    assert not message_has_text(_round_trip(format_lazy("{a}: {b}", a="x", b=timezone.localdate())))
    assert not message_has_text(_round_trip("only a title"))


def test_a_person_without_a_chosen_language_reads_the_company_default(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    assert language_of(UserFactory.build(language="")) == "zh-hans"
    assert language_of(UserFactory.build(language="en")) == "en"
    assert language_of(UserFactory.build(language="xx")) == "zh-hans"


@pytest.mark.django_db
def test_a_system_comment_on_the_timeline_reads_in_the_readers_language(employee):
    from apps.core.services import timeline_record

    entry = timeline_record(
        subject=employee, actor=employee, action="updated", comment=format_lazy("{x}", x=gettext_lazy(REQUIRED))
    )
    entry.refresh_from_db()
    assert entry.comment == REQUIRED  # the English text, for search and the admin
    with translation.override("zh-hans"):
        assert entry.display_comment == REQUIRED_ZH


@pytest.mark.django_db
def test_a_persons_comment_on_the_timeline_is_kept_as_written(employee):
    from apps.core.services import timeline_record

    entry = timeline_record(subject=employee, actor=employee, action="updated", comment="Boxes moved aside")
    assert entry.comment_message is None
    with translation.override("zh-hans"):
        assert entry.display_comment == "Boxes moved aside"
