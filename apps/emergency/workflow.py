"""A drill's state machine, declared once (docs/architecture.md, "The workflow engine"; R5.1).

A drill is planned by a safety officer for a future time; once it has started an officer records how
it went (done), or cancels it with a reason while it is still planned. Contingency plans' versions are
controlled documents: their moves are document control's (``apps/documents/workflow.py``).

From this table come the permissions ``emergency.<move>_drill``, the buttons of the drill page, the
URLs ``emergency:drill_<move>`` (``drills/<pk>/<move>/``) and the timeline's wording; the services make
the moves through ``DRILL_FLOW.apply`` and add their validation.
"""

from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_officer
from apps.core.workflow import NONE, REQUIRED, Move, Workflow

from .forms import CancelForm, DrillRecordForm
from .models import Drill

D = Drill.Status

DRILL_FLOW = Workflow(
    Drill,
    field="status",
    label=str,
    lock_related=("plan", "site"),
    moves=[
        Move("plan", target=D.PLANNED, label=_("Planned"), verb=_("Plan a drill")),
        Move(
            "record", sources=[D.PLANNED], target=D.DONE, label=_("Recorded"), verb=_("Record the drill"),
            allowed=is_officer, comment=NONE, form=DrillRecordForm, stamp_by="recorded_by",
        ),
        Move(
            "cancel", sources=[D.PLANNED], target=D.CANCELLED, label=_("Cancelled"), verb=_("Cancel drill"),
            allowed=is_officer, comment=REQUIRED, form=CancelForm, danger=True,
        ),
    ],
)  # fmt: skip
