"""PDF rendering with WeasyPrint, shared by every module's pdf.py.

Templates extend ``pdf/base.html``, which sets a font stack with a CJK font (WenQuanYi Micro Hei or
Noto CJK from Debian's packages) so Chinese renders as text, not boxes. Rendering happens in the
requesting user's language (the caller activates it, as views do).
"""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    base_url = str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(pdf: bytes, filename: str, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
