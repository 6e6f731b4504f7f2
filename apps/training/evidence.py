"""Evidence from training for the regulation map; registered in ``TrainingConfig.ready``: passes of the
courses that carry out a clause (``Course.clauses``), the year's training plan (R6.1), induction, post
change and refresher training (R6.4), and training done at all (R2.2.3, R2.4.1)."""

from collections import defaultdict

from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import GREEN, RED, EvidenceProvider, Finding, Record, finding_for, period_start, start_of

from .models import Assignment, Completion, Course, PlanLine

# R6.2 (what is taught) and R6.3 (how): passes per course category and per method.
CATEGORY_CLAUSES = {
    Course.Category.LAWS: "R6.2.1",
    Course.Category.RULES: "R6.2.2",
    Course.Category.PROCEDURES: "R6.2.3",
    Course.Category.AWARENESS: "R6.2.4",
    Course.Category.EMERGENCY: "R6.2.5",
}
METHOD_CLAUSES = {
    Course.Method.CLASSROOM: "R6.3.1",
    Course.Method.ONLINE: "R6.3.2",
    Course.Method.DEMONSTRATION: "R6.3.3",
    Course.Method.CASE_STUDY: "R6.3.4",
}
REASONS = {"R6.4.1": Assignment.Reason.HIRE, "R6.4.2": Assignment.Reason.POST, "R6.4.3": Assignment.Reason.RENEWAL}
ALL_TRAINING = {"R2.2.3", "R2.4.1"}


def summarise(*, today):
    since = period_start(today)
    findings = {}
    # One pass over the completions, grouped by course (a few hundred rows); the figures per clause, per
    # category, per method and in all are sums and maxima of those rows (a completion has one course, so a
    # clause's count is the sum over its courses — what COUNT(DISTINCT) over the join gave, in four passes).
    per_course = {
        r["course_id"]: r
        for r in Completion.objects.order_by()
        .values("course_id")
        .annotate(last=Max("completed_on"), n=Count("pk", filter=Q(completed_on__gte=since)))
    }
    courses = {c["id"]: c for c in Course.objects.order_by().values("id", "category", "method")}
    clause_courses = defaultdict(list)
    for course_id, ref in Course.clauses.through.objects.order_by().values_list("course_id", "clause__ref"):
        clause_courses[ref].append(course_id)

    def rollup(course_ids):
        rows = [per_course[c] for c in course_ids if c in per_course]
        last = max((r["last"] for r in rows if r["last"] is not None), default=None)
        return last, sum(r["n"] for r in rows)

    for ref, course_ids in clause_courses.items():
        last, n = rollup(course_ids)
        if last is not None:  # the join grouped only courses with completions
            findings[ref] = finding_for(last=last, count=n, today=today)
    last, n = rollup(per_course)
    for ref in ALL_TRAINING:
        findings[ref] = finding_for(last=last, count=n, today=today)
    reasons = {
        r["reason"]: r
        for r in Assignment.objects.values("reason").annotate(
            last=Max("completed_at", filter=Q(status=Assignment.Status.COMPLETED)),
            n=Count("pk", filter=Q(status=Assignment.Status.COMPLETED, completed_at__gte=start_of(since))),
            overdue=Count("pk", filter=Q(status=Assignment.Status.OPEN, due_date__lt=today)),
        )
    }
    for ref, reason in REASONS.items():
        row = reasons.get(reason, {})
        overdue = row.get("overdue", 0)
        findings[ref] = finding_for(
            last=row.get("last"), count=row.get("n", 0), today=today, partial=bool(overdue),
            note=_("%(n)d overdue") % {"n": overdue} if overdue else "",
        )  # fmt: skip
    for field, mapping in (("category", CATEGORY_CLAUSES), ("method", METHOD_CLAUSES)):
        for value, ref in mapping.items():
            last, n = rollup(c for c in per_course if c in courses and courses[c][field] == value)
            findings[ref] = finding_for(last=last, count=n if last is not None else 0, today=today)
    lines = PlanLine.objects.filter(year=today.year).count()
    plan = Finding(GREEN, lines, None) if lines else Finding(RED, 0, None, _("No training plan for this year"))
    findings["R6.1"] = findings["R6.1.1"] = plan
    return findings


def records(*, ref, today, limit):
    if ref in ("R6.1", "R6.1.1"):
        lines = PlanLine.objects.filter(year=today.year).select_related("course").order_by("month", "id")[:limit]
        return [Record(label=str(line), url=line.get_absolute_url(), when=None) for line in lines]
    completions = Completion.objects.select_related("course", "person")
    by_category = {v: k for k, v in CATEGORY_CLAUSES.items()}
    by_method = {v: k for k, v in METHOD_CLAUSES.items()}
    if ref in REASONS:
        completions = completions.filter(assignments__reason=REASONS[ref])
    elif ref in by_category:
        completions = completions.filter(course__category=by_category[ref])
    elif ref in by_method:
        completions = completions.filter(course__method=by_method[ref])
    elif ref not in ALL_TRAINING:
        completions = completions.filter(course__clauses__ref=ref)
    return [
        Record(
            label=f"{c.course} · {c.person}",
            url=c.course.get_absolute_url(),
            when=c.completed_on,
            detail=c.get_source_display(),
        )
        for c in completions.order_by("-completed_on", "-id").distinct()[:limit]
    ]


PROVIDER = EvidenceProvider(key="training", label=_("Training records"), summarise=summarise, records=records, order=40)
