"""The rectification notice (整改通知书), rendered in the requesting user's language.

Shaped as such notices are in Chinese practice: number, issuing department (safety management),
recipient (responsible) department, the hazard, the measures and the deadline, then signature and date
lines for the issuer, the recipient and the acceptance (验收), with room for the company seal.
"""

from django.utils import timezone

from apps.core.pdf import pdf_response, render_pdf
from apps.core.selectors import attachments_for


def notice_pdf(hazard, request=None, *, language=None) -> bytes:
    issuer = hazard.assessed_by
    context = {
        "hazard": hazard,
        "issuer": issuer,
        "issuing_department": issuer.department if issuer is not None and issuer.department_id else None,
        "photos": [a for a in attachments_for(hazard) if a.is_image and a.thumbnail],
        "today": timezone.localdate(),
    }
    return render_pdf("hazards/pdf/rectification_notice.html", context, request=request, language=language)


def notice_pdf_response(hazard, request):
    return pdf_response(notice_pdf(hazard, request), filename=f"{hazard.number}.pdf")
