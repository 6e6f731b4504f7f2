"""Record who rectified a hazard (separation of duties: they may not sign it off or verify it).

Hazards rectified before this field existed get the actor of their last ``rectify`` timeline row."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_rectified_by(apps, schema_editor):
    Hazard = apps.get_model("hazards", "Hazard")
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.filter(app_label="hazards", model="hazard").first()
    if ct is None:
        return
    rows = TimelineEntry.objects.filter(content_type=ct, action="rectify", actor__isnull=False)
    last = {}
    for object_id, actor_id in rows.order_by("created_at", "id").values_list("object_id", "actor_id"):
        last[object_id] = actor_id
    for hazard in Hazard.objects.filter(rectified_at__isnull=False, pk__in=list(last)).only("pk"):
        Hazard.objects.filter(pk=hazard.pk).update(rectified_by_id=last[hazard.pk])


class Migration(migrations.Migration):
    dependencies = [
        ("hazards", "0001_initial"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="hazard",
            name="rectified_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="rectified by",
            ),
        ),
        # Backwards, the column goes away with the field: nothing to undo.
        migrations.RunPython(fill_rectified_by, migrations.RunPython.noop),
    ]
