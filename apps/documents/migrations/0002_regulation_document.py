"""The shipped regulation is itself a controlled document: number AQ-ZD-000, version 1 in force, its
clauses as the version's structured text. A company loads its own regulation as version 2 (approved by
management), and the clauses keep their ids, so every mapping survives. Reversible."""

import datetime

from django.db import migrations

NUMBER = "AQ-ZD-000"


def add(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    Edition = apps.get_model("regulation", "Edition")
    edition = Edition.objects.filter(is_current=True).first()
    if edition is None or Document.objects.filter(number=NUMBER).exists():
        return
    lines = [
        " | ".join([row["ref"], row.get("title_zh", ""), row.get("title", ""), row.get("text_zh", ""), row.get("text", "")])
        for row in edition.clauses
    ]
    document = Document.objects.create(
        number=NUMBER, title=edition.title, title_zh=edition.title_zh, category="regulation"
    )
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        status="approved",
        body="The company's safety regulation, clause by clause: see the regulation map.",
        body_zh="公司安全规范制度全文，逐条见“规范制度”页面。",
        structured="\n".join(lines),
        effective_date=edition.effective_date or datetime.date(2026, 1, 1),
        change_note="Shipped with Anquan",
    )
    document.current_version = version
    document.save(update_fields=["current_version"])
    edition.source_url = f"/documents/versions/{version.pk}/"
    edition.save(update_fields=["source_url"])


def remove(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Document.objects.filter(number=NUMBER).update(current_version=None)
    apps.get_model("documents", "DocumentVersion").objects.filter(document__number=NUMBER).delete()
    Document.objects.filter(number=NUMBER).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("regulation", "0002_shipped_edition")]
    operations = [migrations.RunPython(add, remove)]
