"""QR codes as inline SVG (segno, pure Python: no CDN, no image files)."""

import io

import segno


def qr_svg(data: str, scale: int = 8) -> str:
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode("utf-8")
