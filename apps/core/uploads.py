"""Upload checks shared by every module. A file's type comes from its content, never from its name or
from what the browser claims; anything we cannot recognise is refused.

Helpers to reuse (forms call the ``inspect_*`` ones so the error shows on the field; services call
:func:`apps.core.services.attachment_add`, which runs them again and re-encodes images):

- :func:`inspect_image` ``(upload) -> (mime, ext)``: a JPEG/PNG/WebP/GIF within the size limit and the
  pixel budget, read from the header only (nothing is decoded).
- :func:`inspect_file` ``(upload, allowed=DOCUMENTS) -> (mime, ext)``: a file of one of the ``allowed``
  kinds (``IMAGE``, ``PDF``, ``OFFICE``, ``VIDEO``, ``TEXT``), recognised by its bytes. Executables,
  HTML, SVG, XML, macro-enabled Office files and anything unknown are refused.
- :func:`clean_image` ``(upload) -> CleanImage``: the image decoded within the budget, turned upright
  (EXIF orientation applied) and re-encoded without any metadata (EXIF, GPS, XMP, comments, ICC),
  plus a JPEG thumbnail made by reduced-size decoding.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

# --- kinds -------------------------------------------------------------------------------------------

IMAGE = "image"
PDF = "pdf"
OFFICE = "office"
VIDEO = "video"
TEXT = "text"

IMAGES = frozenset({IMAGE})
DOCUMENTS = frozenset({IMAGE, PDF, OFFICE, TEXT})
MATERIALS = DOCUMENTS | {VIDEO}

KIND_LABELS = {
    IMAGE: gettext_lazy("images (JPEG, PNG, WebP, GIF)"),
    PDF: gettext_lazy("PDF"),
    OFFICE: gettext_lazy("Word, Excel or PowerPoint files"),
    VIDEO: gettext_lazy("MP4 or WebM videos"),
    TEXT: gettext_lazy("plain text"),
}

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}

# Every type we store, with the extension it is served under. The download view serves anything else
# (an old row whose type came from the browser) as an opaque download.
OOXML_TYPES = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
LEGACY_OFFICE_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
STORED_TYPES = {
    **dict(IMAGE_FORMATS.values()),
    "application/pdf": "pdf",
    **dict(OOXML_TYPES.values()),
    **{mime: ext for ext, mime in LEGACY_OFFICE_TYPES.items()},
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "text/plain": "txt",
}
# Only re-encoded raster images are ever shown in the browser; everything else is a download.
INLINE_TYPES = frozenset(mime for mime, _ext in IMAGE_FORMATS.values())

THUMBNAIL_SIZE = (320, 320)
# Stored images are at most this many pixels on the long side (a 12 MP phone photo is 4000 × 3000).
STORED_MAX_SIDE = 4096

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MP4_BRANDS = {
    b"isom": "video/mp4",
    b"iso2": "video/mp4",
    b"iso4": "video/mp4",
    b"iso5": "video/mp4",
    b"iso6": "video/mp4",
    b"mp41": "video/mp4",
    b"mp42": "video/mp4",
    b"avc1": "video/mp4",
    b"dash": "video/mp4",
    b"mmp4": "video/mp4",
    b"MSNV": "video/mp4",
    b"M4V ": "video/mp4",
    b"qt  ": "video/quicktime",
}
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|a\s)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024


# --- limits ------------------------------------------------------------------------------------------


def max_upload_bytes():
    return settings.ANQUAN_MAX_UPLOAD_MB * 1024 * 1024


def max_image_pixels():
    return settings.ANQUAN_MAX_IMAGE_MEGAPIXELS * 1_000_000


def _name(upload):
    return upload.name or _("the file")


def check_size(upload):
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "name": _name(upload),
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": settings.ANQUAN_MAX_UPLOAD_MB,
            },
            code="too_large",
        )


def _not_image(upload):
    return ValidationError(
        _("“%(name)s” is not an image we can read (JPEG, PNG, WebP or GIF).") % {"name": _name(upload)},
        code="not_image",
    )


def _too_many_pixels(upload, size=None):
    limit = settings.ANQUAN_MAX_IMAGE_MEGAPIXELS
    if size is None:
        message = _("“%(name)s” has too many pixels; the limit is %(limit)s megapixels.") % {
            "name": _name(upload),
            "limit": limit,
        }
    else:
        message = _(
            "“%(name)s” is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels. "
            "Save it at a smaller size and try again."
        ) % {"name": _name(upload), "width": size[0], "height": size[1], "limit": limit}
    return ValidationError(message, code="too_many_pixels")


# --- images ------------------------------------------------------------------------------------------


def _open(upload):
    """``Image.open`` reads the header only. Pillow's own bomb limit is caught so it cannot 500."""
    upload.seek(0)
    try:
        return Image.open(upload)
    except Image.DecompressionBombError:
        raise _too_many_pixels(upload) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_image(upload) from None


def _decoded_size(img):
    """The size the image will have once decoded: a JPEG decodes at 1/2, 1/4 or 1/8 scale when that
    still leaves at least half of :data:`STORED_MAX_SIDE` on the long side (``Image.draft``), so a
    48 MP phone photo costs what a 12 MP one does."""
    if img.format == "JPEG":
        img.draft(None, _draft_target(img.size, STORED_MAX_SIDE // 2))
    return img.size


def _draft_target(size, side):
    """The ``draft`` request that keeps the long side at least ``side`` pixels (aspect ratio kept)."""
    width, height = size
    longest = max(width, height, 1)
    if longest <= side:
        return size
    return (max(1, width * side // longest), max(1, height * side // longest))


def _check_image(upload, img):
    if img.format not in IMAGE_FORMATS:
        raise _not_image(upload)
    original = img.size
    width, height = _decoded_size(img)
    if width * height > max_image_pixels():
        raise _too_many_pixels(upload, original)
    return IMAGE_FORMATS[img.format]


def inspect_image(upload):
    """Return (mime, extension) for a real image within the budgets; raise ValidationError otherwise.

    Only the header is read: a 140 KB PNG that would decode to 12000 × 12000 pixels is refused here,
    before any pixel is decoded.
    """
    check_size(upload)
    try:
        with _open(upload) as img:
            result = _check_image(upload, img)
            if img.format != "JPEG":
                img.verify()  # walks the chunks (CRCs) without decoding pixels
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_image(upload) from None
    finally:
        upload.seek(0)
    return result


@dataclass
class CleanImage:
    content: bytes
    mime: str
    ext: str
    width: int
    height: int
    thumbnail: bytes


# Output format per input format: GIF becomes PNG (its first frame; animation is not kept).
_OUTPUT = {
    "JPEG": ("JPEG", "image/jpeg", "jpg", {"quality": 88, "optimize": True}),
    "PNG": ("PNG", "image/png", "png", {"optimize": True}),
    "WEBP": ("WEBP", "image/webp", "webp", {"quality": 88}),
    "GIF": ("PNG", "image/png", "png", {"optimize": True}),
}
_MODES = {"JPEG": {"RGB", "L"}, "PNG": {"RGB", "RGBA", "L", "LA"}, "WEBP": {"RGB", "RGBA"}}


def _flatten(img):
    """RGB on white (for the JPEG thumbnail): transparent areas must not turn black."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def _output_mode(img, fmt):
    allowed = _MODES[fmt]
    if img.mode in allowed:
        return img
    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    if fmt == "JPEG":
        return _flatten(img)
    return img.convert("RGBA" if has_alpha else "RGB")


def clean_image(upload) -> CleanImage:
    """Decode within the budget, turn upright, drop all metadata and re-encode; make the thumbnail.

    Raises ValidationError (the same messages as :func:`inspect_image`) for anything that is not a
    readable image within the limits.
    """
    inspect_image(upload)
    try:
        with _open(upload) as src:
            in_format = src.format
            _check_image(upload, src)  # also sets the reduced-size JPEG draft before decoding
            src.load()
            img = ImageOps.exif_transpose(src)  # keeps the photo upright once EXIF is gone
        if max(img.size) > STORED_MAX_SIDE:
            img.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
        out_format, mime, ext, options = _OUTPUT[in_format]
        img = _output_mode(img, out_format)
        # Nothing from the source survives but the pixels: EXIF (author, device, GPS), XMP, comments,
        # text chunks and colour profiles all live in ``info`` and are dropped here.
        img.info = {}
        out = io.BytesIO()
        img.save(out, format=out_format, **options)
        width, height = img.size
        # The thumbnail comes from the already decoded image by ``reduce`` steps (Image.thumbnail).
        img.thumbnail(THUMBNAIL_SIZE)
        thumb = io.BytesIO()
        _flatten(img).save(thumb, format="JPEG", quality=80)
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_image(upload) from None
    finally:
        upload.seek(0)
    return CleanImage(
        content=out.getvalue(), mime=mime, ext=ext, width=width, height=height, thumbnail=thumb.getvalue()
    )


_METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop", "mp"}


def has_metadata(upload) -> bool:
    """Whether an image carries anything :func:`clean_image` would drop (EXIF, XMP, comments, text)."""
    try:
        with _open(upload) as img:
            return bool(img.getexif()) or bool(_METADATA_KEYS & set(img.info)) or bool(getattr(img, "text", None))
    finally:
        upload.seek(0)


def make_thumbnail(upload) -> bytes:
    """A JPEG thumbnail of an image upload, decoded at reduced size (JPEG draft, then ``reduce``)."""
    inspect_image(upload)
    try:
        with _open(upload) as img:
            if img.format == "JPEG":
                img.draft(None, _draft_target(img.size, max(THUMBNAIL_SIZE)))
            img.load()
            img = ImageOps.exif_transpose(img)
            img.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            _flatten(img).save(out, format="JPEG", quality=80)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_image(upload) from None
    finally:
        upload.seek(0)
    return out.getvalue()


# --- any file ----------------------------------------------------------------------------------------


def _head(upload, size=8192):
    upload.seek(0)
    data = upload.read(size)
    upload.seek(0)
    return data


def _extension(upload):
    name = upload.name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _ooxml(upload):
    """A Word/Excel/PowerPoint file: a zip whose [Content_Types].xml names the main part. Files with
    macros (vbaProject.bin, macro-enabled content types) are refused."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return None
            content_types = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    if any(name.lower().endswith("vbaproject.bin") for name in names) or b"macroEnabled" in content_types:
        return None
    for main_part, result in OOXML_TYPES.items():
        if main_part in content_types:
            return result
    return None


def _plain_text(upload):
    """UTF-8 text with no control characters and no markup (HTML, SVG, XML) and no ``#!`` script."""
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    if not raw or _MARKUP.search(raw[:65536]):
        return False
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    stripped = text.lstrip()
    return not (stripped.startswith(("<", "#!")) or _CONTROL.search(text))


def sniff(upload):
    """(kind, mime, ext) of a file from its bytes, or None when we do not recognise it as safe."""
    head = _head(upload)
    if head[:3] == b"\xff\xd8\xff":
        return IMAGE, *IMAGE_FORMATS["JPEG"]
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return IMAGE, *IMAGE_FORMATS["PNG"]
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return IMAGE, *IMAGE_FORMATS["GIF"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return IMAGE, *IMAGE_FORMATS["WEBP"]
    if head[:5] == b"%PDF-":
        return PDF, "application/pdf", "pdf"
    if head[:4] == b"PK\x03\x04":
        found = _ooxml(upload)
        return (OFFICE, *found) if found else None
    if head[:8] == _OLE2:
        # A legacy compound document says nothing simple about what it holds; the name picks among the
        # three Office types and anything else (installers, unknown) is refused.
        ext = _extension(upload)
        return (OFFICE, LEGACY_OFFICE_TYPES[ext], ext) if ext in LEGACY_OFFICE_TYPES else None
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_BRANDS:
        mime = _MP4_BRANDS[head[8:12]]
        return VIDEO, mime, STORED_TYPES[mime]
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return VIDEO, "video/webm", "webm"
    if _plain_text(upload):
        return TEXT, "text/plain", "txt"
    return None


def _refused(upload, allowed):
    kinds = [KIND_LABELS[k] for k in (IMAGE, PDF, OFFICE, VIDEO, TEXT) if k in allowed]
    return ValidationError(
        _("“%(name)s” is not a file type we accept. Accepted: %(kinds)s.")
        % {"name": _name(upload), "kinds": format_lazy(", ".join(["{}"] * len(kinds)), *kinds)},
        code="file_type",
    )


def inspect_file(upload, allowed=DOCUMENTS):
    """Return (mime, extension) of an upload of one of the ``allowed`` kinds, judged by its content.

    Images also pass :func:`inspect_image` (pixel budget). Raise ValidationError with a message that
    lists what is accepted otherwise — an SVG, an HTML page or an ``.exe`` renamed to ``.pdf`` included.
    """
    check_size(upload)
    found = sniff(upload)
    if found is None or found[0] not in allowed:
        raise _refused(upload, allowed)
    kind, mime, ext = found
    if kind == IMAGE:
        return inspect_image(upload)
    return mime, ext
