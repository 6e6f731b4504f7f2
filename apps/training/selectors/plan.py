"""The annual training plan's progress (R6.1)."""

from __future__ import annotations

from django.db.models import Prefetch

from apps.organization.models import User

from ..models import (
    Completion,
    PlanLine,
    TrainingSession,
)


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
