"""The external report's 24-hour clock starts when the incident happened (R5.2.3), not when it was filed:
recompute the due time of every incident whose report is required. Reversing restores the old rule."""

import datetime

from django.conf import settings
from django.db import migrations

DEFAULT_HOURS = 24


def _recompute(apps, start_field):
    Incident = apps.get_model("incidents", "Incident")
    hours = datetime.timedelta(hours=int(getattr(settings, "ANQUAN_EXTERNAL_REPORT_HOURS", DEFAULT_HOURS)))
    for incident in Incident.objects.filter(external_required=True).only("pk", start_field).iterator():
        Incident.objects.filter(pk=incident.pk).update(external_due_at=getattr(incident, start_field) + hours)


def from_occurrence(apps, schema_editor):
    _recompute(apps, "occurred_at")


def from_filing(apps, schema_editor):
    _recompute(apps, "created_at")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_action_completed_by")]

    operations = [migrations.RunPython(from_occurrence, from_filing)]
