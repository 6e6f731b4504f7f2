from django.utils import timezone

from apps.training import services
from apps.training.models import Assignment, Completion
from tests.access import COMPANY_WIDE, HEADS_AND_COMPANY, LOGIN, OFFICERS, Case, everyone, only
from tests.training.factories import CourseFactory, SessionFactory, make_exam_course, make_question


def _course(p):
    course, _exam = make_exam_course(code="access-course")
    return {"pk": course.pk}


def _question(p):
    course = CourseFactory(code="access-q")
    return {"pk": make_question(course).pk}


def _attempt(p, submit=True):
    course, _exam = make_exam_course(code="access-exam")
    attempt = services.exam_attempt_start(user=p["employee"], course=course)
    if submit:
        attempt = services.exam_attempt_submit(user=p["employee"], attempt=attempt)
    return {"pk": attempt.pk}


def _running_attempt(p):
    return _attempt(p, submit=False)


def _answer_data(p, kwargs):
    from apps.training.models import ExamAttempt

    item = ExamAttempt.objects.get(pk=kwargs["pk"]).items.first()
    return {"item": item.pk, f"q-{item.pk}": item.option_tokens[:1]}


def _assignment(p):
    course = CourseFactory(code="access-assign")
    a = Assignment.objects.create(
        person=p["employee"], course=course, due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )
    return {"pk": a.pk}


def _requirement(p):
    from tests.training.factories import RequirementFactory

    return {"pk": RequirementFactory().pk}


def _session(p):
    return {"pk": SessionFactory().pk}


def _record(p):
    course = CourseFactory(code="access-record")
    record = Completion.objects.create(
        person=p["employee"], course=course, completed_on=timezone.localdate(), source=Completion.Source.MANUAL
    )
    return {"pk": record.pk}


def _record_code(p):
    record = Completion.objects.create(
        person=p["employee"],
        course=CourseFactory(code="access-verify"),
        completed_on=timezone.localdate(),
        source=Completion.Source.MANUAL,
    )
    return {"code": record.code}


def _material(p):
    """A course assigned to the employee, with a PDF material."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    course = CourseFactory(code="access-material")
    Assignment.objects.create(
        person=p["employee"], course=course, due_date=timezone.localdate(), reason=Assignment.Reason.MANUAL
    )
    upload = SimpleUploadedFile("handbook.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    material = services.material_add(user=p["officer"], course=course, title="Handbook", upload=upload)
    return {"pk": material.pk}


def _people(status, allowed, others):
    result = dict.fromkeys(everyone(), others)
    result.update(dict.fromkeys(allowed, status))
    result["anonymous"] = LOGIN
    return result


OFFICER_POST = only(OFFICERS, status=302)
HEAD_OR_OFFICER = {"head", "other_head", "officer"}
SEE_ASSIGNMENT = {"employee", "head", "officer", "manager"}

ACCESS = {
    "training:course_list": Case(expect=everyone()),
    "training:course_create": Case(expect=only(OFFICERS)),
    "training:course_detail": Case(kwargs=_course, expect=everyone()),
    "training:course_update": Case(kwargs=_course, expect=only(OFFICERS)),
    "training:exam_settings": Case(kwargs=_course, expect=only(OFFICERS)),
    "training:exam_start": Case(method="post", kwargs=_course, expect=everyone(302)),
    "training:material_add": Case(kwargs=_course, expect=only(OFFICERS)),
    # A course's materials: its audience (the assigned employee and their head) and company-wide roles.
    "training:material_file": Case(
        kwargs=_material, expect=_people(200, {"employee", "head", "officer", "manager"}, 404)
    ),
    "training:question_list": Case(kwargs=_course, expect=only(OFFICERS)),
    "training:question_create": Case(kwargs=_course, expect=only(OFFICERS)),
    "training:exam_statistics": Case(kwargs=_course, expect=only(OFFICERS)),
    "training:question_update": Case(kwargs=_question, expect=only(OFFICERS)),
    "training:question_retire": Case(method="post", kwargs=_question, expect=OFFICER_POST),
    # Exam answers: the person and the safety officers only (SPEC "Who uses it").
    "training:attempt_detail": Case(kwargs=_attempt, expect=_people(200, {"employee", "officer"}, 404)),
    "training:attempt_answer": Case(
        method="post", kwargs=_running_attempt, data=_answer_data, expect=_people(200, {"employee"}, 404)
    ),
    # The submit move (generic move view): only the person's own attempts are fetched, others are a 404.
    "training:examattempt_submit": Case(method="post", kwargs=_running_attempt, expect=_people(302, {"employee"}, 404)),
    "training:my_training": Case(expect=everyone()),
    "training:team": Case(expect=only(HEADS_AND_COMPANY)),
    "training:new_hires": Case(expect=only(COMPANY_WIDE)),
    "training:matrix": Case(expect=only(HEADS_AND_COMPANY)),
    "training:matrix_export": Case(expect=only(HEADS_AND_COMPANY)),
    "training:requirement_list": Case(expect=only(OFFICERS)),
    "training:requirement_create": Case(expect=only(OFFICERS)),
    "training:requirement_deactivate": Case(method="post", kwargs=_requirement, expect=OFFICER_POST),
    "training:assignment_list": Case(expect=only(HEAD_OR_OFFICER)),
    "training:assignment_create": Case(expect=only(HEAD_OR_OFFICER)),
    # Heads only for people of their departments (others are not in their scope: 404).
    "training:assignment_again": Case(
        method="post",
        data=lambda p, kw: {"person": p["employee"].pk, "course": CourseFactory(code="access-again").pk},
        expect={**_people(403, set(), 403), "officer": 302, "head": 302, "other_head": 404},
    ),
    # The employee's assignment: seen by them, their head and company-wide roles; others get a 404.
    "training:assignment_detail": Case(kwargs=_assignment, expect=_people(200, SEE_ASSIGNMENT, 404)),
    # The cancel move: officers only; those who see the assignment but may not cancel it get a 403.
    "training:assignment_cancel": Case(
        method="post", kwargs=_assignment, expect={**_people(403, SEE_ASSIGNMENT, 404), "officer": 302}
    ),
    "training:record_create": Case(expect=only(OFFICERS)),
    "training:session_list": Case(expect=everyone()),
    "training:session_create": Case(expect=only(OFFICERS)),
    "training:session_detail": Case(kwargs=_session, expect=everyone()),
    "training:session_enrol": Case(method="post", kwargs=_session, expect=everyone(302)),
    "training:session_attendance": Case(
        method="post",
        kwargs=_session,
        data=lambda p, kw: {"person": p["employee"].pk, "attended": "1"},
        expect=OFFICER_POST,
    ),
    "training:plan": Case(expect=everyone()),
    "training:plan_line_create": Case(expect=only(OFFICERS)),
    "training:certificate_pdf": Case(
        kwargs=_record, expect=_people(200, {"employee", "head", "officer", "manager"}, 404)
    ),
    "training:verify": Case(kwargs=_record_code, expect=everyone(200, anonymous=200)),
}
