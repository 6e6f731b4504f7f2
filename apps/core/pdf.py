"""PDF rendering with WeasyPrint, shared by every module's pdf.py.

Templates extend ``pdf/base.html``: a font stack with a CJK font (WenQuanYi Micro Hei or Noto CJK from
Debian's packages) so Chinese renders as text, not boxes; the company letterhead (name in the reader's
language, logo, address) at the top; and on every page a footer with the generation time and
"Page 1 of 3" / "第 1 页，共 3 页". Rendering happens in the active language — the reader's, which
``UserLanguageMiddleware`` activates for a request — or in ``language`` when given (a PDF made for
someone else, e.g. attached to their e-mail).
"""

import contextlib
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_PAGE_TOKEN = re.compile(r"%\((page|pages)\)s")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = (
        str(text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("<", "\\3c ")
        .replace(">", "\\3e ")
        .replace("\n", "\\a ")
    )
    return f'"{escaped}"'


def page_counter_css() -> str:
    """The translated "Page %(page)s of %(pages)s" as a CSS ``content`` value with page counters."""
    label = _("Page %(page)s of %(pages)s")
    parts, pos = [], 0
    for match in _PAGE_TOKEN.finditer(label):
        if match.start() > pos:
            parts.append(css_string(label[pos : match.start()]))
        parts.append(f"counter({match.group(1)})")
        pos = match.end()
    if pos < len(label):
        parts.append(css_string(label[pos:]))
    return " ".join(parts)


def document_context() -> dict:
    """What ``pdf/base.html`` needs besides the document itself: footer texts and the generation time."""
    now = timezone.localtime()
    generated = _("Generated %(time)s") % {"time": date_format(now, "DATETIME_FORMAT")}
    return {
        "generated_at": now,
        "pdf_footer_generated": mark_safe(css_string(generated)),
        "pdf_footer_pages": mark_safe(page_counter_css()),
    }


def render_html(template_name: str, context: dict, request=None, *, language: str | None = None) -> str:
    override = translation.override(language) if language else contextlib.nullcontext()
    with override:
        return render_to_string(template_name, {**document_context(), **context}, request=request)


def render_pdf(template_name: str, context: dict, request=None, *, language: str | None = None) -> bytes:
    from weasyprint import HTML

    html = render_html(template_name, context, request=request, language=language)
    base_url = str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(pdf: bytes, filename: str, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
