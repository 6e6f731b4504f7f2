"""Where people stand with the courses they owe: the compliance matrix, "My training", the team page.
Fixed numbers of queries whatever the number of people and courses (rows loaded in bulk, joined in
Python)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.organization.models import User

from ..models import (
    Assignment,
    Completion,
    Course,
)
from .clearance import Clearance, _active_requirements, _scope_sets, attach_next_steps, clearance_for_people
from .people import people_for

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


def training_status(people, *, person_ids=None, today=None, also_courses=()) -> TrainingStatus:
    """Per person and course: passed, due, overdue or expired. Five queries whatever the numbers.

    A course is required of a person when an active rule applies to them or they have it open (a
    course assigned by hand is owed as much as a required one). Retired courses are owed by nobody.
    ``person_ids`` (a queryset of ids) saves a long ``IN`` list for big groups. ``also_courses``: columns
    to fill even if none of ``people`` owes them (a page of the matrix shows the whole matrix's columns)."""
    today = today or timezone.localdate()
    people = list(people)
    person_ids = person_ids if person_ids is not None else [p.pk for p in people]
    reqs = _active_requirements()
    courses = {r.course_id: r.course for r in reqs}
    for c in also_courses:
        courses.setdefault(c.pk, c)
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


def compliance_matrix(*, user, people=None, course=None, category=None, status=None, today=None) -> Matrix:
    """People × the courses they owe (:func:`training_status`). Six queries, whatever the number of
    people and courses. ``people`` narrows the user's scope (a filtered queryset of people, see
    ``filters.MatrixFilter``); ``course`` and ``category`` pick the columns; ``status`` keeps the rows
    with at least one cell in it (the totals count every row)."""
    people_qs = people_for(user=user, people=people)
    persons = list(people_qs.order_by("department__name", "full_name", "id"))
    owed = training_status(persons, person_ids=people_qs.values("pk"), today=today)
    courses = owed.courses
    if course is not None:
        course_id = getattr(course, "pk", course)
        courses = [c for c in courses if c.pk == course_id]
    if category:
        courses = [c for c in courses if c.category == category]
    totals = {PASSED: 0, DUE: 0, OVERDUE: 0, EXPIRED: 0}
    rows = []
    for person in persons:
        cells = [owed.cell(person, c) for c in courses]
        for cell in cells:
            if cell.status:
                totals[cell.status] += 1
        if status and not any(c.status == status for c in cells):
            continue
        rows.append(MatrixRow(person=person, cells=cells))
    return Matrix(courses=courses, rows=rows, totals=totals)


def team_overview(*, user, people=None, today=None):
    """The head's team page: each person's clearance and open/overdue assignments (fixed query count).
    ``people`` narrows the user's scope (``filters.PeopleFilter``)."""
    today = today or timezone.localdate()
    qs = people_for(user=user, people=people)
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


# --- the matrix at company size (issue 12) ------------------------------------------------------


def _status_sql(people_qs, course_ids, reqs, today):
    """SQL giving ``(person_id, course_id, status)`` for every person of ``people_qs`` and course of
    ``course_ids``: the status :func:`_cell` gives, computed by the database (the newest pass by a window
    function, the open assignment and the rules that apply by joins). Portable (PostgreSQL, SQLite)."""
    from django.db import connection

    qn = connection.ops.quote_name
    scope_sql, scope_params = people_qs.order_by().values("id", "department_id", "post_id").query.sql_with_params()
    course_list = ", ".join(str(int(c)) for c in course_ids) or "NULL"
    required = []
    for r in reqs:
        if r.course_id not in course_ids:
            continue
        departments, posts = _scope_sets(r)
        if r.audience == r.Audience.ALL:
            condition = "1 = 1"
        elif r.audience == r.Audience.DEPARTMENTS:
            condition = f"p.department_id IN ({', '.join(str(int(d)) for d in departments) or 'NULL'})"
        else:
            condition = f"p.post_id IN ({', '.join(str(int(d)) for d in posts) or 'NULL'})"
        required.append(f"(k.id = {int(r.course_id)} AND {condition})")
    required_sql = " OR ".join(required) or "1 = 0"
    completion, assignment, course = (qn(m._meta.db_table) for m in (Completion, Assignment, Course))
    sql = f"""
        SELECT p.id AS person_id, k.id AS course_id,
          CASE
            WHEN r.completed_on IS NOT NULL AND (r.expires_on IS NULL OR r.expires_on >= %s) THEN '{PASSED}'
            WHEN o.due_date IS NOT NULL AND o.due_date < %s THEN '{OVERDUE}'
            WHEN o.due_date IS NOT NULL AND r.completed_on IS NOT NULL THEN '{EXPIRED}'
            WHEN o.due_date IS NOT NULL THEN '{DUE}'
            WHEN ({required_sql}) AND r.completed_on IS NOT NULL THEN '{EXPIRED}'
            WHEN ({required_sql}) THEN '{DUE}'
          END AS status
        FROM ({scope_sql}) p
        CROSS JOIN {course} k
        LEFT JOIN (
          SELECT person_id, course_id, completed_on, expires_on FROM (
            SELECT c.person_id, c.course_id, c.completed_on, c.expires_on,
              ROW_NUMBER() OVER (PARTITION BY c.person_id, c.course_id ORDER BY c.completed_on DESC, c.id DESC) AS rn
            FROM {completion} c WHERE c.course_id IN ({course_list})
          ) newest WHERE rn = 1
        ) r ON r.person_id = p.id AND r.course_id = k.id
        LEFT JOIN {assignment} o ON o.person_id = p.id AND o.course_id = k.id AND o.status = %s
        WHERE k.id IN ({course_list})
    """
    return sql, (today, today, *scope_params, Assignment.Status.OPEN)


def _matrix_columns(people_qs, reqs, course, category):
    """The matrix's columns: every active course a rule requires or someone of ``people_qs`` has open,
    by name, narrowed to ``course`` or ``category``."""
    courses = {r.course_id: r.course for r in reqs}
    owed_by_hand = Course.objects.filter(
        is_active=True,
        pk__in=Assignment.objects.filter(person_id__in=people_qs.values("pk"), status=Assignment.Status.OPEN).values(
            "course_id"
        ),
    ).exclude(pk__in=list(courses))
    for c in owed_by_hand:
        courses[c.pk] = c
    shown = sorted(courses.values(), key=lambda c: (c.name, c.pk))
    if course is not None:
        course_id = getattr(course, "pk", course)
        shown = [c for c in shown if c.pk == course_id]
    if category:
        shown = [c for c in shown if c.category == category]
    return shown


def compliance_matrix_page(
    *, user, people=None, course=None, category=None, status=None, page_number=None, per_page=100, today=None
):
    """The matrix page (:func:`compliance_matrix`, same cells and totals) without building every cell of the
    company: the totals and the status filter come from one grouped SQL statement each, the people are
    paged in the database, and only the page's rows get their cells (:func:`training_status`). Returns
    ``(Matrix, Page)``; the page's ``object_list`` are the :class:`MatrixRow` of that page."""
    from django.core.paginator import Paginator
    from django.db import connection

    today = today or timezone.localdate()
    people_qs = people_for(user=user, people=people)
    reqs = _active_requirements()
    shown = _matrix_columns(people_qs, reqs, course, category)
    shown_ids = [c.pk for c in shown]
    totals = {PASSED: 0, DUE: 0, OVERDUE: 0, EXPIRED: 0}
    sql, params = _status_sql(people_qs, shown_ids, reqs, today)
    if shown_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT status, COUNT(*) FROM ({sql}) cells WHERE status IS NOT NULL GROUP BY status", params
            )
            for key, n in cursor.fetchall():
                totals[key] = n
    rows_qs = people_qs.order_by("department__name", "full_name", "id")
    if status:
        from django.db.models.expressions import RawSQL

        if shown_ids:
            rows_qs = rows_qs.filter(
                pk__in=RawSQL(f"SELECT person_id FROM ({sql}) cells WHERE status = %s", (*params, status))
            )
        else:
            rows_qs = rows_qs.none()
    page = Paginator(rows_qs, per_page).get_page(page_number)
    persons = list(page.object_list)
    owed = training_status(persons, today=today, also_courses=shown)
    page.object_list = [MatrixRow(person=p, cells=[owed.cell(p, c) for c in shown]) for p in persons]
    return Matrix(courses=shown, rows=page.object_list, totals=totals), page


def compliance_matrix_chunks(*, user, people=None, course=None, category=None, today=None, chunk=2000):
    """``(courses, rows)`` for the CSV export: the matrix's rows (``status`` aside) in chunks of ``chunk``
    people, each with its own :func:`training_status`, so memory stays flat whatever the company."""
    today = today or timezone.localdate()
    people_qs = people_for(user=user, people=people).order_by("department__name", "full_name", "id")
    courses = _matrix_columns(people_qs, _active_requirements(), course, category)

    def rows():
        ids = list(people_qs.values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            batch = ids[start : start + chunk]
            by_id = people_qs.in_bulk(batch)
            persons = [by_id[pk] for pk in batch if pk in by_id]
            owed = training_status(persons, today=today, also_courses=courses)
            for p in persons:
                yield MatrixRow(person=p, cells=[owed.cell(p, c) for c in courses])

    return courses, rows()
