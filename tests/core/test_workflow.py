"""The workflow engine (apps/core/workflow.py), exercised through the hazard loop's declaration."""

import logging

import pytest
import rules
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.core.exceptions import ApplicationError, Conflict, NotAllowed
from apps.core.selectors import timeline_for
from apps.core.workflow import registered_workflows, workflow_for
from apps.hazards.models import Hazard
from apps.hazards.services import hazard_raise
from apps.hazards.workflow import FLOW
from tests.concurrency import at_once, require_postgresql
from tests.organization.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db

ASSESSMENT = {"grade": "general", "category": "fire", "likelihood": 2, "severity": 3}


@pytest.fixture
def hazard(employee):
    area = AreaFactory(department=employee.department)
    return hazard_raise(title="Loose cable", description="", reporter=employee, area=area)


def _assess(h):
    for field, value in ASSESSMENT.items():
        setattr(h, field, value)


def test_a_move_from_a_state_it_does_not_start_from_is_a_conflict_naming_the_record_and_its_state(hazard, officer):
    with pytest.raises(Conflict) as exc:
        FLOW.apply(hazard, "verify", user=officer)
    assert hazard.number in exc.value.message
    assert str(Hazard.Status.REPORTED.label) in exc.value.message
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.REPORTED


def test_the_conflict_message_is_in_the_users_language(hazard, officer):
    with translation.override("zh-hans"), pytest.raises(Conflict) as exc:
        FLOW.apply(hazard, "verify", user=officer)
    assert "Reload the page" not in exc.value.message
    assert hazard.number in exc.value.message


def test_a_move_the_user_may_not_make_is_refused_and_changes_nothing(hazard, employee):
    with pytest.raises(NotAllowed) as exc:
        FLOW.apply(hazard, "assess", user=employee, apply=_assess)
    assert hazard.number in exc.value.message
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.REPORTED and hazard.grade == ""
    assert timeline_for(hazard).count() == 1


def test_a_move_writes_one_timeline_row_with_the_move_name_actor_states_and_comment(hazard, officer):
    FLOW.apply(hazard, "assess", user=officer, comment="  Seen it  ", apply=_assess)
    entry = timeline_for(hazard).last()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state, entry.comment) == (
        "assess",
        officer,
        Hazard.Status.REPORTED,
        Hazard.Status.ASSESSED,
        "Seen it",
    )
    assert timeline_for(hazard).count() == 2


def test_a_move_records_who_and_when_in_its_declared_stamp_fields(hazard, officer):
    FLOW.apply(hazard, "assess", user=officer, apply=_assess)
    saved = Hazard.objects.get(pk=hazard.pk)
    assert saved.assessed_by == officer and saved.assessed_at is not None


def test_a_move_brings_the_callers_instance_up_to_date(hazard, officer):
    FLOW.apply(hazard, "assess", user=officer, apply=_assess)
    assert hazard.status == Hazard.Status.ASSESSED and hazard.assessed_by_id == officer.pk


def test_a_move_saves_only_the_fields_it_changed(hazard, officer):
    with CaptureQueriesContext(connection) as ctx:
        FLOW.apply(hazard, "assess", user=officer, apply=_assess)
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE") and "hazards_hazard" in q["sql"]]
    assert len(updates) == 1
    assert '"status"' in updates[0] and '"risk_level"' not in updates[0] and '"title"' not in updates[0]
    assert '"grade"' in updates[0] and '"assessed_by_id"' in updates[0] and '"updated_at"' in updates[0]


def test_an_error_in_the_steps_changes_rolls_the_whole_move_back(hazard, officer, django_capture_on_commit_callbacks):
    def refuse(h):
        _assess(h)
        raise ApplicationError("no")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ApplicationError):
        FLOW.apply(hazard, "assess", user=officer, apply=refuse, on_commit=lambda h: None)
    assert callbacks == []
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.REPORTED and hazard.grade == "" and hazard.assessed_by is None
    assert timeline_for(hazard).count() == 1


def test_a_required_comment_that_is_empty_is_refused(hazard, officer):
    assert FLOW.moves["reject"].comment == "required"
    with pytest.raises(ApplicationError):
        FLOW.apply(hazard, "reject", user=officer, comment="   ")
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.REPORTED


def test_side_effects_run_only_after_the_commit(hazard, officer, django_capture_on_commit_callbacks):
    seen = []
    with django_capture_on_commit_callbacks() as callbacks:
        FLOW.apply(hazard, "assess", user=officer, apply=_assess, on_commit=lambda h: seen.append(h.status))
        assert seen == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert seen == [Hazard.Status.ASSESSED]


def test_a_failing_side_effect_is_logged_and_the_move_stands(
    hazard, officer, django_capture_on_commit_callbacks, caplog
):
    def broken_mail(h):
        raise ConnectionError("SMTP down")

    with caplog.at_level(logging.ERROR, logger="apps.core.workflow"), django_capture_on_commit_callbacks(execute=True):
        FLOW.apply(hazard, "assess", user=officer, apply=_assess, on_commit=broken_mail)
    hazard.refresh_from_db()
    assert hazard.status == Hazard.Status.ASSESSED
    assert "SMTP down" in caplog.text


def test_moves_for_offers_the_moves_from_the_current_state_that_the_user_may_make(hazard, officer, head, employee):
    assert [m.name for m in FLOW.moves_for(hazard, officer)] == ["assess", "reject"]
    assert FLOW.moves_for(hazard, head) == FLOW.moves_for(hazard, employee) == []
    FLOW.apply(hazard, "assess", user=officer, apply=_assess)
    assert [m.name for m in FLOW.moves_for(hazard, officer)] == ["plan"]


def test_a_start_move_is_never_offered_nor_applied(hazard, officer):
    assert FLOW.moves["report"].is_start
    assert "report" not in [m.name for m in FLOW.moves_for(hazard, officer)]
    with pytest.raises(Conflict):
        FLOW.apply(hazard, "report", user=officer)


def test_each_move_is_a_rules_permission_that_includes_the_state(hazard, officer):
    assert rules.perm_exists("hazards.assess_hazard")
    assert officer.has_perm("hazards.assess_hazard", hazard)
    assert not officer.has_perm("hazards.verify_hazard", hazard)  # an officer's move, but not from "reported"


def test_the_timeline_shows_the_moves_labels_in_the_readers_language_never_their_names(hazard, officer):
    FLOW.apply(hazard, "assess", user=officer, apply=_assess)
    with translation.override("zh-hans"):
        html = render_to_string("inc/timeline.html", {"timeline": timeline_for(hazard)})
        label = str(FLOW.moves["assess"].label)
    assert label != "Assessed"
    assert label in html and ">assess" not in html and "Assessed" not in html


def test_the_timeline_finds_the_workflow_of_a_model():
    assert workflow_for(Hazard) is FLOW


@pytest.mark.parametrize("flow", registered_workflows(), ids=repr)
def test_every_declared_move_has_a_service_a_url_and_a_form(flow):
    for move in flow.moves.values():
        if not move.offered:
            continue
        assert callable(flow.service_for(move)), move.name
        assert reverse(flow.url_name(move), args=[1])
        assert flow.form_for(move, obj=None, user=None) is not None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_officers_assessing_at_once_one_succeeds_and_the_other_gets_a_conflict(employee, officer):
    require_postgresql()
    second_officer = UserFactory(role="officer", department=officer.department)
    hazard = hazard_raise(title="Wet floor", description="", reporter=employee, location_text="Lifts")

    def assess(user):
        return lambda: FLOW.apply(Hazard.objects.get(pk=hazard.pk), "assess", user=user, apply=_assess)

    results = at_once(assess(officer), assess(second_officer))

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Hazard"]
    assert [e.action for e in timeline_for(hazard)].count("assess") == 1
