"""How large a year, a date or an interval may be — one rule for forms, filters, query strings and models.

Anything outside these bounds is refused where it is typed (a form or filter error, a message on the
page) and cannot be saved (model validators and ``CheckConstraint``s), so it never reaches ``date()``,
``timedelta`` or the database as a value they cannot hold (issue 9: "Bad input never gives a 500").
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _

YEAR_MIN = 1900
YEAR_MAX = 2200
DATE_MIN = datetime.date(YEAR_MIN, 1, 1)
DATE_MAX = datetime.date(YEAR_MAX, 12, 31)
# A repeat interval longer than this is a typo, and a date that far ahead stops being a plan.
MAX_INTERVAL_DAYS = 3660  # ten years
MAX_INTERVAL_MONTHS = 120
# Primary keys are 64-bit: a larger "id" is not one.
MAX_ID = 2**63 - 1


def validate_year(value):
    if value is not None and not YEAR_MIN <= value <= YEAR_MAX:
        raise ValidationError(
            _("Enter a year between %(min)s and %(max)s."),
            code="year_out_of_range",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


def validate_date(value):
    """A date (or the date of a datetime) between 1 January 1900 and 31 December 2200."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s."),
            code="date_out_of_range",
            params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
        )


def interval_validators(maximum, minimum=1):
    return [MinValueValidator(minimum), MaxValueValidator(maximum)]


def range_constraint(field, low, high, name):
    """The database's own refusal of ``field`` outside ``low``..``high`` (NULL passes)."""
    return CheckConstraint(condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name)


def clamp_out_of_range(app_label, bounds):
    """A data-migration step to run before adding range constraints: rows saved before the bounds
    existed move to the nearest allowed value (a year of 99999 was never meant). ``bounds``: a list
    of (model name, field, low, high)."""

    def clamp(apps, schema_editor):
        for model_name, field, low, high in bounds:
            model = apps.get_model(app_label, model_name)
            model.objects.filter(**{f"{field}__lt": low}).update(**{field: low})
            model.objects.filter(**{f"{field}__gt": high}).update(**{field: high})

    return clamp
