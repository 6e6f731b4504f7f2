"""Training reads (R6), scoped to what the user may see, one module per subject; this package's names are
the public API (views, the dashboards, the calendar feed, the person panel import from here).

- ``courses``: courses and study materials
- ``people``: whose training a user may see, assignments, records
- ``clearance``: cleared for work, and the next step for those who are not
- ``status``: the compliance matrix, "My training", the team page
- ``exams``: attempts, the exam page, item statistics
- ``sessions``: classroom sessions and the calendar feed
- ``plan``: the annual plan's progress
"""

from .clearance import (
    NEW_HIRE_DAYS,
    Clearance,
    NextStep,
    clearance_for_people,
    new_hires_not_cleared,
    new_hires_not_cleared_page,
    not_cleared_q,
    team_clearance_summary,
    training_clearance,
)
from .courses import course_list, material_files
from .exams import Choice, attempt_items_for_display, attempt_list, item_statistics, my_attempts
from .people import assignment_list, my_records, people_for, people_in_scope
from .plan import plan_progress
from .sessions import session_enrolments, session_list, sessions_for_calendar, upcoming_sessions
from .status import (
    DUE,
    EXPIRED,
    OVERDUE,
    PASSED,
    STATUS_LABELS,
    Cell,
    Matrix,
    MatrixRow,
    TrainingStatus,
    compliance_matrix,
    compliance_matrix_chunks,
    compliance_matrix_page,
    my_due,
    team_overview,
    training_status,
)

__all__ = [
    "DUE",
    "EXPIRED",
    "NEW_HIRE_DAYS",
    "OVERDUE",
    "PASSED",
    "STATUS_LABELS",
    "Cell",
    "Choice",
    "Clearance",
    "Matrix",
    "MatrixRow",
    "NextStep",
    "TrainingStatus",
    "assignment_list",
    "attempt_items_for_display",
    "attempt_list",
    "clearance_for_people",
    "not_cleared_q",
    "team_clearance_summary",
    "compliance_matrix",
    "compliance_matrix_chunks",
    "compliance_matrix_page",
    "course_list",
    "item_statistics",
    "material_files",
    "my_attempts",
    "my_due",
    "my_records",
    "new_hires_not_cleared",
    "new_hires_not_cleared_page",
    "people_for",
    "people_in_scope",
    "plan_progress",
    "session_enrolments",
    "session_list",
    "sessions_for_calendar",
    "team_overview",
    "training_clearance",
    "training_status",
    "upcoming_sessions",
]
