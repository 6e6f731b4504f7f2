"""The shipped contingency plans (fire, earthquake, network-security incident), created through today's
models: used by tests and the demo after a transactional test flushed the database. The migrations
(0002 ships them, 0003–0005 move them onto document control) did the same for a real database."""

import datetime
import importlib

from django.db import transaction

from apps.documents.models import Document, DocumentVersion

from .models import ContingencyPlan, PlanStep

SHIPPED = importlib.import_module("apps.emergency.migrations.0002_default_plans")


def shipped_plans_ensure() -> list[ContingencyPlan]:
    plans = []
    with transaction.atomic():
        for data in SHIPPED.PLANS:
            plan = ContingencyPlan.objects.filter(code=data["code"]).first()
            if plan is None:
                document = Document.objects.create(
                    number=f"YA-{data['code'].upper()}"[:40],
                    title=data["name"],
                    title_zh=data["name_zh"],
                    category="plan",
                )
                version = DocumentVersion.objects.create(
                    document=document, number=1, status=DocumentVersion.Status.APPROVED, body=data["purpose"],
                    body_zh=data["purpose_zh"], effective_date=datetime.date(2026, 1, 1), change_note="Shipped default",
                )  # fmt: skip
                document.current_version = version
                document.save(update_fields=["current_version"])
                PlanStep.objects.bulk_create(
                    PlanStep(version=version, order=i, role=role, text=text, text_zh=text_zh)
                    for i, (role, text, text_zh) in enumerate(data["steps"], start=1)
                )
                plan = ContingencyPlan.objects.create(
                    code=data["code"], scenario=data["scenario"], name=data["name"], name_zh=data["name_zh"],
                    document=document,
                )  # fmt: skip
            plans.append(plan)
    return plans
