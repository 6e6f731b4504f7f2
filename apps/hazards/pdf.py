"""The rectification notice (整改通知书), rendered in the requesting user's language."""

from django.utils import timezone

from apps.core.pdf import pdf_response, render_pdf
from apps.core.selectors import attachments_for


def notice_pdf(hazard, request=None) -> bytes:
    context = {
        "hazard": hazard,
        "photos": [a for a in attachments_for(hazard) if a.is_image and a.thumbnail],
        "today": timezone.localdate(),
    }
    return render_pdf("hazards/pdf/rectification_notice.html", context, request=request)


def notice_pdf_response(hazard, request):
    return pdf_response(notice_pdf(hazard, request), filename=f"{hazard.number}.pdf")
