import pytest

from apps.core.exceptions import NotAllowed
from apps.core.selectors import timeline_for
from apps.hazards.models import Hazard
from apps.hazards.selectors import hazards_for_source
from apps.hazards.services import hazard_raise
from tests.organization.factories import AreaFactory, SiteFactory

pytestmark = pytest.mark.django_db


def test_raised_hazard_is_reported_numbered_and_linked_to_its_source(employee, department):
    area = AreaFactory(department=department)
    source = SiteFactory()  # any model instance will do
    hazard = hazard_raise(
        title="Extinguisher missing", description="Bracket empty", reporter=employee, area=area,
        category="fire", source=source,
    )  # fmt: skip
    assert hazard.status == Hazard.Status.REPORTED
    assert hazard.number.startswith(f"YH-{hazard.created_at.year}-")
    assert hazard.source == source
    assert hazard.department == department
    assert list(hazards_for_source(source)) == [hazard]
    assert hazard.get_absolute_url() == f"/hazards/{hazard.pk}/"
    assert [e.action for e in timeline_for(hazard)] == ["report"]


def test_numbers_count_up_within_the_year(employee):
    first = hazard_raise(title="A", description="", reporter=employee, location_text="Lobby")
    second = hazard_raise(title="B", description="", reporter=employee, location_text="Lobby")
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_inactive_reporter_cannot_raise_a_hazard(employee):
    employee.is_active = False
    employee.save()
    with pytest.raises(NotAllowed):
        hazard_raise(title="A", description="", reporter=employee, location_text="Lobby")
    assert not Hazard.objects.exists()


def test_category_values_are_the_public_contract():
    assert set(Hazard.Category.values) == {"fire", "electrical", "network", "premises", "infosec", "other"}


def test_other_modules_may_raise_a_hazard_without_any_place(employee):
    hazard = hazard_raise(title="Firewall rule too open", description="", reporter=employee, category="network")
    assert hazard.place == "" and hazard.status == Hazard.Status.REPORTED


def test_a_bad_photo_from_another_module_saves_nothing(employee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.exceptions import ApplicationError

    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ApplicationError):
        hazard_raise(title="A", description="", reporter=employee, location_text="Lobby", photos=[fake])
    assert not Hazard.objects.exists()
