import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.selectors import attachments_for, timeline_for
from apps.hazards.models import Hazard
from apps.hazards.selectors import hazards_for_source
from apps.inspections import services
from apps.inspections.models import Inspection
from tests.core.images import png_bytes
from tests.inspections.factories import InspectionFactory, make_template
from tests.organization.factories import AreaFactory


def _photo(name="leak.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def inspection(head, department):
    template = make_template(items=4, sections=2, group="electrical")
    return InspectionFactory(template=template, inspector=head, area=AreaFactory(department=department))


def _answer_all(inspection, user, fails=()):
    for n, result in enumerate(inspection.results.order_by("pk")):
        outcome = "fail" if n in fails else "pass"
        services.inspection_result_save(
            result=result, user=user, outcome=outcome, note="broken" if outcome == "fail" else "",
            photo=_photo() if n in fails else None,
        )  # fmt: skip


@pytest.mark.django_db
def test_finished_inspection_with_two_failed_items_yields_two_linked_hazards(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    _answer_all(inspection, head, fails=(1, 3))
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")

    failed = list(inspection.results.filter(outcome="fail").select_related("hazard"))
    assert len(failed) == 2 and Hazard.objects.count() == 2
    for result in failed:
        hazard = result.hazard
        assert hazard is not None
        assert list(hazards_for_source(result)) == [hazard]  # and back from the hazard to the item
        assert hazard.source == result
        assert hazard.area == inspection.area and hazard.category == "electrical"
        assert hazard.reporter == head
        assert attachments_for(hazard).count() == 1  # the item's photo went along
    assert inspection.results.filter(outcome="pass", hazard__isnull=False).count() == 0


@pytest.mark.django_db
def test_finishing_records_the_signature_name_and_time(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    _answer_all(inspection, head)
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.FINISHED
    assert inspection.signature_name == "王芳" and inspection.finished_at is not None
    assert [e.to_state for e in timeline_for(inspection)] == ["in_progress", "finished"]


@pytest.mark.django_db
def test_an_inspection_with_unanswered_items_cannot_be_finished(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    with pytest.raises(ApplicationError):
        services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")


@pytest.mark.django_db
def test_finishing_needs_a_signature(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    _answer_all(inspection, head)
    with pytest.raises(ApplicationError):
        services.inspection_finish(inspection=inspection, user=head, signature_name="  ")


@pytest.mark.django_db
def test_a_finished_inspection_cannot_be_changed_or_finished_twice(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    _answer_all(inspection, head, fails=(0,))
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    with pytest.raises(Conflict):
        services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    with pytest.raises(Conflict):
        services.inspection_result_save(result=inspection.results.first(), user=head, outcome="pass")
    assert Hazard.objects.count() == 1


@pytest.mark.django_db
def test_someone_else_cannot_record_results(inspection, head, employee, manager):
    services.inspection_start(inspection=inspection, user=head)
    for user in (employee, manager):
        with pytest.raises(NotAllowed):
            services.inspection_result_save(result=inspection.results.first(), user=user, outcome="pass")


@pytest.mark.django_db
def test_starting_twice_resumes_without_duplicating_rows(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    services.inspection_result_save(result=inspection.results.first(), user=head, outcome="na", note="closed room")
    services.inspection_start(inspection=inspection, user=head)
    assert inspection.results.count() == 4
    assert inspection.results.filter(outcome="na", note="closed room").count() == 1


@pytest.mark.django_db
def test_a_non_image_photo_is_refused(inspection, head):
    services.inspection_start(inspection=inspection, user=head)
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(ApplicationError):
        services.inspection_result_save(result=inspection.results.first(), user=head, outcome="fail", photo=bad)


@pytest.mark.django_db
def test_htmx_save_returns_the_row_with_the_photo(inspection, head, client):
    services.inspection_start(inspection=inspection, user=head)
    result = inspection.results.first()
    client.force_login(head)
    response = client.post(
        f"/inspections/{inspection.pk}/results/{result.pk}/",
        {"outcome": "fail", "note": "cable cut", "photo": _photo()},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'data-outcome="fail"' in body and "<html" not in body
    assert f'value="fail" id="o-{result.pk}-fail" autocomplete="off" checked' in body
    result.refresh_from_db()
    assert (result.outcome, result.note, attachments_for(result).count()) == ("fail", "cable cut", 1)


@pytest.mark.django_db
def test_overdue_inspections_are_marked_in_the_list(head, client):
    import datetime

    from django.utils import timezone

    InspectionFactory(inspector=head, due_date=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(head)
    body = client.get("/inspections/?status=overdue").content.decode()
    assert body.count('class="inspection-row table-danger"') == 1
