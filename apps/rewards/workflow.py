"""The life of a reward or penalty (R8), declared once: proposed → approved or rejected by management →
announced (a reward) or notified to the person and their head (a penalty) → optionally appealed by the
person concerned → the appeal dismissed (the penalty stands) or granted (revoked) by management."""

from django.utils.translation import gettext_lazy as _

from apps.core.workflow import OPTIONAL, REQUIRED, Move, Workflow

from .forms import AppealForm
from .models import Decision
from .rules import can_appeal, can_approve, can_decide_appeal, can_publish, is_penalty, is_reward

S = Decision.Status

FLOW = Workflow(
    Decision,
    field="status",
    label=lambda d: d.number,
    lock_related=("department",),
    moves=[
        Move("propose", target=S.PROPOSED, label=_("Proposed"), verb=_("Propose")),
        Move(
            "approve", sources=[S.PROPOSED], target=S.APPROVED, label=_("Approved"), verb=_("Approve"),
            allowed=can_approve, comment=OPTIONAL, stamp_by="approved_by", stamp_at="approved_at",
        ),
        Move(
            "reject", sources=[S.PROPOSED], target=S.REJECTED, label=_("Rejected"), verb=_("Reject"),
            allowed=can_approve, comment=REQUIRED, danger=True, stamp_by="rejected_by", stamp_at="rejected_at",
        ),
        Move(
            "announce", sources=[S.APPROVED], target=S.ANNOUNCED, label=_("Announced"), verb=_("Announce"),
            allowed=can_publish & is_reward, comment=OPTIONAL, stamp_by="published_by", stamp_at="published_at",
        ),
        Move(
            "notify", sources=[S.APPROVED], target=S.NOTIFIED, label=_("Notified to the person and their head"),
            verb=_("Notify"), allowed=can_publish & is_penalty, comment=OPTIONAL,
            stamp_by="published_by", stamp_at="published_at",
        ),
        Move(
            "appeal", sources=[S.NOTIFIED], target=S.APPEALED, label=_("Appealed"), verb=_("Appeal"),
            allowed=can_appeal, comment=REQUIRED, form=AppealForm, stamp_at="appealed_at",
        ),
        Move(
            "uphold", sources=[S.APPEALED], target=S.UPHELD, label=_("Appeal dismissed"),
            verb=_("Dismiss the appeal"), allowed=can_decide_appeal, comment=REQUIRED,
            stamp_by="appeal_decided_by", stamp_at="appeal_decided_at",
        ),
        Move(
            "revoke", sources=[S.APPEALED], target=S.REVOKED, label=_("Revoked on appeal"),
            verb=_("Grant the appeal and revoke"), allowed=can_decide_appeal, comment=REQUIRED, danger=True,
            stamp_by="appeal_decided_by", stamp_at="appeal_decided_at",
        ),
    ],
)  # fmt: skip

PUBLISHED = (S.ANNOUNCED, S.NOTIFIED, S.APPEALED, S.UPHELD, S.REVOKED)
