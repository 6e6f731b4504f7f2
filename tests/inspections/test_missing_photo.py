import pytest

from apps.core.selectors import attachments_for
from apps.hazards.models import Hazard
from apps.inspections import services
from tests.inspections.test_services_inspections import _answer_all, inspection  # noqa: F401


@pytest.mark.django_db
def test_a_photo_lost_from_storage_does_not_block_finishing_and_the_hazard_is_still_raised(inspection, head):  # noqa: F811
    services.inspection_start(inspection=inspection, user=head)
    _answer_all(inspection, head, fails=(0,))
    failed = inspection.results.get(outcome="fail")
    photo = attachments_for(failed).get()
    photo.file.storage.delete(photo.file.name)

    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")

    failed.refresh_from_db()
    assert failed.hazard is not None and Hazard.objects.count() == 1
    assert attachments_for(failed.hazard).count() == 0
