import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.documents import services
from tests.access import COMPANY_WIDE, OFFICERS, Case, everyone, only
from tests.documents.factories import approved_document

AUTHORS = {"officer", "head"}  # officers, and the head of the owner department


def _doc(p):
    document, version = approved_document(officer=p["officer"], manager=p["manager"], department=p["head"].department)
    return document, version


def _document(p):
    return {"pk": _doc(p)[0].pk}


def _version(p):
    return {"pk": _doc(p)[1].pk}


def _file_version(p):
    document = services.document_create(
        user=p["officer"], number="AQ-F-1", title="Form", category="form", owner_department=p["head"].department
    )
    version = document.versions.get()
    upload = SimpleUploadedFile("form.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.version_update(
        user=p["officer"], version=version, body_kind="file", upload=upload, effective_date=datetime.date(2026, 1, 1)
    )
    services.version_submit(documentversion=version, user=p["officer"])
    services.version_approve(documentversion=version, user=p["manager"])
    return {"pk": version.pk}


def _draft(p):
    document = services.document_create(
        user=p["officer"], number="AQ-D-1", title="Draft", category="rule", owner_department=p["head"].department
    )
    version = document.versions.get()
    services.version_update(
        user=p["officer"], version=version, body_kind="text", body="Text", effective_date=datetime.date(2026, 1, 1)
    )
    return version


def _draft_pk(p):
    return {"pk": _draft(p).pk}


def _under_review(p):
    version = _draft(p)
    services.version_submit(documentversion=version, user=p["officer"])
    return {"pk": version.pk}


def _campaign(p):
    version = _doc(p)[1]
    due = timezone.localdate() + datetime.timedelta(days=7)
    return {"pk": services.campaign_start(user=p["officer"], version=version, due_date=due, everyone=True).pk}


ACCESS = {
    "documents:document_list": Case(expect=everyone()),
    "documents:document_create": Case(expect=only({"officer", "head", "other_head"})),
    "documents:my_acknowledgements": Case(expect=everyone()),
    "documents:document_detail": Case(kwargs=_document, expect=everyone()),
    "documents:document_edit": Case(kwargs=_document, expect=only(AUTHORS)),
    "documents:version_new": Case(method="post", kwargs=_document, expect=only(AUTHORS, status=302)),
    "documents:version_detail": Case(kwargs=_version, expect=everyone()),
    "documents:version_file": Case(kwargs=_file_version, expect=everyone()),
    "documents:campaign_create": Case(kwargs=_version, expect=only(OFFICERS)),
    "documents:campaign_list": Case(expect=everyone()),
    "documents:campaign_detail": Case(kwargs=_campaign, expect=everyone()),
    "documents:campaign_acknowledge": Case(method="post", kwargs=_campaign, expect=everyone(status=302)),
    "documents:campaign_close": Case(method="post", kwargs=_campaign, expect=only(OFFICERS, status=302)),
    "documents:campaign_export_csv": Case(kwargs=_campaign, expect=only(COMPANY_WIDE)),
    "documents:campaign_export_xlsx": Case(kwargs=_campaign, expect=only(COMPANY_WIDE)),
    # Moves: drafts are seen by the company-wide roles and the owner department's head; others get 404.
    "documents:documentversion_submit": Case(
        method="post", kwargs=_draft_pk,
        expect={**only(AUTHORS, status=302, denied=404), "manager": 403},
    ),
    "documents:documentversion_return": Case(
        method="post", kwargs=_under_review,
        expect={**only({"manager"}, status=400, denied=404), "officer": 403, "head": 403},
    ),
    "documents:documentversion_approve": Case(
        method="post", kwargs=_under_review,
        expect={**only({"manager"}, status=302, denied=404), "officer": 403, "head": 403},
    ),
    "documents:documentversion_withdraw": Case(
        method="post", kwargs=_version, expect=only({"manager"}, status=400)
    ),
}  # fmt: skip
