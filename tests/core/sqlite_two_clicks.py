"""Seed and read back the SQLite database of test_sqlite_concurrency.py (run in a child process).

    python -m tests.core.sqlite_two_clicks seed N     # N reporters, a head, a rectified hazard; prints JSON
    python -m tests.core.sqlite_two_clicks report     # what the concurrent requests left behind, as JSON

DJANGO_SETTINGS_MODULE and DATABASE_URL (a migrated SQLite file) come from the environment.
"""

import json
import sys

import django


def seed(reporters: int) -> dict:
    from django.test import Client
    from django.utils import timezone

    from apps.core.services import timeline_record
    from apps.hazards.models import Hazard
    from tests.organization.factories import DepartmentFactory, UserFactory

    department = DepartmentFactory(code="cs-1", name="Customer Service 1")
    head = UserFactory(username="head", department=department)
    department.head = head
    department.save()
    UserFactory(username="officer", role="officer")
    fixer = UserFactory(username="fixer", department=department)
    people = [UserFactory(username=f"reporter{i}", department=department) for i in range(reporters)]
    hazard = Hazard.objects.create(
        number="YH-2000-0001",
        title="Boxes in front of the fire exit",
        reporter=people[0],
        department=department,
        grade=Hazard.Grade.GENERAL,
        responsible_person=fixer,
        measures="Move the boxes to the store room",
        rectification_note="Boxes moved",
        rectified_at=timezone.now(),
        status=Hazard.Status.RECTIFIED,
    )
    timeline_record(
        subject=hazard, actor=fixer, action="rectify", from_state=Hazard.Status.RECTIFYING, to_state=hazard.status
    )

    def session(user):
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return {
        "hazard": hazard.pk,
        "head_sessions": [session(head) for _ in range(4)],  # the head clicking in several tabs at once
        "reporter_sessions": [session(p) for p in people],
    }


def report() -> dict:
    from django.contrib.contenttypes.models import ContentType

    from apps.core.models import TimelineEntry
    from apps.hazards.models import Hazard

    hazard = Hazard.objects.get(number="YH-2000-0001")
    timeline = TimelineEntry.objects.filter(content_type=ContentType.objects.get_for_model(Hazard), object_id=hazard.pk)
    return {
        "status": hazard.status,
        "sign_offs": timeline.filter(action="sign_off").count(),
        "reported": sorted(Hazard.objects.exclude(pk=hazard.pk).values_list("number", flat=True)),
    }


if __name__ == "__main__":
    django.setup()
    command = sys.argv[1]
    print(json.dumps(seed(int(sys.argv[2])) if command == "seed" else report()))
