"""Home-page panels, one module per domain (``panels/<app>.py``), each reading its app's selectors.

A panel is a function ``(request) -> dict | None`` returning the context for its template, or None
when it has nothing for this user. A context with ``lead`` true puts its panel first, full width: what
the person must do before anything else (a new hire's induction). Domain apps never import
dashboards; dashboards read them. Each module calls :func:`register` at import; this package imports them all below.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    build: object
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def panels_for(request):
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.build(request)
        if context is not None:
            rendered.append((panel, context))
    return sorted(rendered, key=lambda pair: not pair[1].get("lead"))


def _load():
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_load()
