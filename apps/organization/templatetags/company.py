"""``{% letterhead as company %}``: the company's particulars for a document header (``pdf/base.html``)."""

from dataclasses import dataclass
from pathlib import Path

from django import template

from apps.organization.selectors import company_logo, company_profile

register = template.Library()


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: str
    phone: str
    logo_uri: str  # a file:// URI WeasyPrint can read, or ""


def _logo_uri(attachment) -> str:
    if attachment is None:
        return ""
    try:
        path = Path(attachment.file.path)
    except (NotImplementedError, ValueError):  # a storage without local paths, or no file
        return ""
    return path.as_uri() if path.is_file() else ""


@register.simple_tag(takes_context=True)
def letterhead(context) -> Letterhead:
    """The company's name and address in the reader's language, its phone and logo."""
    profile = company_profile(context.get("request"))
    return Letterhead(
        name=profile.display_name,
        address=profile.display_address,
        phone=profile.phone,
        logo_uri=_logo_uri(company_logo(profile)),
    )
