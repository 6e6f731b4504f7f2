"""Map the clause ids the existing texts cite to TemplateItem.regulation_clause (a migration of its own: PostgreSQL
refuses to build the new column's index in the transaction that has just written rows with deferred
constraint checks)."""

from django.db import migrations


def link(apps, schema_editor):
    """Turn the clause ids the checklist items cite in text into real relations (unknown ids stay text)."""
    Clause = apps.get_model("regulation", "Clause")
    TemplateItem = apps.get_model("inspections", "TemplateItem")
    clauses = dict(Clause.objects.values_list("ref", "pk"))
    for ref in TemplateItem.objects.exclude(clause="").values_list("clause", flat=True).distinct():
        if ref.strip() in clauses:
            TemplateItem.objects.filter(clause=ref).update(regulation_clause_id=clauses[ref.strip()])


def unlink(apps, schema_editor):
    apps.get_model("inspections", "TemplateItem").objects.update(regulation_clause=None)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0005_link_checklist_items_to_clauses")]

    operations = [migrations.RunPython(link, unlink)]
