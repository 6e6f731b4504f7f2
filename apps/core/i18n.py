"""The one rule for bilingual data: show the reader's language, fall back to English.

Organisation names (sites, floors, areas, departments, posts), course and checklist texts and the
company's own particulars are stored in English and Chinese. Every page, PDF and export picks the
version through :func:`pick_language` (models expose it as ``display_name`` and friends; templates
use ``{{ obj }}`` or the ``in_reader_language`` filter), so a Chinese page never prints the English
name of something that has a Chinese one.
"""

from django.utils.translation import get_language


def reader_is_chinese() -> bool:
    return (get_language() or "en").lower().startswith("zh")


def pick_language(en, zh):
    """``zh`` when the active language is Chinese and ``zh`` is filled in, else ``en``."""
    return zh if (zh and reader_is_chinese()) else en
