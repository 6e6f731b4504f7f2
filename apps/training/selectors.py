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


def my_open_assignments(*, person):
    return (
        Assignment.objects.filter(person=person, status=Assignment.Status.OPEN)
        .select_related("course", "course__exam")
        .order_by("due_date", "id")
    )


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
    status: str | None
    date: datetime.date | None = None

    @property
    def label(self):
        return STATUS_LABELS.get(self.status, "")


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
    """People × required courses. Six queries, whatever the number of people and courses."""
    filters = filters or {}
    today = today or timezone.localdate()
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
    reqs = _active_requirements()
    if filters.get("course"):
        reqs = [r for r in reqs if str(r.course_id) == str(filters["course"])]
    if filters.get("category"):
        reqs = [r for r in reqs if r.course.category == filters["category"]]
    courses = {}
    for r in reqs:
        courses.setdefault(r.course_id, r.course)
    courses = sorted(courses.values(), key=lambda c: (c.name, c.pk))
    course_ids = [c.pk for c in courses]
    person_filter = people_qs.values("pk")
    latest = {}
    for person_id, course_id, done, expires in (
        Completion.objects.filter(person_id__in=person_filter, course_id__in=course_ids)
        .order_by("completed_on", "id")
        .values_list("person_id", "course_id", "completed_on", "expires_on")
    ):
        latest[(person_id, course_id)] = (done, expires)
    open_due = {
        (p, c): due
        for p, c, due in Assignment.objects.filter(
            person_id__in=person_filter, course_id__in=course_ids, status=Assignment.Status.OPEN
        ).values_list("person_id", "course_id", "due_date")
    }
    sets = {r.pk: _scope_sets(r) for r in reqs}
    reqs_by_course = {}
    for r in reqs:
        reqs_by_course.setdefault(r.course_id, []).append(r)
    totals = {PASSED: 0, DUE: 0, OVERDUE: 0, EXPIRED: 0}
    rows = []
    wanted = filters.get("status")
    for person in people:
        cells = []
        for course in courses:
            key = (person.pk, course.pk)
            required = key in open_due or any(
                r.applies_to(person, *sets[r.pk]) for r in reqs_by_course.get(course.pk, [])
            )
            record = latest.get(key)
            if record and (record[1] is None or record[1] >= today):
                cell = Cell(PASSED, record[1] or record[0])
            elif key in open_due and open_due[key] < today:
                cell = Cell(OVERDUE, open_due[key])
            elif record and key in open_due:
                cell = Cell(EXPIRED, record[1])  # lapsed and reassigned, not yet overdue
            elif key in open_due:
                cell = Cell(DUE, open_due[key])
            elif record:
                cell = Cell(EXPIRED if required else None, record[1])
            elif required:
                cell = Cell(DUE)
            else:
                cell = Cell(None)
            if cell.status:
                totals[cell.status] += 1
            cells.append(cell)
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


def attempt_items_for_display(attempt):
    """Drawn questions with their options in the attempt's shuffled order (no answer key read)."""
    items = list(attempt.items.select_related("question").order_by("position"))
    from .models import Option

    option_ids = [oid for item in items for oid in item.option_order]
    options = {o.pk: o for o in Option.objects.filter(pk__in=option_ids).only("id", "text", "text_zh", "question_id")}
    for item in items:
        item.shuffled_options = [options[oid] for oid in item.option_order if oid in options]
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
