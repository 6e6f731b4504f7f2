"""Uploads (apps.core.uploads, apps.core.services.attachment_add): images are re-encoded without
metadata within a pixel budget; other files are recognised by their bytes."""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core import uploads
from apps.core.services import attachment_add
from tests.core.images import DEVICE, REPORTER, jpeg_bytes, jpeg_with_metadata, pixel_bomb_png, png_bytes

ROOT = Path(__file__).resolve().parent.parent.parent


def _upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stored(attachment, field="file"):
    with getattr(attachment, field).open("rb") as handle:
        return handle.read()


# --- images: metadata, orientation, names ------------------------------------------------------------


def test_jpeg_with_gps_and_author_exif_is_stored_without_any_metadata(employee):
    original = jpeg_with_metadata()
    assert REPORTER.encode() in original and DEVICE.encode() in original  # the fixture does carry them

    att = attachment_add(subject=employee, upload=_upload("IMG_0001.jpg", original, "image/jpeg"), user=employee)

    stored = _stored(att)
    with Image.open(io.BytesIO(stored)) as img:
        assert dict(img.getexif()) == {}
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(img.info)
    assert REPORTER.encode() not in stored and DEVICE.encode() not in stored
    assert b"GPS" not in stored and b"Exif" not in stored


def test_png_text_chunks_naming_the_author_are_dropped(employee):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", REPORTER)
    info.add_text("Comment", f"phone of {REPORTER}")
    out = io.BytesIO()
    Image.new("RGB", (30, 30), "red").save(out, format="PNG", pnginfo=info)

    att = attachment_add(subject=employee, upload=_upload("x.png", out.getvalue(), "image/png"), user=employee)

    stored = _stored(att)
    assert REPORTER.encode() not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert "Author" not in img.info and "Comment" not in img.info


def test_photo_turned_by_its_exif_orientation_stays_upright_once_exif_is_gone(employee):
    # 40 × 20 pixels with Orientation 6: the camera held upright, so it is shown 20 wide and 40 high.
    upload = _upload("upright.jpg", jpeg_with_metadata(size=(40, 20), orientation=6), "image/jpeg")

    att = attachment_add(subject=employee, upload=upload, user=employee)

    with Image.open(io.BytesIO(_stored(att))) as img:
        assert img.size == (20, 40)
        # The yellow marker on the left edge of the sensor image is now along the top.
        top = img.convert("RGB").getpixel((10, 2))
        assert top[0] > 200 and top[1] > 200 and top[2] < 80


def test_image_is_stored_under_a_random_name_and_its_uploaded_name_is_not_kept(employee):
    upload = _upload("IMG_20250101_ZhangWei.jpg", jpeg_bytes(), "image/jpeg")

    att = attachment_add(subject=employee, upload=upload, user=employee, role="report")

    assert "ZhangWei" not in att.file.name and "IMG_" not in att.file.name
    assert att.token in att.file.name
    assert att.original_name == "photo.jpg"
    assert "ZhangWei" not in att.download_name


def test_thumbnail_fits_the_thumbnail_box(employee):
    att = attachment_add(subject=employee, upload=_upload("a.png", png_bytes((1200, 600)), "image/png"), user=employee)

    with Image.open(io.BytesIO(_stored(att, "thumbnail"))) as img:
        assert img.format == "JPEG" and max(img.size) == max(uploads.THUMBNAIL_SIZE)


def test_large_jpeg_is_decoded_at_reduced_scale_within_the_budget(employee, settings):
    # 4400 × 3000 (13.2 MP) in the header, over a 5 MP budget; JPEG decodes it at half scale (3.3 MP).
    settings.ANQUAN_MAX_IMAGE_MEGAPIXELS = 5
    out = io.BytesIO()
    Image.new("L", (4400, 3000), 128).save(out, format="JPEG")

    att = attachment_add(subject=employee, upload=_upload("big.jpg", out.getvalue(), "image/jpeg"), user=employee)

    with Image.open(io.BytesIO(_stored(att))) as img:
        assert img.size == (2200, 1500)


# --- images: pixel budget ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pixel_bomb_png_is_refused_with_a_clear_message(employee):
    bomb = pixel_bomb_png()
    assert len(bomb) < 200_000

    with pytest.raises(ValidationError) as caught:
        attachment_add(subject=employee, upload=_upload("bomb.png", bomb, "image/png"), user=employee)

    assert caught.value.code == "too_many_pixels"
    assert "12000 × 12000" in caught.value.messages[0] and "40 megapixels" in caught.value.messages[0]


def test_pillow_decompression_bomb_error_becomes_a_validation_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 100 × 100 is more than twice that

    with pytest.raises(ValidationError) as caught:
        uploads.inspect_image(_upload("a.png", png_bytes((100, 100)), "image/png"))

    assert caught.value.code == "too_many_pixels"


MEMORY_PROBE = """
import json, os, resource, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from apps.core import uploads

data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
upload = SimpleUploadedFile("bomb.png", data, content_type="image/png")
try:
    # What accepting a photo costs: the header check, then the decode for the thumbnail.
    uploads.inspect_image(upload)
    uploads.make_thumbnail(upload)
    outcome = "accepted"
except ValidationError as exc:
    outcome = "refused: " + " ".join(exc.messages)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "grew_kb": after - before}))
"""

MEMORY_BUDGET_KB = 32 * 1024  # decoding 12000 × 12000 as RGB would take about 420 MB


@pytest.mark.slow
def test_pixel_bomb_is_refused_before_decoding_within_the_memory_budget(tmp_path):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(pixel_bomb_png())

    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(bomb)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["outcome"].startswith("refused"), report
    assert report["grew_kb"] < MEMORY_BUDGET_KB, report


# --- any file: judged by its bytes -------------------------------------------------------------------


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _content_types(main):
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/main.xml" ContentType="{main}"/></Types>'
    )


DOCX = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ),
        "word/document.xml": "<w:document/>",
    }
)
XLSX = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        )
    }
)
PPTX = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
        )
    }
)
DOCM = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ),
        "word/vbaProject.bin": b"\x00macro",
    }
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("handbook.pdf", b"%PDF-1.7\n%%EOF\n", ("application/pdf", "pdf")),
        ("guide.docx", DOCX, ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")),
        ("roster.xlsx", XLSX, ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")),
        ("slides.pptx", PPTX, ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")),
        ("old.doc", OLE2, ("application/msword", "doc")),
        ("drill.mp4", MP4, ("video/mp4", "mp4")),
        ("drill.webm", WEBM, ("video/webm", "webm")),
        ("notes.txt", "灭火器压力表指针应在绿区。\n".encode(), ("text/plain", "txt")),
        ("photo.png", png_bytes(), ("image/png", "png")),
    ],
)
def test_accepted_file_types_are_recognised_by_content(name, data, expected):
    assert uploads.inspect_file(_upload(name, data, "text/html"), allowed=uploads.MATERIALS) == expected


@pytest.mark.parametrize(
    "name, data",
    [
        ("drawing.svg", SVG),
        ("page.html", HTML),
        ("page.pdf", HTML),  # a name is not a type
        ("setup.exe", EXE),
        ("handbook.pdf", EXE),
        ("tool", ELF),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n"),
        ("macro.docx", DOCM),
        ("installer.msi", OLE2),  # a compound document that is not named as Word, Excel or PowerPoint
        ("random.bin", bytes(range(256)) * 4),
        ("empty.txt", b""),
    ],
)
def test_executables_markup_and_unknown_files_are_refused(name, data):
    with pytest.raises(ValidationError) as caught:
        uploads.inspect_file(_upload(name, data, "application/pdf"), allowed=uploads.MATERIALS)

    assert caught.value.code == "file_type"
    assert "not a file type we accept" in caught.value.messages[0]


def test_a_kind_outside_the_allowed_ones_is_refused_with_the_accepted_list():
    with pytest.raises(ValidationError) as caught:
        uploads.inspect_file(_upload("drill.mp4", MP4), allowed=uploads.DOCUMENTS)

    assert "PDF" in caught.value.messages[0] and "video" not in caught.value.messages[0].lower()


def test_a_file_is_stored_with_its_detected_type_not_the_browsers_claim(employee):
    upload = _upload("handbook.pdf", b"%PDF-1.4\n%%EOF\n", "text/html")

    att = attachment_add(subject=employee, upload=upload, user=employee, allowed=uploads.DOCUMENTS)

    assert att.mime_type == "application/pdf"
    assert att.file.name.endswith(f"{att.token}.pdf")
    assert att.original_name == "handbook.pdf"


def test_an_anonymous_file_keeps_no_uploaded_name(employee):
    upload = _upload("Zhang Wei report.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")

    att = attachment_add(subject=employee, upload=upload, user=employee, allowed=uploads.DOCUMENTS, anonymous=True)

    assert att.original_name == "file.pdf"
