"""The one-page compliance summary by clause (PDF), in the reader's language."""

from django.utils import timezone, translation

from apps.core.pdf import pdf_response, render_pdf

from . import selectors
from .evidence import STATUS_LABELS


def summary_pdf(request=None, *, language=None) -> bytes:
    context = {
        **selectors.compliance_summary(),
        "edition": selectors.current_edition(),
        "today": timezone.localdate(),
        "status_labels": STATUS_LABELS,
        "language": language or translation.get_language(),
    }
    return render_pdf("regulation/summary_pdf.html", context, request=request, language=language)


def summary_pdf_response(request):
    return pdf_response(summary_pdf(request), f"compliance-summary-{timezone.localdate():%Y-%m-%d}.pdf")
