"""Panels that higher apps add to the person page (training status, responsibility statements...).

The organisation app must not import training, so training registers a panel in its
``AppConfig.ready()``::

    from apps.organization.panels import register_person_panel
    register_person_panel(
        key="training",
        template="training/inc/person_panel.html",
        context=lambda *, request, person: {"status": clearance_for(person)},
        order=10,
    )

``context`` returns the template context, or ``None`` to hide the panel (e.g. the viewer may not see
it). The panels render in ``{% block person_panels %}`` of ``organization/person_detail.html``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonPanel:
    key: str
    template: str
    context: Callable | None = None
    order: int = 100


_panels: dict[str, PersonPanel] = {}


def register_person_panel(*, key: str, template: str, context: Callable | None = None, order: int = 100):
    _panels[key] = PersonPanel(key=key, template=template, context=context, order=order)


def unregister_person_panel(key: str) -> None:
    _panels.pop(key, None)


def person_panels(*, request, person) -> list[tuple[str, dict]]:
    """(template, context) for each panel to show on ``person``'s page, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request=request, person=person) if panel.context else {}
        if context is not None:
            shown.append((panel.template, {"person": person, **context}))
    return shown
