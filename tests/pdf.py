"""Read a PDF back as text with pdftotext (poppler-utils), the way a reader's copy-and-paste sees it.

Without pdftotext a PDF test skips locally and fails under REQUIRE_SERVICES=1 (CI installs it with
scripts/system-deps.sh).
"""

import shutil
import subprocess

from tests.conftest import skip_or_fail


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The PDF's text; ``layout=True`` keeps the physical layout (a table row stays on one line)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    args = [exe, "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    result = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf).split("\f")[:-1]


def compact(text: str) -> str:
    """``text`` without any whitespace: CJK text wraps anywhere, so tests compare it unspaced."""
    return "".join(text.split())
