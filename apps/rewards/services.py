"""Every change to rewards, penalties and the scorecard weights (R8, R2.1.4).

The moves go through the workflow (``workflow.py``); the services add their validation and name their
notifications. Evidence is resolved through the other modules' selectors (hazards, incidents) or comes
from a suggestion (``suggestions.py``), which found its records through their selectors too.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.permissions import require
from apps.core.services import record_number_next
from apps.hazards.selectors import hazard_list
from apps.incidents.selectors import incident_list
from apps.notifications.services import notify

from .models import Decision, Evidence, ScoreWeights
from .workflow import FLOW

NUMBER_PREFIX = "JC"  # 奖惩
TOPIC_APPROVE, TOPIC_DECIDE_APPEAL = "approve", "decide_appeal"


def _management():
    User = get_user_model()
    return list(User.objects.filter(role=User.Role.MANAGEMENT, is_active=True))


def _concerned(decision) -> list:
    """The person and their head (for a department: its head)."""
    people = []
    if decision.person_id:
        people.append(decision.person)
    head = decision.department.head if decision.department.head_id else None
    if head is not None and head not in people:
        people.append(head)
    return [p for p in people if p.is_active]


def _notify(*, recipients, key, text, decision, body="", about=None, topic=""):
    recipients = [r for r in recipients if r is not None]
    if recipients:
        notify(
            recipients=recipients, key=key,
            subject=format_lazy("{number} {text}", number=decision.number, text=text),
            body=body, url=decision.get_absolute_url(), about=about, topic=topic,
        )  # fmt: skip


# --- proposals --------------------------------------------------------------------------------------------


def evidence_resolve(*, user, numbers) -> list[tuple]:
    """``(model instance, label, url)`` for each hazard or incident number the user may see; an unknown
    number is refused by name."""
    numbers = list(dict.fromkeys(str(n).strip().upper() for n in numbers or () if str(n).strip()))
    if not numbers:
        return []
    found = {}
    for record in hazard_list(user=user).filter(number__in=numbers):
        found[record.number] = (record, f"{record.number} {record.title}", record.get_absolute_url())
    for record in incident_list(user=user).filter(number__in=numbers):
        found[record.number] = (record, record.number, record.get_absolute_url())
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ApplicationError(_("No hazard or incident you may see has the number %(n)s.") % {"n": ", ".join(missing)})
    return [found[n] for n in numbers]


def decision_propose(
    *, user, kind, department, reason, effective_date, person=None, amount=None, evidence=(), suggestion_key=""
) -> Decision:
    """Propose a reward or penalty. ``evidence``: ``(record, label, url)`` triples (see
    :func:`evidence_resolve`) or record numbers."""
    require(user, "rewards.propose")
    if kind not in Decision.Kind.values:
        raise ApplicationError(_("Choose a kind of reward or penalty."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason."))
    if person is not None:
        if person.department_id is None:
            raise ApplicationError(_("This person belongs to no department."))
        department = person.department
    if department is None:
        raise ApplicationError(_("Choose the department or the person."))
    if not user.has_perm("rewards.propose_for", department):
        raise NotAllowed(_("A department head proposes only for their own department."))
    if kind in Decision.MONEY_KINDS:
        if amount is None:
            raise ApplicationError(_("Give the amount of a bonus or a fine."))
    elif amount is not None:
        raise ApplicationError(_("Only a bonus or a fine has an amount."))
    evidence = list(evidence or ())
    if evidence and isinstance(evidence[0], str):
        evidence = evidence_resolve(user=user, numbers=evidence)
    with transaction.atomic():
        if suggestion_key and Decision.objects.select_for_update().filter(suggestion_key=suggestion_key).exists():
            raise Conflict(_("This suggestion has already been turned into a proposal."))
        decision = Decision.objects.create(
            number=record_number_next(prefix=NUMBER_PREFIX, year=effective_date.year),
            kind=kind, department=department, person=person, reason=reason, amount=amount,
            effective_date=effective_date, proposed_by=user, suggestion_key=suggestion_key or "",
        )  # fmt: skip
        types = {}
        Evidence.objects.bulk_create(
            Evidence(
                decision=decision,
                content_type=types.setdefault(type(record), ContentType.objects.get_for_model(record)),
                object_id=record.pk,
                label=str(label)[:200],
                url=(url or "")[:300],
            )  # fmt: skip
            for record, label, url in evidence
        )
        FLOW.start(
            decision,
            "propose",
            user=user,
            comment=reason,
            on_commit=lambda d: _notify(
                recipients=_management(),
                key=f"decision:{d.pk}:proposed",
                text=gettext_lazy("Reward or penalty proposed: please approve or reject it"),
                decision=d,
                about=d,
                topic=TOPIC_APPROVE,
            ),  # fmt: skip
        )
    return decision


def suggestion_propose(*, user, key: str, period, today=None) -> Decision:
    """Turn one of the period's suggestions (``suggestions.py``) into a proposal, with its evidence."""
    from django.utils import timezone

    from .suggestions import suggestions

    require(user, "rewards.view_suggestions")
    found = next((s for s in suggestions(user=user, period=period, today=today) if s.key == key), None)
    if found is None:
        raise ApplicationError(_("This suggestion no longer stands; reload the page."))
    if found.proposed is not None:
        raise Conflict(_("This suggestion has already been turned into a proposal."))
    return decision_propose(
        user=user, kind=found.kind, department=found.department, person=found.person, reason=found.reason,
        effective_date=today or timezone.localdate(), evidence=found.evidence, suggestion_key=found.key,
    )  # fmt: skip


def suggestions_notify(*, today=None) -> int:
    """Once a quarter (the periodic task runs the first week of each quarter's first month; the key makes
    it once): tell the safety officers how many candidates the last complete quarter's records suggest.
    Returns the number of candidates (0: nothing sent)."""
    from django.utils import timezone

    from .scorecard import Period
    from .suggestions import suggestions

    today = today or timezone.localdate()
    quarter = (today.month - 1) // 3
    period = Period(today.year, quarter) if quarter else Period(today.year - 1, 4)
    User = get_user_model()
    officers = list(User.objects.filter(role=User.Role.SAFETY_OFFICER, is_active=True).order_by("pk"))
    if not officers:
        return 0
    found = [s for s in suggestions(user=officers[0], period=period, today=today) if s.proposed is None]
    if found:
        from django.urls import reverse
        from django.utils.translation import ngettext_lazy

        notify(
            recipients=officers, key=f"reward-suggestions:{period.year}:ready:q{period.quarter}",
            subject=format_lazy(
                ngettext_lazy("{n} candidate for a reward or penalty in {period}",
                              "{n} candidates for rewards or penalties in {period}", len(found)),
                n=len(found), period=str(period),
            ),
            url=reverse("rewards:suggestions") + f"?{period.query}",
        )  # fmt: skip
    return len(found)


# --- the moves ----------------------------------------------------------------------------------------------


def _not_the_proposer(user):
    """Separation of duties, also for a superuser (whom ``has_perm`` never refuses)."""

    def check(d):
        if d.proposed_by_id == user.pk:
            raise NotAllowed(_("Whoever proposed a reward or penalty does not decide it."))

    return check


def decision_approve(*, decision, user, comment=""):
    def tell(d):
        _notify(recipients=[d.proposed_by], key=f"decision:{d.pk}:approved", text=gettext_lazy("Approved"),
                decision=d)  # fmt: skip

    return FLOW.apply(decision, "approve", user=user, comment=comment, apply=_not_the_proposer(user), on_commit=tell)


def decision_reject(*, decision, user, comment=""):
    def apply(d):
        _not_the_proposer(user)(d)
        d.rejection_reason = (comment or "").strip()

    def tell(d):
        _notify(recipients=[d.proposed_by], key=f"decision:{d.pk}:rejected", text=gettext_lazy("Rejected"),
                decision=d, body=d.rejection_reason)  # fmt: skip

    return FLOW.apply(decision, "reject", user=user, comment=comment, apply=apply, on_commit=tell)


def decision_announce(*, decision, user, comment=""):
    def tell(d):
        _notify(recipients=_concerned(d), key=f"decision:{d.pk}:announced",
                text=gettext_lazy("Congratulations: a reward has been announced"), decision=d)  # fmt: skip

    return FLOW.apply(decision, "announce", user=user, comment=comment, on_commit=tell)


def decision_notify(*, decision, user, comment=""):
    def tell(d):
        _notify(recipients=_concerned(d), key=f"decision:{d.pk}:notified",
                text=gettext_lazy("A penalty has been decided; you may appeal it with a statement"),
                decision=d, body=d.reason)  # fmt: skip

    return FLOW.apply(decision, "notify", user=user, comment=comment, on_commit=tell)


def decision_appeal(*, decision, user, comment=""):
    def apply(d):
        d.appeal_statement = (comment or "").strip()

    def tell(d):
        _notify(recipients=_management(), key=f"decision:{d.pk}:appealed",
                text=gettext_lazy("Penalty appealed: please decide the appeal"), decision=d,
                body=d.appeal_statement, about=d, topic=TOPIC_DECIDE_APPEAL)  # fmt: skip

    return FLOW.apply(decision, "appeal", user=user, comment=comment, apply=apply, on_commit=tell)


def _decide(decision, move, user, comment, text):
    def apply(d):
        d.appeal_decision = (comment or "").strip()

    def tell(d):
        _notify(recipients=_concerned(d), key=f"decision:{d.pk}:{move}", text=text, decision=d,
                body=d.appeal_decision)  # fmt: skip

    return FLOW.apply(decision, move, user=user, comment=comment, apply=apply, on_commit=tell)


def decision_uphold(*, decision, user, comment=""):
    return _decide(decision, "uphold", user, comment, gettext_lazy("Appeal dismissed: the penalty stands"))


def decision_revoke(*, decision, user, comment=""):
    return _decide(decision, "revoke", user, comment, gettext_lazy("Appeal granted: the penalty is revoked"))


# --- scorecard weights -----------------------------------------------------------------------------------------


def weights_set(*, user, **weights) -> ScoreWeights:
    require(user, "rewards.set_weights")
    unknown = set(weights) - set(ScoreWeights.FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown weight."))
    if any(not isinstance(v, int) or v < 0 or v > 100 for v in weights.values()):
        raise ApplicationError(_("A weight is a whole number from 0 to 100."))
    with transaction.atomic():
        row = ScoreWeights.objects.select_for_update().order_by("pk").first() or ScoreWeights()
        for name, value in weights.items():
            setattr(row, name, value)
        if sum(getattr(row, f) for f in ScoreWeights.FIELDS) == 0:
            raise ApplicationError(_("At least one weight must be above zero."))
        row.updated_by = user
        row.save()
    return row
