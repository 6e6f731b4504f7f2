"""Contingency plans move onto document control, step 3 of 3: drop the old plan-version table and
point steps and drills at document versions under their old names (0004 copied the data)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("emergency", "0004_copy_plan_versions_to_documents")]

    operations = [
        migrations.RemoveField(model_name="planstep", name="version"),
        migrations.RemoveField(model_name="drill", name="plan_version"),
        migrations.RemoveField(model_name="historicaldrill", name="plan_version"),
        migrations.DeleteModel(name="HistoricalPlanVersion"),
        migrations.DeleteModel(name="PlanVersion"),
        migrations.RenameField(model_name="planstep", old_name="doc_version", new_name="version"),
        migrations.RenameField(model_name="drill", old_name="doc_version", new_name="plan_version"),
        migrations.AlterField(
            model_name="planstep",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="plan_steps",
                to="documents.documentversion", verbose_name="version",
            ),
        ),
        migrations.AlterField(
            model_name="drill",
            name="plan_version",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="documents.documentversion", verbose_name="plan version",
            ),
        ),
        migrations.AddField(
            model_name="historicaldrill",
            name="plan_version",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="documents.documentversion", verbose_name="plan version",
            ),
        ),
    ]  # fmt: skip
