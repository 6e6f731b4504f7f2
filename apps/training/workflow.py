"""Training's state machines, declared once (docs/architecture.md, "The workflow engine").

An **assignment** is open until the person passes the course (completed, by the application when the
pass is recorded), an officer cancels it, or it is replaced because every exam attempt was used (a
head or officer assigned the course again). An **exam attempt** runs until the person submits it or
its time runs out (the clock, or the person arriving late).

From these tables come the permissions ``training.<move>_<model>``, the buttons of the assignment and
exam pages, the URLs ``training:assignment_<move>`` and ``training:examattempt_<move>`` and the
timeline's wording; the services (``services/assignments.py``, ``services/exams.py``,
``services/completions.py``) make the moves through ``apply`` and add validation and notifications.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.permissions import is_officer
from apps.core.workflow import NONE, OPTIONAL, Move, Workflow

from .forms import ExamAnswersForm
from .models import Assignment, ExamAttempt
from .rules import owns_record

A = Assignment.Status
E = ExamAttempt.Status


def attempt_label(attempt) -> str:
    """An attempt as messages name it: "Fire safety induction, attempt 2"."""
    return gettext("%(course)s, attempt %(number)s") % {"course": attempt.exam.course, "number": attempt.number}


ASSIGNMENT_FLOW = Workflow(
    Assignment,
    field="status",
    lock_related=("course", "person"),
    moves=[
        Move("assign", target=A.OPEN, label=_("Assigned"), verb=_("Assign")),
        Move(
            "cancel", sources=[A.OPEN], target=A.CANCELLED, label=_("Cancelled"), verb=_("Cancel assignment"),
            allowed=is_officer, comment=OPTIONAL, danger=True,
        ),
        # Assigning the course again by hand when every exam attempt is used (services.assignment_create).
        Move("replace", sources=[A.OPEN], target=A.CANCELLED, label=_("Replaced: no attempts left"), system=True),
        # A pass (exam, attendance or recorded by an officer) completes the open assignment.
        Move("complete", sources=[A.OPEN], target=A.COMPLETED, label=_("Completed"), system=True,
             stamp_at="completed_at"),
    ],
)  # fmt: skip


ATTEMPT_FLOW = Workflow(
    ExamAttempt,
    field="status",
    label=attempt_label,
    lock_related=("exam__course", "person"),
    subject="attempt",
    moves=[
        Move("start", target=E.IN_PROGRESS, label=_("Started"), verb=_("Start the exam")),
        Move(
            "submit", sources=[E.IN_PROGRESS], target=E.SUBMITTED, label=_("Submitted"), verb=_("Submit answers"),
            allowed=owns_record, comment=NONE, form=ExamAnswersForm, service="exam_attempt_submit",
        ),
        # The time limit ran out: the daily run, a late answer or submission, or opening the page late.
        Move("time_out", sources=[E.IN_PROGRESS], target=E.SUBMITTED, label=_("Time ran out"), system=True),
    ],
)  # fmt: skip
