"""Drills moved onto the workflow engine (apps/core/workflow.py): their timeline rows store the move's
name (``cancel``), shown as its label in the reader's language, instead of an English phrase
(``cancelled``). A hazard raised from a drill problem points at it through ``Hazard.source``; the
copied ``hazard_number`` and ``hazard_url`` strings go (their hazards get the source they may lack)."""

from django.db import migrations

RENAMES = [("planned", "plan"), ("recorded", "record"), ("cancelled", "cancel")]


def _rename(apps, *, forwards):
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.filter(app_label="emergency", model="drill").first()
    if ct is None:
        return
    for phrase, move in RENAMES:
        old, new = (phrase, move) if forwards else (move, phrase)
        TimelineEntry.objects.filter(content_type=ct, action=old).update(action=new)


def forwards(apps, schema_editor):
    _rename(apps, forwards=True)
    DrillProblem = apps.get_model("emergency", "DrillProblem")
    Hazard = apps.get_model("hazards", "Hazard")
    ContentType = apps.get_model("contenttypes", "ContentType")
    problems = DrillProblem.objects.exclude(hazard_number="")
    if problems.exists():
        ct, _created = ContentType.objects.get_or_create(app_label="emergency", model="drillproblem")
        for problem in problems:
            Hazard.objects.filter(number=problem.hazard_number, source_type__isnull=True).update(
                source_type=ct, source_id=problem.pk
            )


def backwards(apps, schema_editor):
    _rename(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("emergency", "0006_bound_intervals"),
        ("core", "0003_timeline_comment_message"),
        ("hazards", "0005_notification_message_ids"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="drillproblem", name="hazard_number"),
        migrations.RemoveField(model_name="drillproblem", name="hazard_url"),
    ]
