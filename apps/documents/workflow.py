"""The life of a controlled document version (R2.2.1), declared once: draft → under review → in force
(approved by management, never by its author) → superseded by the next approved version, or withdrawn."""

from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_management, is_officer
from apps.core.workflow import NONE, OPTIONAL, REQUIRED, Move, Workflow

from .models import Campaign, DocumentVersion
from .rules import can_approve, can_author

S = DocumentVersion.Status

FLOW = Workflow(
    DocumentVersion,
    field="status",
    label=lambda v: v.label,
    lock_related=("document",),
    moves=[
        Move("draft", target=S.DRAFT, label=_("Drafted"), verb=_("Draft")),
        Move(
            "submit", sources=[S.DRAFT], target=S.UNDER_REVIEW, label=_("Submitted for approval"),
            verb=_("Submit for approval"), allowed=can_author, comment=OPTIONAL,
            stamp_by="submitted_by", stamp_at="submitted_at", service="version_submit",
        ),
        Move(
            "return", sources=[S.UNDER_REVIEW], target=S.DRAFT, label=_("Returned to the author"),
            verb=_("Return to the author"), allowed=is_management, comment=REQUIRED, danger=True,
            service="version_return",
        ),
        Move(
            "approve", sources=[S.UNDER_REVIEW], target=S.APPROVED, label=_("Approved"), verb=_("Approve"),
            allowed=can_approve, comment=OPTIONAL, stamp_by="approved_by", stamp_at="approved_at",
            service="version_approve", not_by=("prepared_by",),
        ),
        Move(
            "withdraw", sources=[S.APPROVED], target=S.WITHDRAWN, label=_("Withdrawn"), verb=_("Withdraw"),
            allowed=is_management, comment=REQUIRED, danger=True,
            stamp_by="withdrawn_by", stamp_at="withdrawn_at", service="version_withdraw",
        ),
    ],
)  # fmt: skip


C = Campaign.Status

# An acknowledgement campaign is open from its start until a safety officer closes it.
CAMPAIGN_FLOW = Workflow(
    Campaign,
    field="status",
    label=str,
    moves=[
        Move("start", target=C.OPEN, label=_("Campaign started"), verb=_("Start the campaign")),
        Move(
            "close", sources=[C.OPEN], target=C.CLOSED, label=_("Campaign closed"), verb=_("Close the campaign"),
            allowed=is_officer, comment=NONE, danger=True,
        ),
    ],
)  # fmt: skip
