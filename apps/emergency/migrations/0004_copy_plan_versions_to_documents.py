"""Contingency plans move onto document control, step 2 of 3 (the data): each plan gets a controlled document
(category "plan", number YA-<CODE>) and each plan version becomes a document version with the same number,
status, purpose (as the version's text), effective date, author, approver and approval time; the steps
and the drills follow their version. A superseded version's superseding time is the approval time of the
version after it. Reversible: the document versions become plan versions again.
"""

from django.db import migrations

STATUS_TO_DOCUMENT = {"draft": "draft", "approved": "approved", "superseded": "superseded"}
STATUS_TO_PLAN = {"draft": "draft", "under_review": "draft", "approved": "approved", "superseded": "superseded", "withdrawn": "superseded"}  # fmt: skip


def document_number(code):
    return f"YA-{code.upper()}"[:40]


def forward(apps, schema_editor):
    ContingencyPlan = apps.get_model("emergency", "ContingencyPlan")
    PlanVersion = apps.get_model("emergency", "PlanVersion")
    PlanStep = apps.get_model("emergency", "PlanStep")
    Drill = apps.get_model("emergency", "Drill")
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    for plan in ContingencyPlan.objects.order_by("id"):
        document = Document.objects.create(
            number=document_number(plan.code), title=plan.name, title_zh=plan.name_zh, category="plan"
        )
        versions = list(PlanVersion.objects.filter(plan=plan).order_by("number", "id"))
        current = None
        for i, old in enumerate(versions):
            later = versions[i + 1] if i + 1 < len(versions) else None
            new = DocumentVersion.objects.create(
                document=document,
                number=old.number,
                status=STATUS_TO_DOCUMENT.get(old.status, "draft"),
                body=old.purpose,
                body_zh=old.purpose_zh,
                effective_date=old.effective_date,
                change_note=old.change_note,
                prepared_by_id=old.prepared_by_id,
                submitted_by_id=old.prepared_by_id if old.approved_at else None,
                submitted_at=old.approved_at,
                approved_by_id=old.approved_by_id,
                approved_at=old.approved_at,
                superseded_at=later.approved_at if old.status == "superseded" and later else None,
            )
            DocumentVersion.objects.filter(pk=new.pk).update(created_at=old.created_at, updated_at=old.updated_at)
            PlanStep.objects.filter(version_id=old.pk).update(doc_version_id=new.pk)
            Drill.objects.filter(plan_version_id=old.pk).update(doc_version_id=new.pk)
            if new.status == "approved":
                current = new
        document.current_version = current
        document.save(update_fields=["current_version"])
        plan.document = document
        plan.save(update_fields=["document"])


def backward(apps, schema_editor):
    ContingencyPlan = apps.get_model("emergency", "ContingencyPlan")
    PlanVersion = apps.get_model("emergency", "PlanVersion")
    PlanStep = apps.get_model("emergency", "PlanStep")
    Drill = apps.get_model("emergency", "Drill")
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    for plan in ContingencyPlan.objects.exclude(document=None).order_by("id"):
        document_id = plan.document_id
        for new in DocumentVersion.objects.filter(document_id=document_id).order_by("number", "id"):
            old = PlanVersion.objects.create(
                plan=plan,
                number=new.number,
                status=STATUS_TO_PLAN.get(new.status, "draft"),
                purpose=new.body,
                purpose_zh=new.body_zh,
                effective_date=new.effective_date,
                change_note=new.change_note,
                prepared_by_id=new.prepared_by_id,
                approved_by_id=new.approved_by_id,
                approved_at=new.approved_at,
            )
            # Unhook from the document version before it is deleted (its steps would cascade with it).
            PlanStep.objects.filter(doc_version_id=new.pk).update(version_id=old.pk, doc_version_id=None)
            Drill.objects.filter(doc_version_id=new.pk).update(plan_version_id=old.pk, doc_version_id=None)
        plan.document = None
        plan.save(update_fields=["document"])
        Document.objects.filter(pk=document_id).update(current_version=None)
        DocumentVersion.objects.filter(document_id=document_id).delete()
        Document.objects.filter(pk=document_id).delete()


class Migration(migrations.Migration):
    dependencies = [("emergency", "0003_plans_on_document_control")]

    operations = [migrations.RunPython(forward, backward)]
