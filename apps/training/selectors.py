"""Training reads, scoped to what the user may see. The matrix and clearance work in a fixed number of
queries whatever the number of people and courses (they load rows in bulk and join in Python)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import Attachment
from apps.core.permissions import department_scope
from apps.organization.models import User

from .models import (
    Assignment,
    AttemptQuestion,
    Completion,
    Course,
    Enrolment,
    Exam,
    ExamAttempt,
    Material,
    PlanLine,
    Requirement,
    TrainingSession,
)

NEW_HIRE_DAYS = 180


def course_list(*, user, filters=None):
    filters = filters or {}
    qs = Course.objects.select_related("exam")
    if not user.has_perm("training.manage_courses"):
        qs = qs.filter(is_active=True)
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(name_zh__icontains=q) | Q(code__icontains=q))
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("method"):
        qs = qs.filter(method=filters["method"])
    return qs


def material_files(materials) -> dict[int, list]:
    """Each material's attachments (material id → list) in one query."""
    files: dict[int, list] = {}
    if not materials:
        return files
    rows = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Material), object_id__in=[m.pk for m in materials]
    )
    for attachment in rows:
        files.setdefault(attachment.object_id, []).append(attachment)
    return files


def people_in_scope(*, user):
    """Active people whose training the user may see (all for company-wide roles, own departments for heads)."""
    qs = User.objects.filter(is_active=True).select_related("department", "post")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(department_id__in=scope)


def assignment_list(*, user):
    qs = Assignment.objects.select_related("person", "person__department", "course")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(Q(person=user) | Q(person__department_id__in=scope))


def my_records(*, person):
    return Completion.objects.filter(person=person).select_related("course").order_by("-completed_on", "-id")


def my_attempts(*, person):
    return ExamAttempt.objects.filter(person=person).select_related("exam__course").order_by("-started_at")


def attempt_list(*, user):
    qs = ExamAttempt.objects.select_related("exam__course", "person")
    if user.has_perm("training.view_statistics"):
        return qs
    return qs.filter(person=user)


def record_list(*, user):
    qs = Completion.objects.select_related("person", "person__department", "course")
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(Q(person=user) | Q(person__department_id__in=scope))


def session_list(*, user, upcoming_only=False):
    qs = TrainingSession.objects.select_related("course", "area", "trainer").annotate(
        enrolled=Count("enrolments", distinct=True)
    )
    if upcoming_only:
        return qs.filter(starts_at__gte=timezone.now() - datetime.timedelta(hours=4)).order_by("starts_at", "id")
    return qs.order_by("-starts_at", "id")


def session_enrolments(*, session):
    return Enrolment.objects.filter(session=session).select_related("person", "person__department")


def _active_requirements(triggers=None):
    qs = Requirement.objects.filter(is_active=True, course__is_active=True)
    if triggers:
        qs = qs.filter(trigger__in=triggers)
    return list(
        qs.select_related("course").prefetch_related(
            Prefetch("departments", to_attr="dept_list"), Prefetch("posts", to_attr="post_list")
        )
    )


def _scope_sets(req):
    return {d.pk for d in req.dept_list}, {p.pk for p in req.post_list}


# --- cleared for work (R6.4.1) -----------------------------------------------------------------


@dataclass
class NextStep:
    """Why a missing induction course is still missing, and what moves it forward."""

    NOT_ASSIGNED = "not_assigned"  # never assigned: the daily training run assigns it
    CANCELLED = "cancelled"  # assigned before, no longer open: someone must assign it again
    ASSIGNED = "assigned"  # open, not started
    IN_PROGRESS = "in_progress"  # open, attempts made or one running
    NO_ATTEMPTS = "no_attempts"  # open but every exam attempt used: stuck until assigned again

    course: Course
    kind: str
    due_date: datetime.date | None = None
    overdue: bool = False
    attempts_used: int = 0
    max_attempts: int | None = None

    @property
    def needs_assignment(self):
        """Only a new assignment moves this forward (the page offers officers and heads the button)."""
        return self.kind in (self.NOT_ASSIGNED, self.CANCELLED, self.NO_ATTEMPTS)


@dataclass
class Clearance:
    cleared: bool
    required: list = field(default_factory=list)  # induction courses that apply
    missing: list = field(default_factory=list)  # of which not passed yet
    steps: list = field(default_factory=list)  # NextStep per missing course (lists that ask for them)

    def __bool__(self):
        return self.cleared


def attach_next_steps(clearance: dict[int, Clearance], now=None) -> None:
    """Fill ``steps`` for everyone not cleared: three queries whatever the number of people.

    Attempts count as :func:`services.attempts_left` counts them: those started after the latest
    assignment of the course (a missing course has no pass to count from)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = {pk: c for pk, c in clearance.items() if c.missing}
    if not pending:
        return
    course_ids = {course.pk for c in pending.values() for course in c.missing}
    person_ids = list(pending)
    latest_assigned, open_due = {}, {}
    for person_id, course_id, status, due, created in Assignment.objects.filter(
        person_id__in=person_ids, course_id__in=course_ids
    ).values_list("person_id", "course_id", "status", "due_date", "created_at"):
        key = (person_id, course_id)
        if key not in latest_assigned or created > latest_assigned[key]:
            latest_assigned[key] = created
        if status == Assignment.Status.OPEN:
            open_due[key] = due
    limits = dict(Exam.objects.filter(course_id__in=course_ids).values_list("course_id", "max_attempts"))
    used, running = {}, set()
    for person_id, course_id, started, status, deadline in ExamAttempt.objects.filter(
        person_id__in=person_ids, exam__course_id__in=course_ids
    ).values_list("person_id", "exam__course_id", "started_at", "status", "deadline"):
        key = (person_id, course_id)
        mark = latest_assigned.get(key)
        if mark is not None and started <= mark:
            continue
        used[key] = used.get(key, 0) + 1
        if status == ExamAttempt.Status.IN_PROGRESS and deadline >= now:
            running.add(key)
    for person_id, c in pending.items():
        steps = []
        for course in c.missing:
            key = (person_id, course.pk)
            limit = limits.get(course.pk) or None
            step = NextStep(course=course, kind=NextStep.ASSIGNED, attempts_used=used.get(key, 0), max_attempts=limit)
            if key not in open_due:
                step.kind = NextStep.CANCELLED if key in latest_assigned else NextStep.NOT_ASSIGNED
            else:
                step.due_date = open_due[key]
                step.overdue = step.due_date < today
                if key in running:
                    step.kind = NextStep.IN_PROGRESS
                elif limit and step.attempts_used >= limit:
                    step.kind = NextStep.NO_ATTEMPTS
                elif step.attempts_used:
                    step.kind = NextStep.IN_PROGRESS
            steps.append(step)
        c.steps = steps


def clearance_for_people(people) -> dict[int, Clearance]:
    """Cleared for work = every induction course that applies to the person passed at least once."""
    people = list(people)
    reqs = _active_requirements([Requirement.Trigger.HIRE])
    sets = {r.pk: _scope_sets(r) for r in reqs}
    course_ids = {r.course_id for r in reqs}
    passed = set()
    if course_ids and people:
        passed = set(
            Completion.objects.filter(person_id__in=[p.pk for p in people], course_id__in=course_ids).values_list(
                "person_id", "course_id"
            )
        )
    result = {}
    for person in people:
        required = {}
        for r in reqs:
            if r.applies_to(person, *sets[r.pk]):
                required[r.course_id] = r.course
        missing = [c for cid, c in required.items() if (person.pk, cid) not in passed]
        result[person.pk] = Clearance(cleared=not missing, required=list(required.values()), missing=missing)
    return result


def training_clearance(person) -> Clearance:
    """Whether ``person`` is cleared for work, and which induction courses are still missing."""
    return clearance_for_people([person])[person.pk]


def new_hires_not_cleared(*, user, today=None):
    """Everyone in scope not cleared for work, newest hires first, each with the next step per missing
    induction course. Long-serving people are listed too: an induction rule created after they were
    hired applies to them as well, and nobody may be "not cleared" without anyone seeing it."""
    people = list(people_in_scope(user=user).order_by(F("hire_date").desc(nulls_last=True), "full_name", "id"))
    clearance = clearance_for_people(people)
    attach_next_steps(clearance)
    return [(p, clearance[p.pk]) for p in people if not clearance[p.pk].cleared]


# --- compliance matrix -------------------------------------------------------------------------

PASSED, DUE, OVERDUE, EXPIRED = "passed", "due", "overdue", "expired"
STATUS_LABELS = {
    PASSED: _("Passed"),
    DUE: _("Due"),
    OVERDUE: _("Overdue"),
    EXPIRED: _("Expired"),
}


@dataclass
class Cell:
    """Where a person stands with one course: the matrix cell and the line of "My training".

    ``date`` is what the matrix shows next to the status (valid until, due, expired on); ``assignment``
    is the open assignment, if any (a refresher of a pass still valid is one)."""

    status: str | None
    date: datetime.date | None = None
    assignment: Assignment | None = None

    @property
    def label(self):
        return STATUS_LABELS.get(self.status, "")

    @property
    def due_date(self):
        return self.assignment.due_date if self.assignment is not None else None

    @property
    def is_due(self):
        """Something to do: the course is due, overdue or expired, or a refresher is assigned."""
        return self.assignment is not None or self.status in (DUE, OVERDUE, EXPIRED)


NO_CELL = Cell(None)


@dataclass
class TrainingStatus:
    """What each person owes: the one source of the compliance matrix and "My training"."""

    courses: list  # every active course required of or assigned to one of the people, by name
    cells: dict  # (person id, course id) -> Cell, for pairs with a status

    def cell(self, person, course) -> Cell:
        return self.cells.get((person.pk, course.pk), NO_CELL)


def _cell(record, assignment, required, today) -> Cell:
    """The status of one person and course from their newest pass, their open assignment and the rules."""
    if record and (record[1] is None or record[1] >= today):
        return Cell(PASSED, record[1] or record[0], assignment)
    if assignment is not None:
        if assignment.due_date < today:
            return Cell(OVERDUE, assignment.due_date, assignment)
        if record:
            return Cell(EXPIRED, record[1], assignment)  # lapsed and reassigned, not yet overdue
        return Cell(DUE, assignment.due_date, assignment)
    if record:
        return Cell(EXPIRED if required else None, record[1])
    return Cell(DUE) if required else NO_CELL


def training_status(people, *, person_ids=None, today=None) -> TrainingStatus:
    """Per person and course: passed, due, overdue or expired. Five queries whatever the numbers.

    A course is required of a person when an active rule applies to them or they have it open (a
    course assigned by hand is owed as much as a required one). Retired courses are owed by nobody.
    ``person_ids`` (a queryset of ids) saves a long ``IN`` list for big groups."""
    today = today or timezone.localdate()
    people = list(people)
    person_ids = person_ids if person_ids is not None else [p.pk for p in people]
    reqs = _active_requirements()
    courses = {r.course_id: r.course for r in reqs}
    open_assignments = {}
    for a in Assignment.objects.filter(
        person_id__in=person_ids, status=Assignment.Status.OPEN, course__is_active=True
    ).select_related("course"):
        open_assignments[(a.person_id, a.course_id)] = a
        courses.setdefault(a.course_id, a.course)
    latest = {}
    for person_id, course_id, done, expires in (
        Completion.objects.filter(person_id__in=person_ids, course_id__in=list(courses))
        .order_by("completed_on", "id")
        .values_list("person_id", "course_id", "completed_on", "expires_on")
    ):
        latest[(person_id, course_id)] = (done, expires)  # the newest pass wins
    sets = {r.pk: _scope_sets(r) for r in reqs}
    reqs_by_course = {}
    for r in reqs:
        reqs_by_course.setdefault(r.course_id, []).append(r)
    cells = {}
    for person in people:
        for course_id in courses:
            key = (person.pk, course_id)
            required = any(r.applies_to(person, *sets[r.pk]) for r in reqs_by_course.get(course_id, []))
            cell = _cell(latest.get(key), open_assignments.get(key), required, today)
            if cell.status:
                cells[key] = cell
    return TrainingStatus(courses=sorted(courses.values(), key=lambda c: (c.name, c.pk)), cells=cells)


def my_due(*, person, today=None) -> list[tuple[Course, Cell]]:
    """ "My training" to do: every course the matrix shows as due for ``person``, soonest first."""
    status = training_status([person], today=today)
    due = [(course, status.cell(person, course)) for course in status.courses]
    due = [(course, cell) for course, cell in due if cell.is_due]
    return sorted(due, key=lambda pair: (pair[1].due_date or pair[1].date or datetime.date.max, pair[0].name))


@dataclass
class MatrixRow:
    person: User
    cells: list
    clearance: Clearance | None = None


@dataclass
class Matrix:
    courses: list
    rows: list
    totals: dict

    @property
    def total_labels(self):
        return [(key, STATUS_LABELS[key], n) for key, n in self.totals.items()]


def compliance_matrix(*, user, filters=None, today=None) -> Matrix:
    """People × the courses they owe (:func:`training_status`). Six queries, whatever the number of
    people and courses."""
    filters = filters or {}
    people_qs = people_in_scope(user=user)
    if filters.get("department"):
        people_qs = people_qs.filter(department_id=filters["department"])
    if filters.get("post"):
        people_qs = people_qs.filter(post_id=filters["post"])
    if filters.get("q"):
        q = filters["q"]
        people_qs = people_qs.filter(
            Q(full_name__icontains=q) | Q(username__icontains=q) | Q(employee_number__icontains=q)
        )
    people = list(people_qs.order_by("department__name", "full_name", "id"))
    status = training_status(people, person_ids=people_qs.values("pk"), today=today)
    courses = status.courses
    if filters.get("course"):
        courses = [c for c in courses if str(c.pk) == str(filters["course"])]
    if filters.get("category"):
        courses = [c for c in courses if c.category == filters["category"]]
    totals = {PASSED: 0, DUE: 0, OVERDUE: 0, EXPIRED: 0}
    rows = []
    wanted = filters.get("status")
    for person in people:
        cells = [status.cell(person, course) for course in courses]
        for cell in cells:
            if cell.status:
                totals[cell.status] += 1
        if wanted and not any(c.status == wanted for c in cells):
            continue
        rows.append(MatrixRow(person=person, cells=cells))
    return Matrix(courses=courses, rows=rows, totals=totals)


def team_overview(*, user, department_id=None, today=None):
    """The head's team page: each person's clearance and open/overdue assignments (fixed query count)."""
    today = today or timezone.localdate()
    qs = people_in_scope(user=user)
    if department_id:
        qs = qs.filter(department_id=department_id)
    people = list(qs.order_by("department__name", "full_name", "id"))
    clearance = clearance_for_people(people)
    attach_next_steps(clearance)
    counts = {
        row["person_id"]: row
        for row in Assignment.objects.filter(person_id__in=qs.values("pk"), status=Assignment.Status.OPEN)
        .values("person_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
    }
    return [
        {
            "person": p,
            "clearance": clearance[p.pk],
            "open": counts.get(p.pk, {}).get("open", 0),
            "overdue": counts.get(p.pk, {}).get("overdue", 0),
        }
        for p in people
    ]


# --- exams -------------------------------------------------------------------------------------


@dataclass
class Choice:
    """One answer as the exam page shows it: the attempt's token (the submitted value), the text, ticked."""

    token: str
    text: str
    checked: bool


def attempt_items_for_display(attempt, answers=None):
    """Drawn questions with their options in the attempt's shuffled order, each as a :class:`Choice`.

    Neither option ids nor the answer key reach the page: options are read without ``is_correct`` and
    carry only their per-attempt token. ``answers`` (a refused submission's ``ExamAnswersForm``) ticks
    what was sent instead of what was saved, so the page shows the exam as the person left it."""
    items = list(attempt.items.select_related("question").order_by("position"))
    from .models import Option

    option_ids = [oid for item in items for oid in item.option_order]
    options = {o.pk: o for o in Option.objects.filter(pk__in=option_ids).only("id", "text", "text_zh", "question_id")}
    for item in items:
        selected = set(item.selected or [])
        sent = answers.tokens_for(item.pk) if answers is not None else None
        item.choices = [
            Choice(
                token=token,
                text=options[oid].display_text,
                checked=token in sent if sent is not None else oid in selected,
            )
            for oid, token in zip(item.option_order, item.option_tokens, strict=True)
            if oid in options
        ]
    return items


def item_statistics(*, course):
    """Per question: how often drawn in a submitted attempt and how often answered wrong."""
    rows = (
        AttemptQuestion.objects.filter(attempt__exam__course=course, attempt__status=ExamAttempt.Status.SUBMITTED)
        .values("question_id", "question__text", "question__text_zh", "question__kind")
        .annotate(asked=Count("id"), wrong=Count("id", filter=Q(is_correct=False)))
        .order_by("-wrong", "question_id")
    )
    result = []
    for row in rows:
        row["wrong_rate"] = round(100 * row["wrong"] / row["asked"]) if row["asked"] else 0
        result.append(row)
    result.sort(key=lambda r: (-r["wrong_rate"], -r["asked"], r["question_id"]))
    return result


# --- plan --------------------------------------------------------------------------------------


def plan_progress(*, year):
    """Plan lines of a year with progress: share of the audience holding a pass from that year."""
    lines = list(
        PlanLine.objects.filter(year=year)
        .select_related("course")
        .prefetch_related(Prefetch("departments", to_attr="dept_list"))
    )
    people = list(User.objects.filter(is_active=True).values_list("pk", "department_id"))
    course_ids = {line.course_id for line in lines}
    done = set(
        Completion.objects.filter(course_id__in=course_ids, completed_on__year=year).values_list(
            "person_id", "course_id"
        )
    )
    held = set(
        TrainingSession.objects.filter(course_id__in=course_ids, starts_at__year=year).values_list(
            "course_id", "starts_at__month"
        )
    )
    out = []
    for line in lines:
        dept_ids = {d.pk for d in line.dept_list}
        audience = [pk for pk, dept in people if not dept_ids or dept in dept_ids]
        passed = sum(1 for pk in audience if (pk, line.course_id) in done)
        out.append(
            {
                "line": line,
                "audience": len(audience),
                "passed": passed,
                "percent": round(100 * passed / len(audience)) if audience else 0,
                "session_held": (line.course_id, line.month) in held,
            }
        )
    overall = round(sum(r["percent"] for r in out) / len(out)) if out else 0
    return out, overall


def sessions_for_calendar(*, person, since):
    """Classroom sessions the person is enrolled in or trains, from ``since`` on (iCalendar feed)."""
    return (
        TrainingSession.objects.filter(Q(enrolments__person=person) | Q(trainer=person), starts_at__gte=since)
        .select_related("course", "area__floor__site")
        .distinct()
        .order_by("starts_at", "id")
    )
