"""``seed_scale`` builds a company of N employees in proportion, deterministically, once per size."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.core.models import TimelineEntry
from apps.demo.scale import MODULES, load_contributors
from apps.documents.models import Acknowledgement
from apps.emergency.models import Drill
from apps.hazards.models import Hazard
from apps.incidents.models import Incident
from apps.inspections.models import Inspection, InspectionResult
from apps.notifications.models import Notification
from apps.organization.models import Area, Department, User
from apps.responsibilities.models import Statement
from apps.training.models import Assignment, Completion, ExamAttempt

pytestmark = pytest.mark.django_db(transaction=False)

TABLES = [User, Department, Area, Hazard, TimelineEntry, Inspection, InspectionResult, Assignment, Completion,
          ExamAttempt, Incident, Drill, Acknowledgement, Statement, Notification]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in TABLES}


def seed(n):
    out = io.StringIO()
    call_command("seed_scale", employees=n, stdout=out)
    return out.getvalue()


def test_every_module_is_a_registered_contributor():
    assert [name for name, _build, _done in load_contributors()] == MODULES


def test_seed_scale_builds_in_proportion_and_a_second_run_adds_nothing():
    out = seed(200)
    assert "organization_user" in out and "hazards_hazard" in out and " s" in out
    first = counts()
    scale = User.objects.filter(username__startswith="sc-")
    assert scale.count() == 200
    demo_users = first["User"] - 200
    assert demo_users > 0  # the demo logins the benchmark signs in as
    assert scale.filter(role="officer").exists() and scale.filter(role="management").exists()
    assert Department.objects.filter(code__startswith="sc-", head__isnull=False).count() >= 2
    assert Hazard.objects.filter(number__startswith="SC-").count() == 400  # 2 per employee
    assert set(Hazard.objects.filter(number__startswith="SC-").values_list("status", flat=True)) <= set(Hazard.Status)
    assert Inspection.objects.filter(template__code="sc-building-walk").exists() or Inspection.objects.count() > 0
    assert Assignment.objects.filter(person__in=scale).count() > 200 * 4
    assert Completion.objects.filter(person__in=scale).count() > 200 * 4
    assert ExamAttempt.objects.filter(person__in=scale).count() > 150
    assert Notification.objects.filter(key__startswith="scale:").count() == 800
    assert Statement.objects.filter(person__in=scale).count() == 200

    out = seed(200)
    assert counts() == first
    assert "already there" in out


def test_a_database_holds_one_size():
    seed(200)
    with pytest.raises(CommandError, match="200 employees"):
        seed(300)
