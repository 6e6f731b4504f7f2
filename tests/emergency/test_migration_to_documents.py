"""Contingency plans move onto document control (migrations 0003–0005) with their data and behaviour, and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.organization.factories import SiteFactory, UserFactory

BEFORE = [("emergency", "0002_default_plans"), ("documents", "0001_initial")]
AFTER = [("emergency", "0005_drop_plan_versions")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("emergency", "documents", "incidents")]


@pytest.mark.django_db(transaction=True)
def test_plan_versions_steps_and_drills_survive_the_move_to_document_control_and_back():
    officer, manager, site = UserFactory(role="officer"), UserFactory(role="management"), SiteFactory()
    approved_at = timezone.now() - datetime.timedelta(days=30)
    try:
        old = _migrate(BEFORE)
        Plan, Version = old.get_model("emergency", "ContingencyPlan"), old.get_model("emergency", "PlanVersion")
        plan = Plan.objects.get(code="fire")
        v1 = Version.objects.get(plan=plan, number=1)
        Version.objects.filter(pk=v1.pk).update(status="superseded")
        v2 = Version.objects.create(
            plan=plan, number=2, status="approved", purpose="Updated purpose", purpose_zh="更新",
            effective_date=datetime.date(2026, 6, 1), change_note="New exit", prepared_by_id=officer.pk,
            approved_by_id=manager.pk, approved_at=approved_at,
        )  # fmt: skip
        old.get_model("emergency", "PlanStep").objects.create(version=v2, order=1, role="everyone", text="Leave")
        draft = Version.objects.create(plan=plan, number=3, status="draft", prepared_by_id=officer.pk)
        drill = old.get_model("emergency", "Drill").objects.create(
            plan=plan, plan_version=v2, site_id=site.pk, planned_at=timezone.now(), status="done"
        )

        new = _migrate(AFTER)
        plan = new.get_model("emergency", "ContingencyPlan").objects.get(code="fire")
        document = new.get_model("documents", "Document").objects.get(pk=plan.document_id)
        versions = {
            v.number: v for v in new.get_model("documents", "DocumentVersion").objects.filter(document=document)
        }
        assert (document.number, document.category) == ("YA-FIRE", "plan")
        assert {n: v.status for n, v in versions.items()} == {1: "superseded", 2: "approved", 3: "draft"}
        assert document.current_version_id == versions[2].pk
        assert (versions[2].body, versions[2].approved_by_id, versions[2].approved_at) == (
            "Updated purpose", manager.pk, approved_at,
        )  # fmt: skip
        assert versions[1].superseded_at == approved_at
        steps = new.get_model("emergency", "PlanStep").objects.filter(version_id=versions[2].pk)
        assert list(steps.values_list("text", flat=True)) == ["Leave"]
        assert new.get_model("emergency", "Drill").objects.get(pk=drill.pk).plan_version_id == versions[2].pk
        assert versions[1].plan_steps.count() == 8  # the shipped steps of version 1 came along

        old = _migrate(BEFORE)
        back = old.get_model("emergency", "PlanVersion").objects.filter(plan__code="fire")
        assert dict(back.values_list("number", "status")) == {1: "superseded", 2: "approved", 3: "draft"}
        v2_back = back.get(number=2)
        assert old.get_model("emergency", "Drill").objects.get(pk=drill.pk).plan_version_id == v2_back.pk
        assert v2_back.steps.count() == 1 and draft.number == 3
    finally:
        _migrate(_latest())


@pytest.mark.django_db
def test_the_plans_pages_keep_working_on_document_control(client, employee):
    from tests.emergency.factories import shipped_plan

    plan = shipped_plan("fire")
    client.force_login(employee)
    assert client.get("/emergency/plans/").status_code == 200
    html = client.get(f"/emergency/plans/{plan.pk}/").content.decode()
    assert "plan-steps" in html and "v1" in html
    version = plan.document.current_version
    assert client.get(f"/emergency/versions/{version.pk}/").status_code == 200
    assert "plan-steps" in client.get(version.get_absolute_url()).content.decode()
