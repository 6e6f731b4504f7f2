"""Map the clause ids the existing texts cite to Course.clauses (a migration of its own: PostgreSQL
refuses to build the new column's index in the transaction that has just written rows with deferred
constraint checks)."""

import re

from django.db import migrations

REF = re.compile(r"R[1-9](?:\.[0-9]+){0,3}")


def link(apps, schema_editor):
    """Courses that cite clause ids in their description ("(R3.1, R5)") get them as real relations;
    a range "R4.1–R4.3" links both ends."""
    Clause = apps.get_model("regulation", "Clause")
    Course = apps.get_model("training", "Course")
    clauses = dict(Clause.objects.values_list("ref", "pk"))
    for course in Course.objects.all():
        refs = set(REF.findall(f"{course.description} {course.description_zh}"))
        ids = [clauses[r] for r in refs if r in clauses]
        if ids:
            course.clauses.add(*ids)


def unlink(apps, schema_editor):
    apps.get_model("training", "Course").clauses.through.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0004_link_courses_to_clauses")]

    operations = [migrations.RunPython(link, unlink)]
