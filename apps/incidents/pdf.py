"""The incident report (PDF): the incident, its timeline and, for readers allowed to see them, the medical
details; rendered through ``apps.core.pdf`` in the reader's language."""

from apps.core.pdf import pdf_response, render_pdf

from . import selectors


def incident_pdf(incident, request=None, *, medical=False, language=None) -> bytes:
    context = {"incident": incident, "timeline": selectors.incident_timeline(incident), "medical": medical}
    return render_pdf("incidents/incident_pdf.html", context, request=request, language=language)


def incident_pdf_response(incident, request):
    medical = request.user.has_perm("incidents.view_medical_details", incident)
    return pdf_response(incident_pdf(incident, request, medical=medical), f"{incident.number}.pdf")
