"""Panels that one app adds to another app's record page, without the page's app importing it.

The hazard page shows the budget line that funds a major hazard's rectification (R2.1.2), but
``hazards`` must not import ``responsibilities``. So ``responsibilities`` registers a panel for the
model by its label in its ``AppConfig.ready()``::

    from apps.core.panels import register_record_panel
    register_record_panel(
        model="hazards.hazard", key="budget", template="responsibilities/inc/hazard_funds_panel.html",
        context=lambda *, request, obj: {...} or None,   # None hides the panel
    )

and the record's page asks ``record_panels(request=request, obj=hazard)`` for ``(template, context)``
pairs to include (``{% for template, ctx in record_panels %}{% include template with panel=ctx %}``).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordPanel:
    model: str  # "<app_label>.<model_name>"
    key: str
    template: str
    context: Callable
    order: int = 100


_panels: dict[tuple[str, str], RecordPanel] = {}


def register_record_panel(*, model: str, key: str, template: str, context: Callable, order: int = 100) -> None:
    _panels[(model.lower(), key)] = RecordPanel(model.lower(), key, template, context, order)


def record_panels(*, request, obj) -> list[tuple[str, dict]]:
    """(template, context) for each panel registered for ``obj``'s model that has something to show."""
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    shown = []
    for panel in sorted((p for p in _panels.values() if p.model == label), key=lambda p: (p.order, p.key)):
        context = panel.context(request=request, obj=obj)
        if context is not None:
            shown.append((panel.template, context))
    return shown
