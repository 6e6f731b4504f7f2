"""Contingency plans move onto document control (R5.1.1, R2.2.1), step 1 of 3: the new columns (a plan's
controlled document; steps and drills pointing at document versions). 0004 copies the data, 0005 drops
the old plan versions. Three migrations, because PostgreSQL refuses to alter a table in the transaction
that has just written rows into it with deferred constraint checks."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("emergency", "0002_default_plans"),
    ]

    operations = [
        migrations.AddField(
            model_name="contingencyplan",
            name="document",
            field=models.OneToOneField(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="contingency_plan", to="documents.document", verbose_name="controlled document",
            ),
        ),
        migrations.AddField(
            model_name="historicalcontingencyplan",
            name="document",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="documents.document", verbose_name="controlled document",
            ),
        ),
        migrations.AlterField(
            model_name="planstep",
            name="version",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="steps",
                to="emergency.planversion", verbose_name="version",
            ),
        ),
        migrations.AddField(
            model_name="planstep",
            name="doc_version",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="documents.documentversion"
            ),
        ),
        migrations.AddField(
            model_name="drill",
            name="doc_version",
            field=models.ForeignKey(
                null=True, blank=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="documents.documentversion",
            ),
        ),
    ]  # fmt: skip
