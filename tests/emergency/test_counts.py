"""Every annotated count of the emergency module, on a drill with several children of each kind."""

import pytest

from apps.emergency.models import DrillParticipant, DrillProblem
from apps.emergency.selectors import drill_list
from tests.emergency.factories import DrillFactory
from tests.organization.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_drill_counts_three_participants_two_attended_and_two_problems():
    drill = DrillFactory(people=UserFactory.create_batch(3))
    DrillParticipant.objects.filter(pk__in=drill.attendance.values("pk")[:2]).update(attended=True)
    DrillProblem.objects.create(drill=drill, description="Exit B locked")
    DrillProblem.objects.create(drill=drill, description="Alarm not heard on 3F")
    row = drill_list().get(pk=drill.pk)
    assert (row.participant_count, row.attended_count, row.problem_count) == (3, 2, 2)
