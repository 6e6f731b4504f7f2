"""The "reception" group: its members (the front desk) see the whole visitor log and sign any visitor
out. Officers add people to it in the admin. Reversing removes the group."""

from django.db import migrations

RECEPTION_GROUP = "reception"


def create(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=RECEPTION_GROUP)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=RECEPTION_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("inspections", "0003_plan_line_inspector_role"),
    ]

    operations = [migrations.RunPython(create, remove)]
