"""The data migration of training's move to the workflow engine runs forwards and backwards."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.core.models import TimelineEntry

BEFORE = [("training", "0003_attempt_answer_tokens")]
AFTER = [("training", "0007_timeline_move_names")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    return [key for key in MigrationExecutor(connection).loader.graph.leaf_nodes() if key[0] == "training"]


def _row(model, action, object_id=1):
    ct = ContentType.objects.get(app_label="training", model=model)
    return TimelineEntry.objects.create(content_type=ct, object_id=object_id, action=action)


@pytest.mark.django_db(transaction=True)
def test_assignment_and_attempt_history_is_renamed_to_move_names_and_back():
    try:
        _migrate(BEFORE)
        cancelled = _row("assignment", "cancelled")
        replaced = _row("assignment", "replaced: no attempts left")
        timed_out = _row("examattempt", "time ran out")
        record = _row("completion", "completed")  # a training record's row is not an assignment's move

        _migrate(AFTER)
        assert [TimelineEntry.objects.get(pk=e.pk).action for e in (cancelled, replaced, timed_out, record)] == [
            "cancel",
            "replace",
            "time_out",
            "completed",
        ]

        _migrate(BEFORE)
        assert [TimelineEntry.objects.get(pk=e.pk).action for e in (cancelled, replaced, timed_out, record)] == [
            "cancelled",
            "replaced: no attempts left",
            "time ran out",
            "completed",
        ]
    finally:
        _migrate(_latest())
