import io

from PIL import Image


def png_bytes(size=(40, 30), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size=(40, 30), color=(30, 30, 200)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return out.getvalue()


REPORTER = "Zhang Wei"
DEVICE = "PhoneMaker X-1000"


def jpeg_with_metadata(size=(40, 20), orientation=1):
    """A JPEG carrying what gives a reporter away: author, camera make and model, GPS position, a
    comment and an XMP packet; ``orientation`` is the EXIF Orientation tag (6: turn 90° clockwise)."""
    from PIL import ExifTags

    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = REPORTER
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = DEVICE
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (31.0, 49.0, 12.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (117.0, 13.0, 48.0),
        }
    )
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{REPORTER}</dc:creator></x:xmpmeta>'.encode()
    out = io.BytesIO()
    img = Image.new("RGB", size, (30, 30, 200))
    img.paste((250, 250, 0), (0, 0, size[0] // 4, size[1]))  # a marker on the left edge
    img.save(out, format="JPEG", exif=exif, comment=f"taken by {REPORTER}".encode(), xmp=xmp)
    return out.getvalue()


def pixel_bomb_png(size=(12000, 12000)):
    """A small PNG (tens of KB) that would take hundreds of MB to decode as RGB."""
    out = io.BytesIO()
    Image.new("1", size, 0).save(out, format="PNG", optimize=True)
    return out.getvalue()
