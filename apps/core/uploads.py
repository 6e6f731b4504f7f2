"""Upload checks shared by every module: images are recognised by content, never by file name."""

import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
THUMBNAIL_SIZE = (320, 320)


def max_upload_bytes():
    return settings.ANQUAN_MAX_UPLOAD_MB * 1024 * 1024


def check_size(upload):
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "name": upload.name,
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": settings.ANQUAN_MAX_UPLOAD_MB,
            },
            code="too_large",
        )


def inspect_image(upload):
    """Return (mime, extension) for a real image; raise ValidationError for anything else."""
    check_size(upload)
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("“%(name)s” is not an image we can read (JPEG, PNG, WebP or GIF).") % {"name": upload.name},
            code="not_image",
        ) from None
    finally:
        upload.seek(0)
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(
            _("“%(name)s” is not an image we can read (JPEG, PNG, WebP or GIF).") % {"name": upload.name},
            code="not_image",
        )
    return IMAGE_FORMATS[fmt]


def make_thumbnail(upload):
    upload.seek(0)
    with Image.open(upload) as img:
        img = img.convert("RGB")
        img.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=80)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=f"thumb-{secrets.token_hex(4)}.jpg")
