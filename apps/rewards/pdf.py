"""The honour certificate (荣誉证书) of an approved reward, and the one-page scorecard of a department,
rendered through ``apps.core.pdf`` in the reader's language. The recipient's name is printed as kept
(Chinese names in Chinese); the letterhead of ``pdf/base.html`` carries the company's name."""

from apps.core.pdf import pdf_response, render_pdf
from apps.organization.selectors import company_profile


def certificate_pdf(decision, request=None, *, language=None) -> bytes:
    context = {"decision": decision, "profile": company_profile(request)}
    return render_pdf("rewards/certificate_pdf.html", context, request=request, language=language)


def certificate_pdf_response(decision, request):
    return pdf_response(certificate_pdf(decision, request), f"certificate-{decision.number}.pdf", inline=False)


def scorecard_pdf(card, request=None, *, language=None) -> bytes:
    return render_pdf("rewards/scorecard_pdf.html", {"card": card}, request=request, language=language)


def scorecard_pdf_response(card, request):
    name = f"scorecard-{card.department.code or card.department.pk}-{card.period.slug}.pdf"
    return pdf_response(scorecard_pdf(card, request), name, inline=False)
