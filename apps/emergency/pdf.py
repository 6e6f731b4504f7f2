"""The printable one-page roster of the emergency response team (PDF), in the reader's language."""

from django.utils import translation

from apps.core.pdf import pdf_response, render_pdf

from . import selectors


def team_roster_pdf(request=None, *, language=None) -> bytes:
    context = {"members": selectors.team_list(), "language": language or translation.get_language()}
    return render_pdf("emergency/team_roster_pdf.html", context, request=request, language=language)


def team_roster_pdf_response(request):
    return pdf_response(team_roster_pdf(request), "response-team.pdf")
