"""Plans, inspections and appliance requests moved onto the workflow engine: their timeline rows now store
the move's name (``approve``), shown as its label in the reader's language, instead of an English phrase
(``approved``). Rows written before are renamed, and back again when migrating backwards. An appliance
decision (``decided``) becomes ``approve`` or ``reject`` by the state it led to."""

from django.db import migrations

from apps.core.timeline_migrations import rename_timeline_actions

# (model, phrase stored before, move name[, only the rows that led to this state])
RENAMES = [
    ("inspectionplan", "created", "create"),
    ("inspectionplan", "approved", "approve"),
    ("inspection", "scheduled", "schedule"),
    ("inspection", "started", "start"),
    ("inspection", "finished", "finish"),
    ("appliancerequest", "requested", "request"),
    ("appliancerequest", "decided", "approve", "approved"),
    ("appliancerequest", "decided", "reject", "rejected"),
]


def to_move_names(apps, schema_editor):
    rename_timeline_actions(apps, "inspections", RENAMES, forwards=True)


def to_phrases(apps, schema_editor):
    rename_timeline_actions(apps, "inspections", RENAMES, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0007_bound_years_and_intervals"),
        ("core", "0003_timeline_comment_message"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_move_names, to_phrases)]
