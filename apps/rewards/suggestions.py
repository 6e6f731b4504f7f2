"""Candidates for rewards and penalties each quarter, from live data (R8), read through the other modules'
selectors and the scorecard; an officer turns one into a proposal with one click.

Rewards:
- **top hazard reporters**: the three people with the most hazards *confirmed* (assessed, not rejected)
  among those they reported in the quarter, at least two each; anonymous reports are never counted (the
  reporter chose not to be known);
- **a report that found a major hazard**: each reporter of a hazard reported in the quarter and graded major;
- **a department with every inspection on time and every hazard closed by its deadline** in the quarter
  (both figures of the scorecard at 100 %, with something due);
- **a drill rated good** (the best rating) held in the quarter: its organiser.

Penalties, for conduct only:
- **repeated overdue rectification**: a responsible person with two or more hazards due in the quarter that
  were not rectified by the deadline;
- **repeated missed required training**: a person with two or more assignments due in the quarter not
  completed by the due date.

**Reporting is never penalised**: no penalty rule reads who reported a hazard or an incident, nor how many
hazards, incidents or near misses were reported (the reward rules count confirmed reports in the reporter's
favour only).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.emergency.selectors import drill_list
from apps.hazards.selectors import hazard_list
from apps.training.selectors import assignment_list

from . import scorecard
from .models import Decision

K = Decision.Kind
TOP_REPORTERS, MIN_CONFIRMED, REPEATED = 3, 2, 2
CONFIRMED = ("assessed", "rectifying", "rectified", "signed_off", "closed")
RECTIFIED = ("rectified", "signed_off", "closed")


@dataclasses.dataclass
class Suggestion:
    key: str
    rule: str
    kind: str
    department: object
    reason: str
    person: object = None
    evidence: list = dataclasses.field(default_factory=list)  # (record, label, url)
    proposed: Decision | None = None

    @property
    def is_reward(self) -> bool:
        return self.kind in Decision.REWARD_KINDS

    @property
    def target(self):
        return self.person or self.department

    def get_kind_display(self):
        return K(self.kind).label


def _hazard_evidence(h):
    return (h, f"{h.number} {h.title}", h.get_absolute_url())


def _key(rule, period, target):
    return f"{rule}:{period.slug}:{target._meta.model_name}:{target.pk}"


def suggestions(*, user, period: scorecard.Period, today=None) -> list[Suggestion]:
    """Every candidate of ``period`` (a quarter or a year), each marked with the proposal made from it."""
    today = today or timezone.localdate()
    start, end = period.start, period.end
    found: list[Suggestion] = []
    hazards = hazard_list(user=user)

    # Rewards: confirmed hazard reports (never anonymous ones).
    reported = hazards.filter(
        created_at__date__gte=start, created_at__date__lt=end, is_anonymous=False, status__in=CONFIRMED
    ).order_by("created_at", "id")
    by_reporter = defaultdict(list)
    for h in reported:
        by_reporter[h.reporter].append(h)
    ranked = sorted(
        ((p, hs) for p, hs in by_reporter.items() if len(hs) >= MIN_CONFIRMED and p.department_id),
        key=lambda item: (-len(item[1]), str(item[0]), item[0].pk),
    )[:TOP_REPORTERS]
    for person, hs in ranked:
        found.append(Suggestion(
            key=_key("reporter", period, person), rule=_("Top hazard reporter"), kind=K.COMMENDATION,
            person=person, department=person.department,
            reason=_("%(n)d hazard reports confirmed in %(period)s.") % {"n": len(hs), "period": period},
            evidence=[_hazard_evidence(h) for h in hs],
        ))  # fmt: skip
    for h in reported:
        if h.grade == "major" and h.reporter.department_id:
            found.append(Suggestion(
                key=_key("major", period, h), rule=_("Report found a major hazard"), kind=K.HONOUR,
                person=h.reporter, department=h.reporter.department,
                reason=_("Reported %(number)s, confirmed as a major hazard.") % {"number": h.number},
                evidence=[_hazard_evidence(h)],
            ))  # fmt: skip

    # Rewards: departments with every inspection on time and every hazard closed by its deadline.
    for card in scorecard.scorecards(period, today=today):
        inspections, closed = card.cell("inspections").value, card.cell("hazards").value
        if inspections is not None and closed is not None and inspections == 100 and closed == 100:
            found.append(Suggestion(
                key=_key("department", period, card.department),
                rule=_("Every inspection on time, every hazard closed"), kind=K.HONOUR, department=card.department,
                reason=_("Every inspection done on time and every hazard closed by its deadline in %(period)s.")
                % {"period": period},
            ))  # fmt: skip

    # Rewards: drills rated good (the best rating), to their organiser.
    drills = (
        drill_list(status="done")
        .filter(planned_at__date__gte=start, planned_at__date__lt=end, rating="good", organiser__isnull=False)
        .select_related("organiser__department")
    )
    for drill in drills:
        if drill.organiser.department_id:
            found.append(Suggestion(
                key=_key("drill", period, drill), rule=_("Drill rated good"), kind=K.COMMENDATION,
                person=drill.organiser, department=drill.organiser.department,
                reason=_("Organised a drill rated good (%(plan)s).") % {"plan": drill.plan},
                evidence=[(drill, str(drill.plan), drill.get_absolute_url())],
            ))  # fmt: skip

    # Penalties, conduct only: rectifications overdue, by the person responsible (never the reporter).
    late = (
        hazards.filter(deadline__gte=start, deadline__lt=end, responsible_person__isnull=False)
        .filter(
            Q(status__in=("assessed", "rectifying"), deadline__lt=today)
            | Q(status__in=RECTIFIED, rectified_at__date__gt=F("deadline"))
        )
        .order_by("deadline", "id")
    )
    by_responsible = defaultdict(list)
    for h in late:
        by_responsible[h.responsible_person].append(h)
    for person, hs in sorted(by_responsible.items(), key=lambda item: (str(item[0]), item[0].pk)):
        if len(hs) >= REPEATED and person.department_id:
            found.append(Suggestion(
                key=_key("overdue", period, person), rule=_("Repeated overdue rectification"), kind=K.CRITICISM,
                person=person, department=person.department,
                reason=_("%(n)d hazard rectifications not done by their deadline in %(period)s.")
                % {"n": len(hs), "period": period},
                evidence=[_hazard_evidence(h) for h in hs],
            ))  # fmt: skip

    # Penalties, conduct only: required training missed.
    missed = (
        assignment_list(user=user)
        .filter(due_date__gte=start, due_date__lt=end)
        .filter(Q(status="open", due_date__lt=today) | Q(status="completed", completed_at__date__gt=F("due_date")))
    )
    counts = Counter(a.person for a in missed)
    for person, n in sorted(counts.items(), key=lambda item: (str(item[0]), item[0].pk)):
        if n >= REPEATED and person.department_id:
            found.append(Suggestion(
                key=_key("training", period, person), rule=_("Repeated missed required training"),
                kind=K.CRITICISM, person=person, department=person.department,
                reason=_("%(n)d required training assignments not completed by their due date in %(period)s.")
                % {"n": n, "period": period},
            ))  # fmt: skip

    proposed = {d.suggestion_key: d for d in Decision.objects.filter(suggestion_key__in=[s.key for s in found])}
    for s in found:
        s.proposed = proposed.get(s.key)
    return found
