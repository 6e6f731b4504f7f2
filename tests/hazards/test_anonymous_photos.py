"""An anonymous report's photos give nothing away: no EXIF, no uploaded file name on the page or in
the download (issue 9, privacy)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core.models import Attachment
from apps.hazards.models import Hazard
from tests.core.images import DEVICE, REPORTER, jpeg_with_metadata

PHOTO_NAME = "ZhangWei_iPhone_20260101.jpg"


def _report_anonymously(client, employee, area):
    client.force_login(employee)
    photo = SimpleUploadedFile(PHOTO_NAME, jpeg_with_metadata(), content_type="image/jpeg")
    data = {"title": "Loose cable", "area": area.pk, "location_text": "", "description": "", "is_anonymous": "on"}
    client.post(reverse("hazards:hazard_report"), {**data, "photos": [photo]})
    hazard = Hazard.objects.get()
    assert hazard.is_anonymous
    return hazard, Attachment.objects.get(object_id=hazard.pk, role="report")


def test_anonymous_report_photo_page_shows_no_uploaded_file_name(client, employee, head, officer, area):
    hazard, _photo = _report_anonymously(client, employee, area)

    for reader in (head, officer):
        client.force_login(reader)
        page = client.get(hazard.get_absolute_url()).content.decode()
        assert "ZhangWei" not in page and "iPhone" not in page


def test_anonymous_report_photo_download_has_a_neutral_name_and_no_metadata(client, employee, head, area):
    hazard, photo = _report_anonymously(client, employee, area)
    client.force_login(head)

    response = client.get(reverse("core:attachment", args=[photo.token]))

    assert response.status_code == 200
    assert "ZhangWei" not in response["Content-Disposition"] and "iPhone" not in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert REPORTER.encode() not in body and DEVICE.encode() not in body
    with Image.open(io.BytesIO(body)) as img:
        assert dict(img.getexif()) == {}
