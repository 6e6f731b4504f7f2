"""The training certificate (培训合格证书), rendered in the reader's language.

It carries what a certificate needs to be accepted on paper: the issuing company (the letterhead of
``pdf/base.html``), an authorised signature line and room for the company seal, the verification code,
and the public verification URL as a QR code so anyone can check it with a phone.
"""

import segno
from django.conf import settings
from django.urls import reverse

from apps.core.pdf import pdf_response, render_pdf


def verify_url(record, request=None) -> str:
    path = reverse("training:verify", args=[record.code])
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL.rstrip("/") + path


def qr_png_data_uri(data: str) -> str:
    """``data`` as a QR code PNG in a data URI (embedded in the PDF; nothing fetched)."""
    return segno.make(data, error="m").png_data_uri(scale=8, border=2)


def certificate_pdf(record, request=None, *, language=None) -> bytes:
    url = verify_url(record, request)
    trainer = record.session.trainer if record.session_id and record.session.trainer_id else None
    context = {"record": record, "verify_url": url, "qr": qr_png_data_uri(url), "trainer": trainer}
    return render_pdf("training/certificate_pdf.html", context, request=request, language=language)


def certificate_pdf_response(record, request):
    return pdf_response(certificate_pdf(record, request), f"certificate-{record.code}.pdf", inline=False)
