"""Home-page panels. Each domain app registers its panels here from its AppConfig.ready().

A panel is a function ``(request) -> dict | None`` returning the context for its template, or None
when it has nothing to show this user. Dashboards read; nobody imports dashboards' views.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    build: object
    order: int = 100
    roles: frozenset = field(default_factory=frozenset)  # empty: every role


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def panels_for(request):
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.build(request)
        if context is not None:
            rendered.append((panel, context))
    return rendered
