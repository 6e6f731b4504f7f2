"""Ship the regulation Anquan was designed from (apps/regulation/source.py) as the first edition.

The rows are written with this migration's historical models; the source data module is plain data,
so a later change to the shipped text does not change what this migration did. Reversible: removes the
shipped clauses and edition again (when nothing points at them yet).
"""

from django.db import migrations


def load(apps, schema_editor):
    from apps.regulation import source

    Clause = apps.get_model("regulation", "Clause")
    Edition = apps.get_model("regulation", "Edition")
    if Clause.objects.exists():
        return
    saved = {}
    rows = []
    for order, (ref, title_zh, title, text_zh, text) in enumerate(source.CLAUSES, start=1):
        parent_ref = ref.rsplit(".", 1)[0] if "." in ref else None
        clause = Clause.objects.create(
            ref=ref,
            parent=saved.get(parent_ref),
            order=order * 10,
            depth=ref.count("."),
            title=title,
            title_zh=title_zh,
            text=text,
            text_zh=text_zh,
            is_informative=ref in source.INFORMATIVE,
            heading_supplied=ref in source.SUPPLIED,
            is_truncated=ref in source.TRUNCATED,
        )
        saved[ref] = clause
        rows.append({"ref": ref, "title_zh": title_zh, "title": title, "text_zh": text_zh, "text": text})
    Edition.objects.create(
        label=source.EDITION, title=source.TITLE_EN, title_zh=source.TITLE_ZH, clauses=rows, is_current=True
    )


def unload(apps, schema_editor):
    Clause = apps.get_model("regulation", "Clause")
    Edition = apps.get_model("regulation", "Edition")
    Edition.objects.all().delete()
    for depth in (3, 2, 1, 0):
        Clause.objects.filter(depth=depth).delete()


class Migration(migrations.Migration):
    dependencies = [("regulation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
