"""Every state change goes through the workflow engine (issue 11): no app checks a record's status and
raises by hand. A refusal because of a record's state comes from ``apps/core/workflow.py`` — a move
(``FLOW.apply``: lock → check the state → …) or a change that keeps the state (``FLOW.edit`` or
``FLOW.lock(obj, states=..., refused=...)``) — so the state is always checked under the row lock and
the message names the record and its state the same way everywhere.

The check reads the source of ``apps/`` (not a regular expression over lines: an ``if`` may span
several) and reports every ``if`` whose condition compares a ``status`` and whose body raises.
"""

import ast
from pathlib import Path

APPS = Path(__file__).resolve().parents[2] / "apps"
ENGINE = APPS / "core" / "workflow.py"

# Apps another change is moving onto the engine right now; remove an app from here in the change that
# moves it (issue 11). Nothing else may be added: a new state check belongs in the app's workflow.py.
BEING_MIGRATED: set[str] = set()


def _is_status(node) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name == "status" or name.endswith("_status")


def _compares_a_status(test) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if any(_is_status(part) for part in ast.walk(side)):
                    return True
    return False


def _raises(body) -> bool:
    return any(isinstance(node, ast.Raise) for statement in body for node in ast.walk(statement))


def state_checks_by_hand(root: Path = APPS) -> list[str]:
    """``path:line`` of every ``if <status comparison>: … raise`` outside the engine."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == ENGINE or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _compares_a_status(node.test) and _raises(node.body):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_no_app_checks_a_status_and_raises_outside_the_workflow_engine():
    offenders = [
        where for where in state_checks_by_hand() if Path(where).parts[1] not in BEING_MIGRATED
    ]  # apps/<app>/...
    assert offenders == [], (
        f"check the state through the app's workflow (FLOW.apply, FLOW.edit or FLOW.lock), not by hand: {offenders}"
    )


def test_the_check_finds_a_status_test_that_raises(tmp_path):
    app = tmp_path / "apps" / "demo"
    app.mkdir(parents=True)
    (app / "services.py").write_text(
        "def cancel(drill):\n"
        "    if drill.status != 'planned':\n"
        "        raise Conflict('Only a planned drill can be cancelled.')\n"
        "    if (\n"
        "        drill.kind == 'fire'\n"
        "        and drill.status in ('done', 'cancelled')\n"
        "    ):\n"
        "        raise Conflict('x')\n"
        "    if drill.status == 'done':\n"
        "        return None\n"
    )
    assert state_checks_by_hand(tmp_path / "apps") == ["apps/demo/services.py:2", "apps/demo/services.py:4"]
