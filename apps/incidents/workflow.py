"""The incident's and its corrective actions' state machines, declared once (docs/architecture.md,
"The workflow engine"; R5.2).

An **incident** is reported, investigated (the first corrective or preventive action starts the
actions stage), and closed by a safety officer once the root cause is known, the authority has been
told when it must be and every action is closed; an officer may reopen it with a reason. A
**corrective action** is open until its owner (or an officer for them) marks it done; a safety officer
who did not do the work then confirms it effective (closed) or not (open again), or an officer or the
investigation lead hands an open action over to the hazard closed loop instead.

From these tables come the permissions ``incidents.<move>_incident`` and
``incidents.<move>_correctiveaction``, the buttons of the incident page, the URLs
``incidents:incident_<move>`` (``<pk>/<move>/``) and ``incidents:correctiveaction_<move>``
(``actions/<pk>/<move>/``) and the timeline's wording; the services make the moves through ``apply``
and add their validation and notifications. Changes that keep the state (the response, the external
report, the investigation, adding an action) go through ``INCIDENT_FLOW.edit`` in the states that
allow them (``OPEN``, ``INVESTIGATION``).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_officer
from apps.core.workflow import NONE, OPTIONAL, REQUIRED, Move, Workflow

from .forms import ActionCompleteForm, CheckNoteForm, NotEffectiveForm
from .models import CorrectiveAction, Incident
from .rules import did_the_work, incident_is_open, is_action_owner, is_investigation_lead

S = Incident.Status
A = CorrectiveAction.Status

# The states in which an incident's details may change (a closed incident is locked until reopened),
# and those in which its investigation (events, causes, actions) may.
OPEN = (S.REPORTED, S.INVESTIGATING, S.ACTIONS)
INVESTIGATION = (S.INVESTIGATING, S.ACTIONS)


def action_label(action) -> str:
    """An action as messages name it: "INC-2026-0007: Put wet-floor signs in the pantry"."""
    return gettext("%(number)s: %(action)s") % {"number": action.incident.number, "action": action.description[:60]}


def _clear_closed(incident):
    incident.closed_at = None


INCIDENT_FLOW = Workflow(
    Incident,
    field="status",
    label=lambda incident: incident.number,
    lock_related=("department",),
    moves=[
        Move("report", target=S.REPORTED, label=_("Reported"), verb=_("Report")),
        Move(
            "investigate", sources=[S.REPORTED], target=S.INVESTIGATING, label=_("Investigation started"),
            verb=_("Start investigation"), allowed=is_officer | is_investigation_lead, comment=NONE,
        ),
        Move(
            "start_actions", sources=[S.INVESTIGATING], target=S.ACTIONS, label=_("Actions started"),
            verb=_("Start actions"), allowed=is_officer | is_investigation_lead, comment=NONE,
        ),
        Move(
            "close", sources=[S.INVESTIGATING, S.ACTIONS], target=S.CLOSED, label=_("Closed"),
            verb=_("Close incident"), allowed=is_officer, comment=NONE, stamp_at="closed_at",
        ),
        Move(
            "reopen", sources=[S.CLOSED], target=S.INVESTIGATING, label=_("Reopened"), verb=_("Reopen"),
            allowed=is_officer, comment=REQUIRED, danger=True, apply=_clear_closed,
        ),
    ],
)  # fmt: skip


ACTION_FLOW = Workflow(
    CorrectiveAction,
    field="status",
    label=action_label,
    lock_related=("incident",),
    subject="action",
    moves=[
        Move("add", target=A.OPEN, label=_("Action added"), verb=_("Add action")),
        Move(
            "complete", sources=[A.OPEN], target=A.DONE, label=_("Action done"), verb=_("Mark done"),
            allowed=incident_is_open & (is_officer | is_action_owner), comment=NONE, form=ActionCompleteForm,
            stamp_by="completed_by", stamp_at="completed_at", service="action_complete",
        ),
        # Whoever did the work does not confirm it was effective: another safety officer does.
        Move(
            "confirm_effective", sources=[A.DONE], target=A.CLOSED, label=_("Action effective: closed"),
            verb=_("Effective: close action"), allowed=incident_is_open & is_officer & ~did_the_work,
            comment=OPTIONAL, form=CheckNoteForm, stamp_by="checked_by", stamp_at="checked_at",
            service="action_confirm_effective",
        ),
        Move(
            "not_effective", sources=[A.DONE], target=A.OPEN, label=_("Action not effective: reopened"),
            verb=_("Not effective: reopen"), allowed=incident_is_open & is_officer & ~did_the_work,
            comment=REQUIRED, form=NotEffectiveForm, danger=True, stamp_by="checked_by", stamp_at="checked_at",
            service="action_not_effective",
        ),
        Move(
            "raise_hazard", sources=[A.OPEN], target=A.HAZARD, label=_("Raised as a hazard"),
            verb=_("Raise as a hazard instead"), allowed=incident_is_open & (is_officer | is_investigation_lead),
            comment=NONE, service="action_raise_hazard",
        ),
    ],
)  # fmt: skip
