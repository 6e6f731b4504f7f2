"""Training: each employee is assigned most active courses (≈ 5.7 each: 287 k at 50 k), ≈ 97 % of them done
(a completion each, some expiring within the month), one submitted exam attempt per employee (50 k) behind
their exam completion; the rest open, some overdue."""

import datetime
import decimal

from apps.training.models import Assignment, Completion, Course, Exam, ExamAttempt, Requirement

from . import contributor, day_time


def done(ctx):
    people = ctx.data["people"]
    return Assignment.objects.filter(person_id__in=people[:1]).exists()


@contributor("training", done=done)
def build(ctx):
    rng = ctx.rng
    courses = list(Course.objects.filter(is_active=True).order_by("pk").values_list("pk", "validity_months"))
    exams = dict(Exam.objects.values_list("course_id", "pk"))
    exam_rules = {
        pk: (count, mark) for pk, count, mark in Exam.objects.values_list("pk", "question_count", "pass_mark")
    }
    requirements = dict(Requirement.objects.filter(is_active=True).values_list("course_id", "pk"))
    officers = ctx.data["officers"]
    attempt_id, completion_id = ctx.next_id(ExamAttempt), ctx.next_id(Completion)
    attempts, completions, assignments = [], [], []
    for person in ctx.data["people"]:
        examined = False
        for course, validity in courses:
            if rng.random() < 0.05:
                continue
            assigned_on = ctx.today - datetime.timedelta(days=rng.randrange(20, 700))
            due = assigned_on + datetime.timedelta(days=30)
            reason = "hire" if course in requirements else "manual"
            if rng.random() < 0.03:  # still open (overdue when the due date has passed)
                due = ctx.today + datetime.timedelta(days=rng.randrange(-60, 30))
                assignments.append((person, course, requirements.get(course), reason, "open", due, None, None))
                continue
            # Completed: most long enough ago to be valid, a few expiring within the month.
            if validity:
                expires = ctx.today + datetime.timedelta(
                    days=rng.randrange(1, 30) if rng.random() < 0.04 else rng.randrange(30, validity * 30)
                )
                completed_on = expires - datetime.timedelta(days=validity * 30)
            else:
                expires, completed_on = None, ctx.today - datetime.timedelta(days=rng.randrange(1, 700))
            at = day_time(completed_on, rng)
            attempt = None
            if course in exams and not examined:
                examined = True
                exam = exams[course]
                count, mark = exam_rules[exam]
                correct = rng.randrange(max(1, count * mark // 100), count + 1)
                attempts.append((attempt_id, exam, person, at, count, mark, correct))
                attempt, attempt_id = attempt_id, attempt_id + 1
            source = "exam" if attempt else "manual"
            completions.append((completion_id, person, course, completed_on, expires, source, attempt, officers[0], at))
            assignments.append((person, course, requirements.get(course), reason, "completed", due, completion_id, at))
            completion_id += 1

    ctx.insert(
        ExamAttempt,
        (
            {
                "id": pk,
                "exam_id": exam,
                "person_id": person,
                "number": 1,
                "status": "submitted",
                "started_at": at,
                "deadline": at + datetime.timedelta(minutes=30),
                "submitted_at": at + datetime.timedelta(minutes=12),
                "pass_mark": mark,
                "question_total": count,
                "correct_count": correct,
                "score": decimal.Decimal(100 * correct / count).quantize(decimal.Decimal("0.01")),
                "passed": True,
                "created_at": at,
                "updated_at": at,
            }
            for pk, exam, person, at, count, mark, correct in attempts
        ),
    )
    ctx.insert(
        Completion,
        (
            {
                "id": pk,
                "person_id": person,
                "course_id": course,
                "completed_on": on,
                "expires_on": expires,
                "source": source,
                "attempt_id": attempt,
                "recorded_by_id": None if attempt else by,
                "created_at": at,
                "updated_at": at,
            }
            for pk, person, course, on, expires, source, attempt, by, at in completions
        ),
    )
    ctx.insert(
        Assignment,
        (
            {
                "person_id": person,
                "course_id": course,
                "requirement_id": requirement,
                "reason": reason,
                "status": status,
                "due_date": due,
                "completion_id": completion,
                "completed_at": at,
                "created_at": day_time(due - datetime.timedelta(days=30), rng),
                "updated_at": at or ctx.now,
            }
            for person, course, requirement, reason, status, due, completion, at in assignments
        ),
    )
