"""Assignments and exam attempts moved onto the workflow engine: their timeline rows now store the
move's name (``cancel``), shown as its label in the reader's language, instead of an English phrase
(``cancelled``). Rows written before are renamed, and back again when migrating backwards."""

from django.db import migrations

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


def _rename(apps, *, forwards):
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, phrase, move in RENAMES:
        ct = ContentType.objects.filter(app_label="training", model=model).first()
        if ct is None:
            continue
        old, new = (phrase, move) if forwards else (move, phrase)
        TimelineEntry.objects.filter(content_type=ct, action=old).update(action=new)


def to_move_names(apps, schema_editor):
    _rename(apps, forwards=True)


def to_phrases(apps, schema_editor):
    _rename(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0006_bound_years_and_intervals"),
        ("core", "0002_number_sequence"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_move_names, to_phrases)]
