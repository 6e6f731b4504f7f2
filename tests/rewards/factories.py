"""Decisions made through the services, in any state of the workflow (as the app makes them)."""

import datetime
from decimal import Decimal

from apps.rewards import services
from apps.rewards.models import Decision

DAY = datetime.date(2026, 3, 2)


def propose(user, *, person=None, department=None, kind="commendation", amount=None, **kw):
    if kind in Decision.MONEY_KINDS and amount is None:
        amount = Decimal("500.00")
    department = department or (person.department if person else None)
    return services.decision_propose(
        user=user, kind=kind, department=department, person=person, reason=kw.pop("reason", "Reported a blocked exit"),
        effective_date=kw.pop("effective_date", DAY), amount=amount, **kw,
    )  # fmt: skip


def decision_in(state, p, *, kind="commendation", person=None, **kw):
    """A decision about ``person`` (default: the employee) moved to ``state`` by the usual personas."""
    person = person or p["employee"]
    d = propose(p["officer"], person=person, kind=kind, **kw)
    if state == "proposed":
        return d
    if state == "rejected":
        return services.decision_reject(decision=d, user=p["manager"], comment="Not enough evidence")
    d = services.decision_approve(decision=d, user=p["manager"])
    if state == "approved":
        return d
    if d.is_reward:
        return services.decision_announce(decision=d, user=p["officer"])
    d = services.decision_notify(decision=d, user=p["officer"])
    if state == "notified":
        return d
    d = services.decision_appeal(decision=d, user=person, comment="I was not on shift")
    if state == "appealed":
        return d
    if state == "upheld":
        return services.decision_uphold(decision=d, user=p["manager"], comment="Shift log shows otherwise")
    return services.decision_revoke(decision=d, user=p["manager"], comment="Shift log confirms")
