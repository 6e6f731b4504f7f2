"""Hazard numbers (YH-YYYY-NNNN) now come from core's shared per-(prefix, year) sequence; carry the
last number of each year over, and back again when migrating backwards."""

from django.db import migrations

PREFIX = "YH"


def to_core(apps, schema_editor):
    HazardSequence = apps.get_model("hazards", "HazardSequence")
    NumberSequence = apps.get_model("core", "NumberSequence")
    for seq in HazardSequence.objects.all():
        row, _created = NumberSequence.objects.get_or_create(prefix=PREFIX, year=seq.year)
        if seq.last > row.last:
            row.last = seq.last
            row.save(update_fields=["last"])


def to_hazards(apps, schema_editor):
    HazardSequence = apps.get_model("hazards", "HazardSequence")
    NumberSequence = apps.get_model("core", "NumberSequence")
    for row in NumberSequence.objects.filter(prefix=PREFIX):
        HazardSequence.objects.update_or_create(year=row.year, defaults={"last": row.last})


class Migration(migrations.Migration):
    dependencies = [
        ("hazards", "0002_hazard_rectified_by"),
        ("core", "0002_number_sequence"),
    ]

    operations = [
        migrations.RunPython(to_core, to_hazards),
        migrations.DeleteModel(name="HazardSequence"),
    ]
