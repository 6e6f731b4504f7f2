"""The shared guards against malformed input (apps.core.bounds, .forms, .params, .filters)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.core import fields as core_fields
from apps.core.bounds import MAX_ID, YEAR_MAX, YEAR_MIN
from apps.core.exceptions import ApplicationError
from apps.core.filters import refuse_invalid_filter
from apps.core.params import clean_text, int_param, parse_id, year_param
from apps.organization.models import Department
from tests.core.images import png_bytes


def _request(query):
    """A GET request that can carry messages."""
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().get("/", query)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _field_errors(field, value):
    form = type("F", (forms.Form,), {"f": field})({"f": value})
    return form.errors.get("f")


@settings(max_examples=200)
@given(st.one_of(st.text(), st.integers().map(str), st.none()))
def test_parse_id_gives_an_id_the_database_can_hold_or_none_and_never_raises(raw):
    value = parse_id(raw)
    assert value is None or 1 <= value <= MAX_ID


@pytest.mark.parametrize(
    "raw", ["abc", "", "0", "-1", "--5", "1_000", str(2**63), str(10**30), "1e3", "١٢", "²", "a\x00b", " 7 x"]
)
def test_parse_id_refuses_what_is_not_an_id(raw):
    assert parse_id(raw) is None


def test_parse_id_reads_a_plain_id():
    assert parse_id(" 42 ") == 42


@settings(max_examples=100)
@given(st.text())
def test_year_param_answers_a_year_in_range_whatever_is_typed(raw):
    year = year_param(_request({"year": raw}), default=2026)
    assert YEAR_MIN <= year <= YEAR_MAX


@pytest.mark.parametrize("raw", ["0", "99999", "-1", str(2**63), "abc"])
def test_a_year_out_of_range_gives_the_default_and_says_so(raw):
    request = _request({"year": raw})
    assert year_param(request, default=2026) == 2026
    assert any("between 1900 and 2200" in str(m) for m in get_messages(request))


def test_a_missing_parameter_gives_the_default_without_a_message():
    request = _request({})
    assert int_param(request, "months", default=24, min_value=3, max_value=60, message="bad") == 24
    assert not list(get_messages(request))


def test_clean_text_drops_nul_characters_and_cuts_long_text():
    assert clean_text("  a\x00b  ") == "ab"
    assert len(clean_text("x" * 10_000)) == 200


@pytest.mark.parametrize("value", ["0", "1899", "2201", "99999", str(10**30)])
def test_the_year_field_refuses_years_outside_1900_to_2200(value):
    assert _field_errors(core_fields.YearField(), value)


@pytest.mark.parametrize("value", ["1900", "2026", "2200"])
def test_the_year_field_accepts_years_inside_the_range(value):
    assert not _field_errors(core_fields.YearField(), value)


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "99999-01-01", "0000-00-00"])
def test_the_date_field_refuses_dates_outside_the_range(value):
    assert _field_errors(core_fields.DateField(), value)


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "99999-01-01T00:00"])
def test_the_datetime_field_refuses_times_outside_the_range_without_overflowing(value):
    assert _field_errors(core_fields.DateTimeField(), value)


def test_the_datetime_field_accepts_an_ordinary_time():
    assert not _field_errors(core_fields.DateTimeField(), "2026-03-01T09:30")


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), str(10**30)])
def test_a_multiple_choice_of_records_refuses_an_id_the_database_cannot_hold(value):
    field = core_fields.ModelMultipleChoiceField(queryset=Department.objects.all())
    assert _field_errors(field, [value])


def test_the_multiple_file_input_never_hands_over_a_clear_marker():
    upload = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    widget = core_fields.MultipleFileInput()
    files = MultiValueDict({"photos": [upload]})
    assert widget.value_from_datadict({"photos-clear": "on"}, files, "photos") == [upload]


def test_the_file_field_refuses_a_text_file_that_says_it_is_a_jpeg():
    fake = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    form = type("F", (forms.Form,), {"f": core_fields.FileField()})({}, {"f": fake})
    assert "not an image" in str(form.errors["f"])


def test_the_file_field_refuses_a_file_over_the_upload_limit(settings):
    settings.ANQUAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("minutes.pdf", b"%PDF" + b"0" * (1024 * 1024), content_type="application/pdf")
    form = type("F", (forms.Form,), {"f": core_fields.FileField()})({}, {"f": big})
    assert "too large" in str(form.errors["f"])


def test_an_export_refuses_a_filter_that_does_not_validate():
    form = type("F", (forms.Form,), {"year": core_fields.YearField(label="Year", required=False)})({"year": "99999"})
    with pytest.raises(ApplicationError, match="Year: Enter a year between 1900 and 2200"):
        refuse_invalid_filter(form)


@pytest.mark.django_db
def test_the_migration_step_moves_values_saved_before_the_bounds_to_the_nearest_allowed_one():
    from django.apps import apps

    from apps.core.bounds import clamp_out_of_range
    from apps.organization.models import Floor
    from tests.organization.factories import FloorFactory

    high, low, fine = FloorFactory(level=5000), FloorFactory(level=-500), FloorFactory(level=3)
    clamp_out_of_range("organization", [("floor", "level", -99, 999)])(apps, None)
    assert [Floor.objects.get(pk=f.pk).level for f in (high, low, fine)] == [999, -99, 3]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/training/verify/a%00b/", "/calendar/a%00b.ics", "/files/attachments/a%00b/", f"/training/verify/{'x' * 101}/"],
)
def test_a_token_in_the_path_with_a_control_character_or_too_long_is_not_found(client, employee, path):
    client.force_login(employee)
    assert client.get(path).status_code == 404
