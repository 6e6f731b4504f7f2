import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError
from apps.core.filters import report_filter_errors
from apps.core.pagination import paginate
from apps.core.params import parse_id, year_param
from apps.core.permissions import require
from apps.core.selectors import attachments_for, timeline_for
from apps.core.views import attachment_response
from apps.core.workflow_views import move_items
from apps.organization.models import User

from . import selectors, services
from .filters import AssignmentFilter, CourseFilter, MatrixFilter, PeopleFilter, SessionFilter, require_valid
from .forms import (
    AssignmentForm,
    CompletionForm,
    CourseForm,
    ExamForm,
    MaterialForm,
    PlanLineForm,
    QuestionForm,
    RequirementForm,
    SessionForm,
)
from .models import Completion, Course, Exam, ExamAttempt, Material, Question, Requirement, TrainingSession
from .pdf import certificate_pdf_response
from .workflow import ASSIGNMENT_FLOW, ATTEMPT_FLOW

# --- courses -----------------------------------------------------------------------------------


@login_required
def course_list(request):
    course_filter = CourseFilter(request.GET, queryset=selectors.course_list(user=request.user))
    page = paginate(request, course_filter.qs)
    return render(request, "training/course_list.html", {"page": page, "filter": course_filter})


@login_required
def course_detail(request, pk):
    course = get_object_or_404(selectors.course_list(user=request.user), pk=pk)
    exam = Exam.objects.filter(course=course).first()
    can_open_materials = request.user.has_perm("training.view_material", course)
    materials = list(course.materials.all())
    if can_open_materials:
        files = selectors.material_files(materials)
        for material in materials:
            material.files = files.get(material.pk, [])
    context = {
        "course": course,
        "exam": exam,
        "materials": materials,
        "can_open_materials": can_open_materials,
        "attempts_left": services.attempts_left(person=request.user, exam=exam) if exam else None,
        "running": ExamAttempt.objects.filter(
            exam=exam, person=request.user, status=ExamAttempt.Status.IN_PROGRESS
        ).first()
        if exam
        else None,
        "sessions": selectors.session_list(user=request.user, upcoming_only=True).filter(course=course),
        "question_count": course.questions.filter(is_active=True).count(),
    }
    if request.user.has_perm("training.manage_courses"):
        context["timeline"] = timeline_for(course)
    return render(request, "training/course_detail.html", context)


@login_required
def course_create(request, pk=None):
    require(request.user, "training.manage_courses")
    course = get_object_or_404(Course, pk=pk) if pk else None
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        course = services.course_save(
            user=request.user, course=form.save(commit=False), clauses=form.cleaned_data.get("clauses")
        )
        messages.success(request, _("Course saved."))
        return redirect(course)
    return render(request, "training/course_form.html", {"form": form, "course": course})


@login_required
def exam_settings(request, pk):
    require(request.user, "training.manage_courses")
    course = get_object_or_404(Course, pk=pk)
    exam = Exam.objects.filter(course=course).first()
    initial = (
        {
            f: getattr(exam, f)
            for f in (
                "question_count",
                "pass_mark",
                "time_limit_minutes",
                "max_attempts",
                "show_wrong_questions",
                "show_correct_answers",
            )
        }
        if exam
        else {"show_wrong_questions": True}
    )
    form = ExamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.exam_save(user=request.user, course=course, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Exam saved."))
            return redirect(course)
    return render(request, "training/exam_form.html", {"form": form, "course": course})


@login_required
def material_file(request, pk):
    """A material's file, for the course's audience (``training.view_material``); others get a 404."""
    material = get_object_or_404(Material.objects.select_related("course"), pk=pk)
    if not request.user.has_perm("training.view_material", material):
        raise Http404
    attachment = attachments_for(material).first()
    if attachment is None:
        raise Http404
    ext = attachment.download_name.rsplit(".", 1)[-1]
    return attachment_response(attachment, filename=f"{slugify(material.title) or 'material'}.{ext}")


@login_required
def material_add(request, pk):
    require(request.user, "training.manage_courses")
    course = get_object_or_404(Course, pk=pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_add(
                user=request.user,
                course=course,
                title=data["title"],
                title_zh=data["title_zh"],
                url=data["url"],
                text=data["text"],
                text_zh=data["text_zh"],
                upload=data.get("file"),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(course)
    return render(request, "training/material_form.html", {"form": form, "course": course})


@login_required
def question_list(request, pk):
    require(request.user, "training.manage_courses")
    course = get_object_or_404(Course, pk=pk)
    questions = (
        course.questions.prefetch_related("options")
        .annotate(has_newer=Exists(Question.objects.filter(previous_version=OuterRef("pk"))))
        .order_by("-is_active", "id")
    )
    return render(request, "training/question_list.html", {"course": course, "questions": questions})


@login_required
def question_create(request, pk):
    require(request.user, "training.manage_courses")
    course = get_object_or_404(Course, pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(user=request.user, course=course, **form.service_kwargs())
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Question added."))
            return redirect("training:question_list", pk=course.pk)
    return render(request, "training/question_form.html", {"form": form, "course": course})


@login_required
def question_update(request, pk):
    """Officers edit a question; the service saves it as a new version so past attempts stay as taken."""
    require(request.user, "training.manage_courses")
    question = get_object_or_404(Question.objects.select_related("course").prefetch_related("options"), pk=pk)
    if not question.is_active:
        messages.error(request, _("This question is no longer in use; edit its current version instead."))
        return redirect("training:question_list", pk=question.course_id)
    form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(user=request.user, question=question, **form.service_kwargs())
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Question saved. Attempts already taken keep the earlier version."))
            return redirect("training:question_list", pk=question.course_id)
    context = {"form": form, "course": question.course, "question": question}
    return render(request, "training/question_form.html", context)


@require_POST
@login_required
def question_retire(request, pk):
    require(request.user, "training.manage_courses")
    question = get_object_or_404(Question, pk=pk)
    services.question_retire(user=request.user, question=question)
    return redirect("training:question_list", pk=question.course_id)


@login_required
def exam_statistics(request, pk):
    require(request.user, "training.view_statistics")
    course = get_object_or_404(Course, pk=pk)
    attempts = ExamAttempt.objects.filter(exam__course=course, status=ExamAttempt.Status.SUBMITTED)
    context = {
        "course": course,
        "rows": selectors.item_statistics(course=course),
        "attempt_count": attempts.count(),
        "pass_count": attempts.filter(passed=True).count(),
    }
    return render(request, "training/exam_statistics.html", context)


# --- exams -------------------------------------------------------------------------------------


@require_POST
@login_required
def exam_start(request, pk):
    course = get_object_or_404(selectors.course_list(user=request.user), pk=pk)
    try:
        attempt = services.exam_attempt_start(user=request.user, course=course)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(course)
    return redirect(attempt)


def own_attempts(request):
    """The signed-in person's attempts: only they may answer or submit one (others get a 404)."""
    return ExamAttempt.objects.select_related("exam__course").filter(person=request.user)


@login_required
def attempt_detail(request, pk):
    attempt = get_object_or_404(selectors.attempt_list(user=request.user).select_related("exam"), pk=pk)
    if attempt.person_id == request.user.pk:
        attempt = services.exam_attempt_time_out(attempt=attempt, user=request.user)  # opened after its time
    return attempt_page(request, attempt)


def attempt_page(request, attempt, *, bound_form=None, status=200):
    """The exam while it runs (for its person only), the result once it has ended. After a refused
    submission: the exam again with the answers as they were sent and the reason (status 400)."""
    if attempt.status == ExamAttempt.Status.SUBMITTED:
        return _render_result(request, attempt, status=status)
    if attempt.person_id != request.user.pk:
        raise Http404
    moves = {item["move"].name: item for item in move_items(ATTEMPT_FLOW, attempt, request.user, bound_form)}
    context = {
        "attempt": attempt,
        "items": selectors.attempt_items_for_display(attempt, answers=bound_form),
        "course": attempt.exam.course,
        "seconds_left": max(0, int((attempt.deadline - timezone.now()).total_seconds())),
        "submit": moves.get("submit"),
    }
    return render(request, "training/attempt_take.html", context, status=status)


def _render_result(request, attempt, *, status=200):
    exam = attempt.exam
    wrong = []
    show_wrong = exam.show_wrong_questions or request.user.has_perm("training.view_statistics")
    show_correct = exam.show_correct_answers or request.user.has_perm("training.view_statistics")
    if show_wrong:
        for item in (
            attempt.items.filter(is_correct=False).select_related("question").prefetch_related("question__options")
        ):
            options = {o.pk: o for o in item.question.options.all()}
            wrong.append(
                {
                    "question": item.question,
                    "chosen": [options[o] for o in item.selected if o in options],
                    "correct": [o for o in options.values() if o.is_correct] if show_correct else None,
                }
            )
    completion = Completion.objects.filter(attempt=attempt).first()
    context = {
        "attempt": attempt,
        "course": exam.course,
        "wrong": wrong,
        "show_wrong": show_wrong,
        "completion": completion,
        "attempts_left": services.attempts_left(person=attempt.person, exam=exam),
        "timeline": timeline_for(attempt),
    }
    return render(request, "training/attempt_result.html", context, status=status)


@require_POST
@login_required
def attempt_answer(request, pk):
    """htmx autosave of one answer; returns a small status fragment."""
    attempt = get_object_or_404(own_attempts(request), pk=pk)
    item_id = parse_id(request.GET.get("item") or request.POST.get("item"))
    try:
        result = services.exam_answer_save(
            user=request.user, attempt=attempt, item_id=item_id, tokens=request.POST.getlist(f"q-{item_id}")
        )
    except ApplicationError as exc:
        return HttpResponse(format_html('<span class="text-danger small">{}</span>', exc.message))
    if result.saved:
        return HttpResponse(
            format_html('<span class="text-success small"><i class="bi bi-check2"></i> {}</span>', _("Saved"))
        )
    return HttpResponse(format_html('<span class="text-danger small">{}</span>', result.message))


# --- my training, team, new hires ------------------------------------------------------------


@login_required
def my_training(request):
    user = request.user
    due = selectors.my_due(person=user)
    context = {
        "clearance": selectors.training_clearance(user),
        "due": due,
        "records": selectors.my_records(person=user),
        "attempts": selectors.my_attempts(person=user)[:20],
        "sessions": selectors.session_list(user=user, upcoming_only=True).filter(
            course_id__in=[course.pk for course, _cell in due]
        ),
        "enrolled_ids": set(user.training_enrolments.values_list("session_id", flat=True)),
        "today": timezone.localdate(),
    }
    return render(request, "training/my_training.html", context)


@login_required
def team(request):
    require(request.user, "training.view_team")
    people = PeopleFilter(request.GET, queryset=selectors.people_in_scope(user=request.user))
    report_filter_errors(request, people.form)
    rows = selectors.team_overview(user=request.user, people=people.qs)
    page = paginate(request, rows, per_page=50)
    context = {
        "page": page,
        "assignable": _assignable_ids(request.user, [r["person"] for r in page if not r["clearance"].cleared]),
        "back": request.get_full_path(),
        "cleared_count": sum(1 for r in rows if r["clearance"].cleared),
        "total": len(rows),
        "filter": people,
    }
    return render(request, "training/team.html", context)


def _assignable_ids(user, people):
    """Ids of the people ``user`` may assign training to (officers: anyone; heads: their departments)."""
    if not user.has_perm("training.assign"):
        return set()
    return {p.pk for p in people if user.has_perm("training.assign_person", p)}


@login_required
def new_hires(request):
    """People not cleared for work (the URL keeps its first name), each with why and the next step."""
    require(request.user, "training.view_new_hires")
    people = PeopleFilter(request.GET, queryset=selectors.people_in_scope(user=request.user))
    report_filter_errors(request, people.form)
    # Found and paged in the database; clearance and next steps for the page's people only (issue 12).
    page = selectors.new_hires_not_cleared_page(
        user=request.user, people=people.qs, page_number=request.GET.get("page")
    )
    rows = page.object_list
    context = {
        "filter": people,
        "page": page,
        "rows": rows,
        "assignable": _assignable_ids(request.user, [p for p, _c in rows]),
        "new_since": timezone.localdate() - datetime.timedelta(days=selectors.NEW_HIRE_DAYS),
    }
    return render(request, "training/new_hires.html", context)


@require_POST
@login_required
def assignment_again(request):
    """One click from a "not cleared" list: assign a missing induction course again (or for the first
    time). An open assignment whose attempts are all used is replaced, so the attempts start afresh."""
    require(request.user, "training.assign")
    person = get_object_or_404(selectors.people_in_scope(user=request.user), pk=parse_id(request.POST.get("person")))
    course = get_object_or_404(Course, pk=parse_id(request.POST.get("course")), is_active=True)
    due_days = min(
        Requirement.objects.filter(course=course, is_active=True, trigger=Requirement.Trigger.HIRE).values_list(
            "due_days", flat=True
        ),
        default=14,
    )
    due = timezone.localdate() + datetime.timedelta(days=due_days)
    try:
        created = services.assignment_create(user=request.user, people=[person], course=course, due_date=due)
    except ApplicationError as exc:
        if isinstance(exc, PermissionDenied):
            raise
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(
                request,
                _("%(course)s assigned to %(person)s, due %(due)s: the exam attempts start afresh.")
                % {"course": course.display_name, "person": person, "due": date_format(due, "SHORT_DATE_FORMAT")},
            )
        else:
            messages.warning(
                request,
                _("Nothing assigned: %(person)s already has %(course)s open with attempts left, or holds a pass.")
                % {"course": course.display_name, "person": person},
            )
    back = request.POST.get("next", "")
    if back != reverse("training:new_hires") and back.split("?")[0] != reverse("training:team"):
        back = reverse("training:new_hires" if request.user.has_perm("training.view_new_hires") else "training:team")
    return redirect(back)


# --- compliance matrix -------------------------------------------------------------------------


def _matrix_filter(request, *, export=False):
    """The filter of the compliance matrix (the page and its CSV export share it). The page shows what it
    can with the filter's errors; an export refuses an invalid filter."""
    require(request.user, "training.view_matrix")
    matrix_filter = MatrixFilter(request.GET, queryset=selectors.people_in_scope(user=request.user))
    if export:
        require_valid(matrix_filter)
    return matrix_filter


@login_required
def matrix(request):
    matrix_filter = _matrix_filter(request)
    # Paged and filtered in the database: only the page's 100 rows get their cells (issue 12).
    data, page = selectors.compliance_matrix_page(
        user=request.user,
        people=matrix_filter.qs,
        page_number=request.GET.get("page"),
        **matrix_filter.matrix_options(),
    )
    context = {"filter": matrix_filter, "matrix": data, "page": page}
    return render(request, "training/matrix.html", context)


@login_required
def matrix_export(request):
    matrix_filter = _matrix_filter(request, export=True)
    options = matrix_filter.matrix_options()
    status = options.pop("status")
    courses, rows_in_chunks = selectors.compliance_matrix_chunks(user=request.user, people=matrix_filter.qs, **options)
    header = [_("Employee number"), _("Name"), _("Department"), _("Post")] + [c.display_name for c in courses]

    def rows():
        for row in rows_in_chunks:
            if status and not any(c.status == status for c in row.cells):
                continue
            p = row.person
            yield [p.employee_number, str(p), p.department or "", p.post or ""] + [
                f"{c.label} {c.date.isoformat()}" if c.date else str(c.label) for c in row.cells
            ]

    return csv_response(filename="training-matrix", header=header, rows=rows())


# --- requirements and assignments --------------------------------------------------------------


@login_required
def requirement_list(request):
    require(request.user, "training.manage_requirements")
    reqs = Requirement.objects.select_related("course").prefetch_related("departments", "posts")
    return render(request, "training/requirement_list.html", {"requirements": reqs})


@login_required
def requirement_create(request):
    require(request.user, "training.manage_requirements")
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Requirement saved."))
            return redirect("training:requirement_list")
    return render(request, "training/form.html", {"form": form, "title": _("New training requirement")})


@require_POST
@login_required
def requirement_deactivate(request, pk):
    require(request.user, "training.manage_requirements")
    services.requirement_deactivate(user=request.user, requirement=get_object_or_404(Requirement, pk=pk))
    return redirect("training:requirement_list")


@login_required
def assignment_list(request):
    require(request.user, "training.assign")
    assignment_filter = AssignmentFilter(request.GET, queryset=selectors.assignment_list(user=request.user))
    page = paginate(request, assignment_filter.qs.order_by("due_date", "id"))
    for assignment in page:
        assignment.moves = move_items(ASSIGNMENT_FLOW, assignment, request.user)
    return render(request, "training/assignment_list.html", {"page": page, "filter": assignment_filter})


@login_required
def assignment_create(request):
    require(request.user, "training.assign")
    form = AssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.assignment_create(
                user=request.user, people=data["group"], course=data["course"], due_date=data["due_date"]
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(n)d assignments created.") % {"n": len(created)})
            return redirect("training:assignment_list")
    return render(request, "training/form.html", {"form": form, "title": _("Assign training")})


def visible_assignments(request):
    """The assignments the signed-in user may see (the moves' URLs fetch through this: others are a 404)."""
    return selectors.assignment_list(user=request.user)


def assignment_page(request, assignment, *, bound_form=None, status=200):
    """An assignment, its history and the moves the user may make; after a refused move, with that
    move's form as it was filled in (status 400)."""
    context = {
        "assignment": assignment,
        "timeline": timeline_for(assignment),
        "moves": move_items(ASSIGNMENT_FLOW, assignment, request.user, bound_form=bound_form),
    }
    return render(request, "training/assignment_detail.html", context, status=status)


@login_required
def assignment_detail(request, pk):
    return assignment_page(request, get_object_or_404(visible_assignments(request), pk=pk))


@login_required
def record_create(request):
    require(request.user, "training.record_completion")
    form = CompletionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.completion_record(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Training record saved."))
            return redirect("training:matrix")
    return render(request, "training/form.html", {"form": form, "title": _("Record a completed training")})


# --- sessions ----------------------------------------------------------------------------------


@login_required
def session_list(request):
    session_filter = SessionFilter(request.GET, queryset=selectors.session_list(user=request.user))
    page = paginate(request, session_filter.qs)
    mine = set(request.user.training_enrolments.values_list("session_id", flat=True))
    context = {"page": page, "filter": session_filter, "upcoming": session_filter.upcoming, "mine": mine}
    return render(request, "training/session_list.html", context)


@login_required
def session_create(request):
    require(request.user, "training.manage_sessions")
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(session)
    return render(request, "training/form.html", {"form": form, "title": _("New training session")})


@login_required
def session_detail(request, pk):
    session = get_object_or_404(selectors.session_list(user=request.user), pk=pk)
    can_mark = request.user.has_perm("training.take_attendance", session)
    context = {
        "session": session,
        "enrolments": selectors.session_enrolments(session=session) if can_mark else None,
        "is_enrolled": session.enrolments.filter(person=request.user).exists(),
        "can_mark": can_mark,
    }
    return render(request, "training/session_detail.html", context)


@require_POST
@login_required
def session_enrol(request, pk):
    session = get_object_or_404(TrainingSession, pk=pk)
    try:
        services.session_enrol(user=request.user, session=session)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You are enrolled."))
    return redirect(session)


@require_POST
@login_required
def session_attendance(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    require(request.user, "training.take_attendance", session)
    person = get_object_or_404(User, pk=parse_id(request.POST.get("person")))
    attended = request.POST.get("attended") == "1"
    try:
        enrolment = services.session_attendance_mark(
            user=request.user, session=session, person=person, attended=attended
        )
    except ApplicationError as exc:
        if request.htmx:
            return HttpResponse(format_html('<span class="text-danger small">{}</span>', exc.message))
        messages.error(request, exc.message)
        return redirect(session)
    if request.htmx:
        return render(request, "training/session_detail.html#attendance_row", {"e": enrolment, "session": session})
    return redirect(session)


# --- plan --------------------------------------------------------------------------------------


@login_required
def plan(request):
    require(request.user, "training.view_plan")
    year = year_param(request, default=timezone.localdate().year)
    rows, overall = selectors.plan_progress(year=year)
    return render(request, "training/plan.html", {"rows": rows, "overall": overall, "year": year})


@login_required
def plan_line_create(request):
    require(request.user, "training.manage_plan")
    form = PlanLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            line = services.plan_line_create(
                user=request.user,
                year=data["year"],
                month=data["month"],
                course=data["course"],
                method=data["method"],
                departments=data["departments"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(line)
    return render(request, "training/form.html", {"form": form, "title": _("New plan line")})


# --- certificates ------------------------------------------------------------------------------


@login_required
def certificate_pdf(request, pk):
    record = get_object_or_404(
        Completion.objects.select_related("person", "course", "person__department", "session__trainer"), pk=pk
    )
    if not request.user.has_perm("training.view_certificate", record):
        raise Http404
    return certificate_pdf_response(record, request)


def verify(request, code):
    """Public: confirms a certificate code; shows only validity, name, course and dates."""
    record = Completion.objects.select_related("person", "course").filter(code=code.strip().upper()).first()
    today = timezone.localdate()
    context = {"record": record, "valid": record.is_valid_on(today) if record else False, "code": code}
    # An unknown code is "not found" (404) for machines, with the same friendly page for people.
    response = render(request, "training/verify.html", context, status=200 if record else 404)
    response["X-Robots-Tag"] = "noindex"
    return response
