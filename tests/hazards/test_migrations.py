"""The data migrations of the move to the workflow engine run forwards and backwards."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.organization.factories import UserFactory

BEFORE = [("hazards", "0001_initial"), ("core", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("hazards", "core")]


@pytest.mark.django_db(transaction=True)
def test_rectifier_is_back_filled_from_the_timeline_and_numbers_move_to_core_and_back():
    employee, head = UserFactory(), UserFactory()
    try:
        old = _migrate(BEFORE)
        Hazard = old.get_model("hazards", "Hazard")
        old.get_model("hazards", "HazardSequence").objects.create(year=2026, last=17)
        hazard = Hazard.objects.create(
            number="YH-2026-0017", title="Leak", reporter_id=employee.pk, status="rectified",
            rectified_at=timezone.now(),
        )  # fmt: skip
        ct = ContentType.objects.get(app_label="hazards", model="hazard")
        OldTimelineEntry = old.get_model("core", "TimelineEntry")  # the table as it was then
        for actor in (head, employee):  # rectified twice (returned in between): the last one counts
            OldTimelineEntry.objects.create(
                content_type_id=ct.pk, object_id=hazard.pk, actor_id=actor.pk, action="rectify"
            )

        new = _migrate(_latest())
        assert new.get_model("hazards", "Hazard").objects.get(pk=hazard.pk).rectified_by_id == employee.pk
        sequence = new.get_model("core", "NumberSequence").objects.get(prefix="YH", year=2026)
        assert sequence.last == 17

        old = _migrate(BEFORE)
        assert old.get_model("hazards", "HazardSequence").objects.get(year=2026).last == 17
    finally:
        _migrate(_latest())
