"""The inspection report (检查记录), rendered in the requesting user's language: the checklist with every
answer, the failed items with their photos and the hazards they raised, and the inspector's signature."""

from django.conf import settings

from apps.core.pdf import pdf_response, render_pdf

from . import selectors
from .models import InspectionResult


def report_pdf(inspection, request=None, *, language=None) -> bytes:
    sections = selectors.inspection_sections(inspection)
    failed = [r for s in sections for r in s["results"] if r.outcome == InspectionResult.Outcome.FAIL]
    context = {"inspection": inspection, "sections": sections, "failed": failed, "MEDIA_ROOT": settings.MEDIA_ROOT}
    return render_pdf("inspections/inspection_report.html", context, request=request, language=language)


def report_pdf_response(inspection, request):
    return pdf_response(report_pdf(inspection, request), f"inspection-{inspection.pk}.pdf")
