"""scrub_attachments: images stored before uploads were cleaned lose their metadata and names."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from apps.core.models import Attachment
from tests.core.images import REPORTER, jpeg_with_metadata


def _old_style_attachment(subject, user):
    """As attachment_add stored a photo before: the bytes as uploaded, the uploaded name kept."""
    att = Attachment(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        role="report",
        token="0123456789abcdef0123456789abcdef",
        original_name="ZhangWei_iPhone.jpg",
        mime_type="image/jpeg",
        size=1,
        uploaded_by=user,
    )
    att.file.save("ZhangWei_iPhone.jpg", ContentFile(jpeg_with_metadata()), save=False)
    att.save()
    return att


def test_scrub_strips_metadata_and_the_uploaded_name_of_stored_images(employee):
    att = _old_style_attachment(employee, employee)

    call_command("scrub_attachments", stdout=io.StringIO())

    att.refresh_from_db()
    with att.file.open("rb") as handle:
        data = handle.read()
    assert REPORTER.encode() not in data
    with Image.open(io.BytesIO(data)) as img:
        assert dict(img.getexif()) == {}
    assert att.original_name == "photo.jpg" and att.thumbnail


def test_scrub_run_twice_changes_nothing_the_second_time(employee):
    _old_style_attachment(employee, employee)
    call_command("scrub_attachments", stdout=io.StringIO())
    out = io.StringIO()

    call_command("scrub_attachments", stdout=out)

    assert out.getvalue().startswith("cleaned 0, already clean 1")
