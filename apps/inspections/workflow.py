"""The states of inspections' records, declared once (docs/architecture.md, "The workflow engine").

- The **annual plan** (R7.1) is drawn up as a draft; management approves it, which schedules the year's
  inspections; officers may later schedule the inspections that lines added since are missing.
- An **inspection** (R7.2) is scheduled (by the plan, or by hand), started by its inspector (or claimed
  by whoever holds the role it waits on) and finished with a signature; each failed item raises a hazard.
- A **high-power appliance request** (R3.2.3) waits for a safety officer, who approves or rejects it
  (with a reason); the decision is final.

From these tables come the permissions ``inspections.<move>_<model>``, the buttons of the plan,
inspection and request pages, the URLs (``inspections:inspectionplan_approve`` at
``/inspections/plans/<pk>/approve/``, ``inspections:inspection_start`` at ``/inspections/<pk>/start/``,
``appliances:appliancerequest_reject`` at ``/appliances/<pk>/reject/``) and the timeline's wording; the
services make the moves through ``apply`` and add validation, generation and notifications.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_management, is_officer
from apps.core.workflow import NONE, OPTIONAL, REQUIRED, Move, Workflow

from .forms import ApplianceRejectForm, FinishForm
from .models import ApplianceRequest, Inspection, InspectionPlan
from .rules import may_perform

P = InspectionPlan.Status
I = Inspection.Status  # noqa: E741
A = ApplianceRequest.Status


def inspection_label(inspection) -> str:
    """An inspection as messages name it: "Inspection #7"."""
    return gettext("Inspection #%(n)s") % {"n": inspection.pk}


PLAN_FLOW = Workflow(
    InspectionPlan,
    field="status",
    subject="plan",
    moves=[
        Move("create", target=P.DRAFT, label=_("Created"), verb=_("Create")),
        Move(
            "approve", sources=[P.DRAFT], target=P.APPROVED, label=_("Approved"), verb=_("Approve and schedule"),
            allowed=is_management, comment=OPTIONAL, stamp_by="approved_by", stamp_at="approved_at",
            service="inspection_plan_approve",
        ),
        # Not a change of state: the inspections of lines added since approval are scheduled, under the
        # plan's lock and only while it is approved.
        Move(
            "generate", sources=[P.APPROVED], target=P.APPROVED, label=_("Checked for missing inspections"),
            verb=_("Schedule missing inspections"), allowed=is_officer, comment=NONE,
            service="inspection_plan_generate",
        ),
    ],
)  # fmt: skip


INSPECTION_FLOW = Workflow(
    Inspection,
    field="status",
    label=inspection_label,
    lock_related=("template", "area__department", "department"),
    moves=[
        Move("schedule", target=I.SCHEDULED, label=_("Scheduled"), verb=_("Schedule")),
        Move(
            "start", sources=[I.SCHEDULED], target=I.IN_PROGRESS, label=_("Started"), verb=_("Start inspection"),
            allowed=may_perform, comment=NONE, stamp_at="started_at",
        ),
        Move(
            "finish", sources=[I.IN_PROGRESS], target=I.FINISHED, label=_("Finished"), verb=_("Finish inspection"),
            allowed=may_perform, comment=NONE, form=FinishForm, stamp_at="finished_at",
        ),
    ],
)  # fmt: skip


APPLIANCE_FLOW = Workflow(
    ApplianceRequest,
    field="status",
    subject="appliance_request",
    namespace="appliances",
    lock_related=("requester",),
    moves=[
        Move("request", target=A.PENDING, label=_("Requested"), verb=_("Request")),
        Move(
            "approve", sources=[A.PENDING], target=A.APPROVED, label=_("Approved"), verb=_("Approve"),
            allowed=is_officer, comment=OPTIONAL, stamp_by="decided_by", stamp_at="decided_at",
            service="appliance_request_approve",
        ),
        Move(
            "reject", sources=[A.PENDING], target=A.REJECTED, label=_("Rejected"), verb=_("Reject"),
            allowed=is_officer, comment=REQUIRED, form=ApplianceRejectForm, danger=True,
            stamp_by="decided_by", stamp_at="decided_at", service="appliance_request_reject",
        ),
    ],
)  # fmt: skip
