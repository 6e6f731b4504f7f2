"""The one rule for bilingual data: show the reader's language, fall back to English.

Organisation names (sites, floors, areas, departments, posts), course and checklist texts and the
company's own particulars are stored in English and Chinese. Every page, PDF and export picks the
version through :func:`pick_language` (models expose it as ``display_name`` and friends; templates
use ``{{ obj }}`` or the ``in_reader_language`` filter), so a Chinese page never prints the English
name of something that has a Chinese one.
"""

from collections.abc import Callable

from django.utils import translation
from django.utils.translation import get_language


def reader_is_chinese() -> bool:
    return (get_language() or "en").lower().startswith("zh")


def pick_language(en, zh):
    """``zh`` when the active language is Chinese and ``zh`` is filled in, else ``en``."""
    return zh if (zh and reader_is_chinese()) else en


def in_each_language(render: Callable[[], object]) -> tuple[str, str]:
    """``render()`` evaluated in English and in Simplified Chinese, e.g. a hazard title raised by another
    module ("Failed: …" / "不合格：…") that each reader then sees in their own language."""
    with translation.override("en"):
        english = str(render())
    with translation.override("zh-hans"):
        chinese = str(render())
    return english, chinese
