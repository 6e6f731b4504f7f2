import datetime

from apps.documents import services
from apps.documents.models import Document, DocumentVersion


def approved_document(
    *, officer, manager, number="AQ-GL-001", title="Fire safety rule", department=None, body="# Rule"
):
    """A document whose version 1 is in force, made through the services (author: officer)."""
    document = services.document_create(
        user=officer, number=number, title=title, title_zh="消防安全制度", category=Document.Category.RULE,
        owner_department=department,
    )  # fmt: skip
    version = document.versions.get()
    return document, approve(version, officer=officer, manager=manager, body=body)


def approve(version, *, officer, manager, body="# Rule", effective=datetime.date(2026, 1, 1)):
    services.version_update(
        user=officer, version=version, body_kind=DocumentVersion.Body.TEXT, body=body, effective_date=effective
    )
    services.version_submit(documentversion=version, user=officer)
    return services.version_approve(documentversion=version, user=manager)


def regulation_document():
    """The shipped regulation document AQ-ZD-000 (migration documents 0002), restored after a flush."""
    import importlib

    from django.apps import apps

    from apps.regulation.services import shipped_edition_ensure

    shipped_edition_ensure()
    if not Document.objects.filter(category=Document.Category.REGULATION).exists():
        importlib.import_module("apps.documents.migrations.0002_regulation_document").add(apps, None)
    return Document.objects.get(category=Document.Category.REGULATION)
