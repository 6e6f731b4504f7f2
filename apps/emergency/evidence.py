"""Evidence of emergency preparedness (R5.1, R3.1.4) for the regulation map; registered in ``ready()``.

Drills (R5.1.2) are judged per plan against the plan's own interval: green when every plan in use was
drilled within it, amber when some were (or all, but too long ago), red when no plan was ever drilled.
R3.1.4 (fire drills) looks at the fire plans only.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from apps.regulation.evidence import AMBER, GREEN, RED, EvidenceProvider, Finding, Record, as_date, period_start

from .models import Drill, Scenario, TeamMember, TeamRole
from .selectors import plans_with_drill_flags

DRILL_CLAUSES = {"R5.1.2": None, "R3.1.4": Scenario.FIRE}


def _drill_finding(plans, *, count, last):
    if not plans:
        return Finding(RED, 0, None, _("No contingency plan in use"))
    drilled = [p for p in plans if p.last_drilled_at is not None]
    in_time = [p for p in plans if not p.drill_overdue]
    note = _("%(n)d of %(total)d plans drilled within their interval") % {"n": len(in_time), "total": len(plans)}
    if not drilled:
        return Finding(RED, 0, None, note)
    return Finding(GREEN if len(in_time) == len(plans) else AMBER, count, last, note)


def summarise(*, today):
    plans = plans_with_drill_flags(today=today)
    since = period_start(today)
    counts = Drill.objects.filter(status=Drill.Status.DONE, started_at__date__gte=since).aggregate(
        all=Count("id"), fire=Count("id", filter=Q(plan__scenario=Scenario.FIRE))
    )
    findings = {}
    for ref, scenario in DRILL_CLAUSES.items():
        scoped = [p for p in plans if scenario is None or p.scenario == scenario]
        lasts = [p.last_drilled_at for p in scoped if p.last_drilled_at]
        findings[ref] = _drill_finding(
            scoped, count=counts["fire" if scenario else "all"], last=max(lasts) if lasts else None
        )
    in_force = [p for p in plans if p.current_version is not None]
    plan_note = _("%(n)d of %(total)d plans have an approved version in force") % {
        "n": len(in_force),
        "total": len(plans),
    }
    status = RED if not in_force else GREEN if len(in_force) == len(plans) else AMBER
    findings["R5.1.1"] = Finding(status, len(in_force), None, plan_note)
    team = TeamMember.objects.aggregate(n=Count("id"), commanders=Count("id", filter=Q(team_role=TeamRole.COMMANDER)))
    team_status = RED if not team["n"] else GREEN if team["commanders"] else AMBER
    findings["R5.1.3"] = Finding(
        team_status, team["n"], None, "" if team["commanders"] or not team["n"] else _("No commander named")
    )
    return findings


def records(*, ref, today, limit):
    if ref in DRILL_CLAUSES:
        drills = Drill.objects.filter(status=Drill.Status.DONE).select_related("plan", "site")
        if DRILL_CLAUSES[ref]:
            drills = drills.filter(plan__scenario=DRILL_CLAUSES[ref])
        return [
            Record(
                label=f"{d.plan} · {d.site}",
                url=d.get_absolute_url(),
                when=as_date(d.started_at),
                detail=d.get_rating_display(),
            )
            for d in drills.order_by("-started_at", "-id")[:limit]
        ]
    if ref == "R5.1.1":
        return [
            Record(
                label=str(p),
                url=p.get_absolute_url(),
                when=p.current_version.effective_date if p.current_version else None,
                detail=_("version %(n)s in force") % {"n": p.current_version.number}
                if p.current_version
                else _("no approved version"),
            )
            for p in plans_with_drill_flags(today=today)[:limit]
        ]
    members = TeamMember.objects.select_related("person").order_by("team_role", "id")[:limit]
    return [Record(label=str(m), url=m.get_absolute_url(), when=None) for m in members]


PROVIDER = EvidenceProvider(
    key="emergency", label=_("Emergency preparedness"), summarise=summarise, records=records, order=60
)
