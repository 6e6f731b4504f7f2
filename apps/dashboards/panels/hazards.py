"""Home panel: the signed-in person's hazard work (to assess, plan, rectify, sign off, verify), most
urgent first, plus the overdue count company-wide for officers and management."""

from apps.core.permissions import is_company_wide
from apps.hazards.selectors import MY_WORK_LABELS, hazard_list, my_work, overdue_q

from . import Panel, register


def build(request):
    user = request.user
    work = my_work(user=user)
    rows = []
    urgent = []
    for key, qs in work.items():
        items = list(qs[:5])
        count = len(items) if len(items) < 5 else qs.count()
        rows.append({"key": key, "label": MY_WORK_LABELS[key], "count": count})
        urgent.extend((key, h) for h in items)
    # Overdue or stalled too long at sign-off/verification first, then by deadline; hazards without a
    # deadline (waiting for assessment) last.
    urgent.sort(
        key=lambda pair: (
            not (pair[1].is_overdue or pair[1].is_waiting_too_long),
            pair[1].deadline is None,
            pair[1].deadline or 0,
        )
    )
    context = {"rows": rows, "urgent": [h for _, h in urgent[:6]], "total": sum(r["count"] for r in rows)}
    if is_company_wide(user):
        context["overdue"] = hazard_list(user=user).filter(overdue_q()).count()
    return context


register(Panel(key="hazards", template="dashboards/panels/hazards.html", build=build, order=10))
