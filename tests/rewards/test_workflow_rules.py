"""The rules of R8's workflow, per role: who proposes for which department, only management approves
(never the proposer), a rejection needs a reason, a rejected proposal cannot be announced, only the
person concerned appeals, and every step leaves a timeline row."""

from decimal import Decimal

import pytest

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.selectors import timeline_for
from apps.rewards import services
from apps.rewards.models import Decision
from tests.organization.factories import UserFactory
from tests.rewards.factories import DAY, decision_in, propose

pytestmark = pytest.mark.django_db
S = Decision.Status


def test_an_officer_proposes_for_anyone_with_a_number_and_a_timeline(personas):
    d = propose(personas["officer"], person=personas["outsider"])
    assert d.status == S.PROPOSED and d.number.startswith("JC-2026-")
    assert d.department == personas["outsider"].department
    assert [e.action for e in timeline_for(d)] == ["propose"]


def test_a_head_proposes_for_their_own_department_only(personas):
    d = propose(personas["head"], person=personas["employee"])
    assert d.department == personas["head"].department
    with pytest.raises(NotAllowed):
        propose(personas["head"], person=personas["outsider"])
    with pytest.raises(NotAllowed):
        propose(personas["head"], department=personas["outsider"].department)


@pytest.mark.parametrize("who", ["employee", "outsider", "manager"])
def test_others_do_not_propose(personas, who):
    with pytest.raises(NotAllowed):
        propose(personas[who], person=personas["employee"])


def test_money_only_on_a_bonus_or_a_fine(personas):
    with pytest.raises(ApplicationError):
        services.decision_propose(user=personas["officer"], kind="fine", department=None, person=personas["employee"],
                                  reason="Smoking indoors", effective_date=DAY)  # fmt: skip
    with pytest.raises(ApplicationError):
        propose(personas["officer"], person=personas["employee"], kind="criticism", amount=Decimal(5))


@pytest.mark.parametrize("who", ["employee", "head", "other_head", "officer"])
def test_only_management_approves_or_rejects(personas, who):
    d = propose(personas["officer"], person=personas["employee"])
    with pytest.raises(NotAllowed):
        services.decision_approve(decision=d, user=personas[who])
    with pytest.raises(NotAllowed):
        services.decision_reject(decision=d, user=personas[who], comment="no")


def test_the_proposer_does_not_approve_even_in_management(personas):
    superuser = UserFactory(
        username="boss", role="management", is_superuser=True, department=personas["manager"].department
    )
    d = propose(superuser, person=personas["employee"])
    with pytest.raises(NotAllowed):
        services.decision_approve(decision=d, user=superuser)
    services.decision_approve(decision=d, user=personas["manager"])


def test_a_rejection_needs_a_reason_and_cannot_then_be_announced(personas):
    d = propose(personas["officer"], person=personas["employee"])
    with pytest.raises(ApplicationError):
        services.decision_reject(decision=d, user=personas["manager"], comment="  ")
    d = services.decision_reject(decision=d, user=personas["manager"], comment="Not enough evidence")
    assert d.status == S.REJECTED and d.rejection_reason == "Not enough evidence"
    with pytest.raises(Conflict):
        services.decision_announce(decision=d, user=personas["officer"])
    assert not personas["officer"].has_perm("rewards.announce_decision", d)


def test_a_reward_is_announced_and_a_penalty_notified_not_the_other_way(personas):
    reward = decision_in("approved", personas)
    penalty = decision_in("approved", personas, kind="warning")
    assert not personas["officer"].has_perm("rewards.notify_decision", reward)
    assert not personas["officer"].has_perm("rewards.announce_decision", penalty)
    with pytest.raises(NotAllowed):
        services.decision_announce(decision=penalty, user=personas["officer"])
    with pytest.raises(NotAllowed):
        services.decision_announce(decision=reward, user=personas["employee"])
    assert services.decision_announce(decision=reward, user=personas["manager"]).status == S.ANNOUNCED
    assert services.decision_notify(decision=penalty, user=personas["officer"]).status == S.NOTIFIED


@pytest.mark.parametrize("who", ["head", "outsider", "officer", "manager"])
def test_only_the_person_concerned_appeals(personas, who):
    d = decision_in("notified", personas, kind="fine")
    with pytest.raises(NotAllowed):
        services.decision_appeal(decision=d, user=personas[who], comment="Unfair")


def test_the_person_appeals_with_a_statement_and_management_decides(personas):
    d = decision_in("notified", personas, kind="fine")
    with pytest.raises(ApplicationError):
        services.decision_appeal(decision=d, user=personas["employee"], comment="")
    d = services.decision_appeal(decision=d, user=personas["employee"], comment="I was not on shift")
    assert d.status == S.APPEALED and d.appeal_statement == "I was not on shift"
    with pytest.raises(NotAllowed):
        services.decision_revoke(decision=d, user=personas["officer"], comment="ok")
    d = services.decision_revoke(decision=d, user=personas["manager"], comment="Shift log confirms")
    assert d.status == S.REVOKED
    assert [e.action for e in timeline_for(d)] == ["propose", "approve", "notify", "appeal", "revoke"]


def test_a_reward_cannot_be_appealed(personas):
    d = decision_in("announced", personas)
    assert not personas["employee"].has_perm("rewards.appeal_decision", d)


def test_a_department_penalty_is_appealed_by_its_head(personas):
    d = services.decision_propose(user=personas["officer"], kind="criticism", department=personas["head"].department,
                                  reason="Exits blocked twice", effective_date=DAY)  # fmt: skip
    services.decision_approve(decision=d, user=personas["manager"])
    services.decision_notify(decision=d, user=personas["officer"])
    with pytest.raises(NotAllowed):
        services.decision_appeal(decision=d, user=personas["employee"], comment="x")
    assert services.decision_appeal(decision=d, user=personas["head"], comment="We fixed it").status == S.APPEALED


def test_evidence_is_resolved_by_number_through_the_selectors(personas):
    from tests.hazards.factories import HazardFactory

    hazard = HazardFactory(reporter=personas["employee"], department=personas["head"].department)
    d = propose(personas["officer"], person=personas["employee"], evidence=[hazard.number.lower()])
    assert [e.record for e in d.evidence.all()] == [hazard]
    with pytest.raises(ApplicationError):
        propose(personas["officer"], person=personas["employee"], evidence=["YH-1999-0001"])


def test_notifications_go_to_management_then_the_person_and_their_head(personas, django_capture_on_commit_callbacks):
    from apps.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        d = decision_in("notified", personas, kind="warning")
    who = {n.recipient.username for n in Notification.objects.filter(key=f"decision:{d.pk}:notified")}
    assert who == {"employee", "head"}
    assert Notification.objects.filter(key=f"decision:{d.pk}:proposed", recipient=personas["manager"]).exists()
