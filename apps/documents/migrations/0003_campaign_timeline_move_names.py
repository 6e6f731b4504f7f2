"""Acknowledgement campaigns open and close through the workflow engine (documents/workflow.py,
CAMPAIGN_FLOW): their timeline rows store the move's name (``close``), shown as its label in the
reader's language, instead of the English phrase (``Campaign closed``)."""

from django.db import migrations

RENAMES = [("Campaign started", "start"), ("Campaign closed", "close")]


def _rename(apps, *, forwards):
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.filter(app_label="documents", model="campaign").first()
    if ct is None:
        return
    for phrase, move in RENAMES:
        old, new = (phrase, move) if forwards else (move, phrase)
        TimelineEntry.objects.filter(content_type=ct, action=old).update(action=new)


def to_move_names(apps, schema_editor):
    _rename(apps, forwards=True)


def to_phrases(apps, schema_editor):
    _rename(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_regulation_document"),
        ("core", "0003_timeline_comment_message"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_move_names, to_phrases)]
