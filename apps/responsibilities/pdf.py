"""The meeting minutes in the company's format and the signed responsibility statement (PDF), rendered
through ``apps.core.pdf`` in the reader's language."""

from django.utils import timezone

from apps.core.pdf import pdf_response, render_pdf

from .selectors import meeting_page_data


def minutes_pdf(meeting, request=None, *, language=None) -> bytes:
    context = {"meeting": meeting, **meeting_page_data(meeting)}
    return render_pdf("responsibilities/pdf/minutes.html", context, request=request, language=language)


def minutes_pdf_response(meeting, request):
    filename = f"minutes-{timezone.localtime(meeting.starts_at):%Y%m%d}-{meeting.pk}.pdf"
    return pdf_response(minutes_pdf(meeting, request), filename=filename)


def statement_pdf(statement, request=None, *, language=None) -> bytes:
    """The statement with both signatures and their times."""
    context = {"statement": statement}
    return render_pdf("responsibilities/pdf/statement.html", context, request=request, language=language)


def statement_pdf_response(statement, request):
    return pdf_response(statement_pdf(statement, request), filename=f"statement-{statement.year}-{statement.pk}.pdf")
