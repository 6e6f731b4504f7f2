"""Plans, inspections and appliance requests moved onto the workflow engine: their timeline rows now store
the move's name (``approve``), shown as its label in the reader's language, instead of an English phrase
(``approved``). Rows written before are renamed, and back again when migrating backwards. An appliance
decision (``decided``) becomes ``approve`` or ``reject`` by the state it led to."""

from django.db import migrations

# (model, phrase stored before, move name, only rows that led to this state or "")
RENAMES = [
    ("inspectionplan", "created", "create", ""),
    ("inspectionplan", "approved", "approve", ""),
    ("inspection", "scheduled", "schedule", ""),
    ("inspection", "started", "start", ""),
    ("inspection", "finished", "finish", ""),
    ("appliancerequest", "requested", "request", ""),
    ("appliancerequest", "decided", "approve", "approved"),
    ("appliancerequest", "decided", "reject", "rejected"),
]


def _rename(apps, *, forwards):
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, phrase, move, to_state in RENAMES:
        ct = ContentType.objects.filter(app_label="inspections", model=model).first()
        if ct is None:
            continue
        old, new = (phrase, move) if forwards else (move, phrase)
        rows = TimelineEntry.objects.filter(content_type=ct, action=old)
        if to_state:
            rows = rows.filter(to_state=to_state)
        rows.update(action=new)


def to_move_names(apps, schema_editor):
    _rename(apps, forwards=True)


def to_phrases(apps, schema_editor):
    _rename(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0007_bound_years_and_intervals"),
        ("core", "0003_timeline_comment_message"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_move_names, to_phrases)]
