"""No app imports a higher one (docs/architecture.md, "Layers: which app may import which").

The import graph of ``apps/`` is read from the source with ``ast`` — every ``import`` and ``from … import``,
at the top of a module and inside functions alike, migrations included — and checked against the declared
layers: an app may import the apps of the layers below its own, never one of its own layer nor one above.
Between apps only the public surface is used: never another app's views, forms or urls, nor a name with a
leading underscore.

A known violation that another change is removing is listed in ``ALLOWED`` with the reason; the test
fails when an allowed edge disappears too, so the list only shrinks.
"""

import ast
import pathlib
from collections import defaultdict

from django.conf import settings

APPS_DIR = pathlib.Path(settings.BASE_DIR) / "apps"

# Lowest first. Apps of one layer are peers: neither imports the other.
LAYERS = [
    {"core"},  # the kit: models' base, errors, permissions, timeline, workflow engine, registries
    {"organization", "regulation"},  # people and places; the regulation's clauses everything points at
    {"notifications"},  # inbox and e-mail, for everyone above
    {"archive"},  # the yearly archive: a registry of sections the modules fill in
    {"documents", "hazards", "training", "responsibilities"},  # modules others build on (or none do)
    {"inspections", "emergency"},  # raise hazards; emergency's plans are controlled documents
    {"incidents"},  # raise hazards; an incident names the contingency plan it activated (emergency)
    {"rewards"},  # rewards, penalties and the scorecard rest on records of every module
    {"dashboards", "demo"},  # read (dashboards) or write (demo) through everyone; imported by none
]
LAYER_OF = {app: n for n, layer in enumerate(LAYERS) for app in layer}

# (importing app, imported app): why it is still there.
ALLOWED: dict[tuple[str, str], str] = {}

# Modules of another app that are not its public surface.
PRIVATE_MODULES = {"views", "forms", "urls"}
# (importing app, module imported): why it is allowed.
ALLOWED_PRIVATE = {
    # A registry documented in docs/architecture.md: emergency shows a plan's steps on a document version.
    ("emergency", "apps.documents.views"): "register_body_renderer, the documents page's registry",
}


def _imports():
    """(importing app, imported module, names, where) for every import of ``apps.<other>``."""
    found = []
    for path in sorted(APPS_DIR.rglob("*.py")):
        relative = path.relative_to(APPS_DIR.parent)
        if len(relative.parts) < 3:
            continue  # apps/__init__.py
        app = relative.parts[1]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
                names = [alias.name for alias in node.names]
                if node.module == "apps":  # from apps import hazards
                    modules = [f"apps.{name}" for name in names]
            elif isinstance(node, ast.Import):
                modules, names = [alias.name for alias in node.names], []
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "apps" and len(parts) > 1 and parts[1] != app:
                    found.append((app, module, names, f"{relative}:{node.lineno}"))
    return found


IMPORTS = _imports()


def test_every_app_has_a_layer():
    apps = {p.name for p in APPS_DIR.iterdir() if (p / "apps.py").exists()}
    assert apps - set(LAYER_OF) == set(), "add the new app to LAYERS (and to docs/architecture.md)"


def test_the_graph_is_read_including_imports_inside_functions():
    # inspections raises a hazard from inside its services' functions (hazards.services.hazard_raise).
    inside = [w for app, module, _n, w in IMPORTS if app == "inspections" and module == "apps.hazards.services"]
    assert inside


def test_no_app_imports_its_own_layer_or_a_higher_one():
    edges = defaultdict(list)
    for app, module, _names, where in IMPORTS:
        imported = module.split(".")[1]
        if imported not in LAYER_OF or app not in LAYER_OF:
            continue  # reported by test_every_app_has_a_layer
        if LAYER_OF[imported] >= LAYER_OF[app]:
            edges[(app, imported)].append(where)
    unexpected = {edge: where for edge, where in edges.items() if edge not in ALLOWED}
    assert unexpected == {}, "an import against the layers (docs/architecture.md)"
    gone = set(ALLOWED) - set(edges)
    assert gone == set(), f"no longer imported: remove {gone} from ALLOWED"


def test_between_apps_only_the_public_surface_is_imported():
    wrong = defaultdict(list)
    for app, module, names, where in IMPORTS:
        parts = module.split(".")
        if parts[1] == "core" or LAYER_OF.get(app) == LAYER_OF["demo"]:
            continue  # core is the kit; the demo seeds through whatever it needs
        submodules = [parts[2]] if len(parts) > 2 else names
        private = any(m in PRIVATE_MODULES for m in submodules) or any(n.startswith("_") for n in names)
        if private:
            wrong[(app, module)].append(where)
    unexpected = {key: where for key, where in wrong.items() if key not in ALLOWED_PRIVATE}
    assert unexpected == {}
    gone = set(ALLOWED_PRIVATE) - set(wrong)
    assert gone == set(), f"no longer imported: remove {gone} from ALLOWED_PRIVATE"


def test_core_imports_no_app():
    assert [where for app, _module, _names, where in IMPORTS if app == "core"] == []
