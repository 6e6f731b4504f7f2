"""Incidents moved onto the workflow engine (apps/core/workflow.py):

- incident numbers come from core's shared sequence (``record_number_next(prefix="INC")``): the last
  number of each year is carried over, so no number is handed out twice;
- timeline rows store the move's name (``investigate``), shown as its label in the reader's language,
  instead of an English phrase (``Start investigation``); an action's moves are recorded on the action
  itself (``complete``), no longer on the incident as ``action complete``;
- a hazard raised from an action points at it through ``Hazard.source``; the copied ``hazard_number``
  and ``hazard_url`` strings go (their hazards get the source they may lack).
"""

from django.db import migrations

PREFIX = "INC"

# Phrases stored on the incident before, and the move names now.
INCIDENT_RENAMES = [
    ("reported", "report"),
    ("Start investigation", "investigate"),
    ("Start actions", "start_actions"),
    ("Close incident", "close"),
    ("Reopen", "reopen"),
]
# "action <move>" rows of the incident: the move, and the phrase kept when the action cannot be found.
ACTION_MOVES = {
    "action complete": ("complete", "Action done"),
    "action confirm_effective": ("confirm_effective", "Action effective: closed"),
    "action not_effective": ("not_effective", "Action not effective: reopened"),
    "action raise_hazard": ("raise_hazard", "Raised as a hazard"),
}


def forwards(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    CorrectiveAction = apps.get_model("incidents", "CorrectiveAction")
    NumberSequence = apps.get_model("core", "NumberSequence")
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Hazard = apps.get_model("hazards", "Hazard")

    last = {}
    for number in Incident.objects.filter(number__startswith=f"{PREFIX}-").values_list("number", flat=True):
        parts = number.split("-")
        if len(parts) == 3 and parts[1].isascii() and parts[1].isdigit() and parts[2].isascii() and parts[2].isdigit():
            year, seq = int(parts[1]), int(parts[2])
            last[year] = max(last.get(year, 0), seq)
    for year, seq in last.items():
        row, _created = NumberSequence.objects.get_or_create(prefix=PREFIX, year=year)
        if seq > row.last:
            row.last = seq
            row.save(update_fields=["last"])

    incident_ct = ContentType.objects.filter(app_label="incidents", model="incident").first()
    action_ct = ContentType.objects.filter(app_label="incidents", model="correctiveaction").first()
    if incident_ct is not None:
        rows = TimelineEntry.objects.filter(content_type=incident_ct)
        for old, new in INCIDENT_RENAMES:
            rows.filter(action=old).update(action=new)
        if action_ct is None:
            action_ct = ContentType.objects.create(app_label="incidents", model="correctiveaction")
        for entry in rows.filter(action__in=list(ACTION_MOVES)):
            move, phrase = ACTION_MOVES[entry.action]
            matches = [
                a.pk
                for a in CorrectiveAction.objects.filter(incident_id=entry.object_id)
                if a.description[:60] and entry.comment.startswith(a.description[:60])
            ]
            if len(matches) == 1:
                entry.content_type, entry.object_id, entry.action = action_ct, matches[0], move
            else:
                entry.action = phrase
            entry.save(update_fields=["content_type", "object_id", "action"])

    if action_ct is not None:
        for action in CorrectiveAction.objects.exclude(hazard_number=""):
            Hazard.objects.filter(number=action.hazard_number, source_type__isnull=True).update(
                source_type=action_ct, source_id=action.pk
            )


def backwards(apps, schema_editor):
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    incident_ct = ContentType.objects.filter(app_label="incidents", model="incident").first()
    if incident_ct is not None:
        rows = TimelineEntry.objects.filter(content_type=incident_ct)
        for old, new in INCIDENT_RENAMES:
            rows.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0004_bound_lost_work_days"),
        ("core", "0003_timeline_comment_message"),
        ("hazards", "0005_notification_message_ids"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="correctiveaction", name="hazard_number"),
        migrations.RemoveField(model_name="correctiveaction", name="hazard_url"),
        migrations.RemoveField(model_name="historicalcorrectiveaction", name="hazard_number"),
        migrations.RemoveField(model_name="historicalcorrectiveaction", name="hazard_url"),
    ]
