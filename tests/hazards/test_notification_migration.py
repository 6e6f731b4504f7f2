"""Hazard messages stored as English text before message ids existed are recovered by the data migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from apps.notifications.models import Notification
from apps.notifications.relevance import mark_obsolete
from tests.hazards.factories import HazardFactory
from tests.organization.factories import UserFactory

BEFORE = [("hazards", "0004_site_and_bilingual_title"), ("notifications", "0002_message_ids_and_subject")]
AFTER = [("hazards", "0005_notification_message_ids")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("hazards", "notifications")]


@pytest.mark.django_db(transaction=True)
def test_old_hazard_messages_read_in_chinese_and_know_their_hazard_after_the_migration():
    head = UserFactory()
    hazard = HazardFactory(number="YH-2026-0042", status="signed_off")
    try:
        _migrate(BEFORE)
        Notification.objects.create(
            recipient=head,
            key=f"hazard:{hazard.pk}:rectified:20261125093000",
            subject="YH-2026-0042 Rectified: please sign it off",
            body="Boxes removed",
        )
        Notification.objects.create(
            recipient=head,
            key=f"hazard:{hazard.pk}:overdue:2026-11-20",
            subject="YH-2026-0042 Rectification overdue",
            body="Blocked exit: the deadline was 2026-11-20.",
        )
        Notification.objects.create(recipient=head, key="drill:1:reminder", subject="Drill on Friday")

        _migrate(AFTER)
        sign_off, overdue, drill = Notification.objects.filter(recipient=head).order_by("id")
        with translation.override("zh-hans"):
            assert sign_off.display_subject == "YH-2026-0042 已整改：请签字确认"
            assert sign_off.display_body == "Boxes removed"
            assert overdue.display_body == "Blocked exit：整改期限为 2026年11月20日。"
            assert drill.display_subject == "Drill on Friday"  # not a hazard's: the stored text
        assert (sign_off.about_id, sign_off.about_topic) == (hazard.pk, "sign_off")
        assert mark_obsolete([sign_off])[0].is_obsolete  # the hazard was signed off meanwhile

        _migrate(BEFORE)
        sign_off.refresh_from_db()
        assert sign_off.message == {} and sign_off.about_id is None
    finally:
        _migrate(_latest())
