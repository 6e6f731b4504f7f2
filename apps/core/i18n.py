"""Text kept in both of the product's languages."""

from collections.abc import Callable

from django.utils import translation


def in_each_language(render: Callable[[], object]) -> tuple[str, str]:
    """``render()`` evaluated in English and in Simplified Chinese, e.g. a hazard title raised by another
    module ("Failed: …" / "不合格：…") that each reader then sees in their own language."""
    with translation.override("en"):
        english = str(render())
    with translation.override("zh-hans"):
        chinese = str(render())
    return english, chinese
