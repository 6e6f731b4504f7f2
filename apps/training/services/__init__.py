"""Training writes (R6), one module per subject; this package's names are the public API.

Every public service is keyword-only, checks permission, runs in ``transaction.atomic()`` and records
a timeline row; status changes go through the workflows of ``apps/training/workflow.py``. Callers
(views, tasks, the organisation hooks, the demo, tests) import from here, never from a module.

- ``requirements``: the rules that assign courses (on hire, on joining a post, periodically)
- ``assignments``: who must complete which course by when
- ``courses`` and ``questions``: courses, study materials, the question bank
- ``exams``: exam settings, attempts, answers and scoring
- ``completions``: training records, and what completes a course
- ``sessions``: classroom sessions, enrolment, attendance
- ``plan``: the annual training plan
- ``reminders``: due soon, overdue, expiring
"""

from .assignments import assignment_cancel, assignment_create
from .completions import add_months, completion_record, expiry_for
from .courses import course_save, material_add
from .exams import (
    SaveResult,
    attempts_left,
    exam_answer_save,
    exam_attempt_score,
    exam_attempt_start,
    exam_attempt_submit,
    exam_attempt_time_out,
    exam_attempts_expire,
    exam_save,
)
from .plan import plan_line_create
from .questions import question_create, question_retire, question_update
from .reminders import (
    DUE_SOON_DAYS,
    ESCALATE_AFTER_DAYS,
    EXPIRING_SOON_DAYS,
    assignment_message_relevant,
    completion_message_relevant,
    completions_with_newer,
    training_reminders_send,
)
from .requirements import (
    on_hire,
    on_post_change,
    requirement_create,
    requirement_deactivate,
    requirements_apply_on_hire,
    requirements_apply_on_post_change,
    requirements_sync,
)
from .sessions import session_attendance_mark, session_create, session_enrol

__all__ = [
    "DUE_SOON_DAYS",
    "ESCALATE_AFTER_DAYS",
    "EXPIRING_SOON_DAYS",
    "SaveResult",
    "add_months",
    "assignment_message_relevant",
    "assignment_cancel",
    "assignment_create",
    "attempts_left",
    "completion_message_relevant",
    "completion_record",
    "completions_with_newer",
    "course_save",
    "exam_answer_save",
    "exam_attempt_score",
    "exam_attempt_start",
    "exam_attempt_submit",
    "exam_attempt_time_out",
    "exam_attempts_expire",
    "exam_save",
    "expiry_for",
    "material_add",
    "on_hire",
    "on_post_change",
    "plan_line_create",
    "question_create",
    "question_retire",
    "question_update",
    "requirement_create",
    "requirement_deactivate",
    "requirements_apply_on_hire",
    "requirements_apply_on_post_change",
    "requirements_sync",
    "session_attendance_mark",
    "session_create",
    "session_enrol",
    "training_reminders_send",
]
