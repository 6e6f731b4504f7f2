"""Record numbers XX-YYYY-NNNN from the one core sequence (apps.core.services.record_number_next)."""

import pytest
from django.db import transaction
from django.utils import timezone

from apps.core.models import NumberSequence
from apps.core.services import record_number_next
from tests.concurrency import at_once, require_postgresql

pytestmark = pytest.mark.django_db


def test_numbers_count_up_per_prefix_and_year():
    assert record_number_next(prefix="YH", year=2026) == "YH-2026-0001"
    assert record_number_next(prefix="YH", year=2026) == "YH-2026-0002"
    assert record_number_next(prefix="SG", year=2026) == "SG-2026-0001"
    assert record_number_next(prefix="YH", year=2027) == "YH-2027-0001"


def test_the_year_defaults_to_this_year_in_the_companys_time_zone():
    year = timezone.localdate().year
    assert record_number_next(prefix="YH") == f"YH-{year}-0001"


def test_a_rolled_back_record_gives_its_number_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        record_number_next(prefix="YH", year=2026)
        raise RuntimeError("the record was not saved")
    assert record_number_next(prefix="YH", year=2026) == "YH-2026-0001"


def test_numbering_continues_from_an_existing_sequence():
    NumberSequence.objects.create(prefix="YH", year=2026, last=41)
    assert record_number_next(prefix="YH", year=2026) == "YH-2026-0042"


def test_a_new_hazard_takes_its_number_from_the_core_sequence(employee):
    from apps.hazards.services import hazard_raise

    NumberSequence.objects.create(prefix="YH", year=timezone.localdate().year, last=7)
    hazard = hazard_raise(title="Leak", description="", reporter=employee, location_text="Pantry")
    assert hazard.number == f"YH-{timezone.localdate().year}-0008"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_eight_threads_taking_numbers_at_once_never_get_the_same_one():
    require_postgresql()

    def take_five():
        numbers = []
        for _ in range(5):
            with transaction.atomic():
                numbers.append(record_number_next(prefix="ZZ", year=2030))
        return numbers

    results = at_once(*[take_five] * 8, timeout=60)

    assert [r for r in results if not isinstance(r, list)] == []
    assert sorted(n for numbers in results for n in numbers) == [f"ZZ-2030-{n:04d}" for n in range(1, 41)]
