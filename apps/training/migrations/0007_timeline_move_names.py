"""Assignments and exam attempts moved onto the workflow engine: their timeline rows now store the
move's name (``cancel``), shown as its label in the reader's language, instead of an English phrase
(``cancelled``). Rows written before are renamed, and back again when migrating backwards."""

from django.db import migrations

from apps.core.timeline_migrations import rename_timeline_actions

# (model, phrase stored before, move name)
RENAMES = [
    ("assignment", "assigned", "assign"),
    ("assignment", "cancelled", "cancel"),
    ("assignment", "replaced: no attempts left", "replace"),
    ("assignment", "completed", "complete"),
    ("examattempt", "started", "start"),
    ("examattempt", "submitted", "submit"),
    ("examattempt", "time ran out", "time_out"),
]


def to_move_names(apps, schema_editor):
    rename_timeline_actions(apps, "training", RENAMES, forwards=True)


def to_phrases(apps, schema_editor):
    rename_timeline_actions(apps, "training", RENAMES, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0006_bound_years_and_intervals"),
        ("core", "0002_number_sequence"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_move_names, to_phrases)]
