"""The hazard closed loop (隐患闭环, docs/regulation.md R7.3), declared once: every move with the states it starts
from, the state it leads to, who may make it, its comment policy, its form and who/when it records.

From this table come the permissions ``hazards.<move>_hazard``, the buttons of the hazard page, the
URLs ``hazards:hazard_<move>`` and the timeline's wording; the services (``services.py``) make the
moves through ``FLOW.apply`` and add only their validation and notifications.
"""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_officer
from apps.core.workflow import OPTIONAL, REQUIRED, Move, Workflow

from .forms import AssessForm, PlanForm, ReasonForm, RectifyForm
from .models import Hazard
from .rules import can_plan, can_sign_off, can_verify, is_responsible_person

S = Hazard.Status


def _clear_sign_off(hazard):
    hazard.signed_off_by = None
    hazard.signed_off_at = None
    hazard.verified_by = None
    hazard.closed_at = None


FLOW = Workflow(
    Hazard,
    field="status",
    label=attrgetter("number"),
    lock_related=("department",),
    moves=[
        Move("report", target=S.REPORTED, label=_("Reported"), verb=_("Report")),
        Move(
            "assess", sources=[S.REPORTED], target=S.ASSESSED, label=_("Assessed"), verb=_("Assess"),
            allowed=is_officer, form=AssessForm, stamp_by="assessed_by", stamp_at="assessed_at",
        ),
        Move(
            "reject", sources=[S.REPORTED], target=S.REJECTED, label=_("Rejected"), verb=_("Reject"),
            allowed=is_officer, comment=REQUIRED, form=ReasonForm, danger=True,
            stamp_by="assessed_by", stamp_at="assessed_at",
        ),
        Move(
            "plan", sources=[S.ASSESSED], target=S.RECTIFYING, label=_("Rectification planned"),
            verb=_("Plan rectification"), allowed=can_plan, form=PlanForm, stamp_at="planned_at",
        ),
        Move(
            "rectify", sources=[S.RECTIFYING], target=S.RECTIFIED, label=_("Rectified"),
            verb=_("Record rectification"), allowed=is_responsible_person, comment=REQUIRED, form=RectifyForm,
            stamp_by="rectified_by", stamp_at="rectified_at",
        ),
        Move(
            "sign_off", sources=[S.RECTIFIED], target=S.SIGNED_OFF, label=_("Signed off"), verb=_("Sign off"),
            allowed=can_sign_off, comment=OPTIONAL, stamp_by="signed_off_by", stamp_at="signed_off_at",
            not_by=("rectified_by",),
        ),
        Move(
            "return", sources=[S.RECTIFIED], target=S.RECTIFYING, label=_("Returned for rework"),
            verb=_("Return for rework"), allowed=can_sign_off, comment=REQUIRED, form=ReasonForm, danger=True,
        ),
        Move(
            "verify", sources=[S.SIGNED_OFF], target=S.CLOSED, label=_("Verified and closed"),
            verb=_("Verify and close"), allowed=can_verify, comment=OPTIONAL,
            stamp_by="verified_by", stamp_at="closed_at", not_by=("rectified_by",),
        ),
        Move(
            "reopen", sources=[S.SIGNED_OFF, S.CLOSED], target=S.RECTIFYING, label=_("Reopened"), verb=_("Reopen"),
            allowed=is_officer, comment=REQUIRED, form=ReasonForm, danger=True, apply=_clear_sign_off,
        ),
    ],
)  # fmt: skip
