"""Rewards and penalties demo data (R8): a year of decisions in every state — proposed, approved,
rejected, announced on the notice board, notified, appealed, appeal dismissed, revoked on appeal — some
resting on the demo's hazards, one made from a suggestion; and the scorecard weights left at their defaults
(the scorecard reads the other modules' demo data).

Everything goes through the services; the steps are then spread over the weeks after each decision's
effective date (``apps.demo.clock``), as the other seeders do. Idempotent: decisions are keyed by their
reason.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.demo.clock import spread_steps
from apps.hazards.models import Hazard
from apps.organization.models import User
from apps.rewards import services
from apps.rewards.models import Decision

# (month, kind, person key or None for a department, department code, final state, amount, reason, hazards)
DECISIONS = [
    (1, "commendation", "employee", None, "announced", None,
     "Reported the blocked fire exit on floor 5 the morning it happened.", 1),
    (1, "warning", "employee", None, "upheld", None,
     "Propped the east fire door open with a chair, twice in one week.", 0),
    (2, "bonus", "head", None, "announced", "800.00",
     "Customer Service 1 closed every hazard before its deadline this quarter.", 2),
    (3, "honour", None, "cs-1", "announced", None,
     "Every inspection on time and every hazard closed by its deadline in the first quarter.", 0),
    (4, "criticism", "newhire", None, "revoked", None,
     "Missed the induction fire-safety course twice.", 0),
    (5, "fine", "employee", None, "notified", "200.00",
     "Charged an e-bike battery under the desk after two written reminders.", 0),
    (6, "promotion", "safety_head", None, "approved", None,
     "Led the summer evacuation drill, rated good, and rebuilt the drill plan.", 0),
    (7, "commendation", "it_head", None, "rejected", None,
     "Kept the server room temperature log every day.", 0),
    (8, "criticism", "it_head", None, "appealed", None,
     "Two hazard rectifications in the server room past their deadline.", 0),
    (9, "commendation", "employee", None, "proposed", None,
     "Found a frayed power cable in the pantry and reported it at once.", 1),
]  # fmt: skip


def _user(ctx, key):
    users = ctx.data.get("users") or {}
    return users.get(key) or User.objects.filter(username=key).first()


def seed(ctx):
    officer, manager = _user(ctx, "officer"), _user(ctx, "manager")
    if officer is None or manager is None:
        ctx.log("    rewards: organisation data missing, skipped")
        return
    today = timezone.localdate()
    year = today.year if today.month >= 10 else today.year - 1  # a whole year of history
    departments = ctx.data.get("departments") or {}
    hazards = list(Hazard.objects.filter(is_anonymous=False).order_by("created_at", "id")[:20])
    made = 0
    for i, (month, kind, person_key, dept_code, state, amount, reason, n_hazards) in enumerate(DECISIONS):
        if Decision.objects.filter(reason=reason).exists():
            continue
        person = _user(ctx, person_key) if person_key else None
        department = person.department if person else departments.get(dept_code)
        if department is None:
            continue
        effective = datetime.date(year, month, 15)
        evidence = [(h, f"{h.number} {h.title}", h.get_absolute_url()) for h in hazards[i : i + n_hazards]]
        decision = services.decision_propose(
            user=officer, kind=kind, department=department, person=person, reason=reason,
            effective_date=effective, amount=Decimal(amount) if amount else None, evidence=evidence,
        )  # fmt: skip
        _walk(decision, state, officer=officer, manager=manager, person=person or department.head)
        start = timezone.make_aware(
            datetime.datetime.combine(effective - datetime.timedelta(days=10), datetime.time(10))
        )
        spread_steps(decision, start=start, gaps_hours=[26, 20, 72, 48], rng=ctx.rng, until=timezone.now())
        made += 1
    ctx.log(f"    rewards: {made} decisions")


def _walk(decision, state, *, officer, manager, person):
    if state == "proposed":
        return
    if state == "rejected":
        services.decision_reject(decision=decision, user=manager, comment="A daily log is part of the job.")
        return
    services.decision_approve(decision=decision, user=manager, comment="Agreed.")
    if state == "approved":
        return
    if decision.is_reward:
        services.decision_announce(decision=decision, user=officer)
        return
    services.decision_notify(decision=decision, user=officer)
    if state == "notified":
        return
    services.decision_appeal(decision=decision, user=person, comment="The deadline fell during the system migration.")
    if state == "upheld":
        services.decision_uphold(decision=decision, user=manager, comment="The door log confirms it.")
    elif state == "revoked":
        services.decision_revoke(decision=decision, user=manager, comment="The course was not open to book.")
