import pytest

from apps.hazards.services import (
    hazard_assess,
    hazard_plan,
    hazard_raise,
    hazard_rectify,
    hazard_sign_off,
)
from apps.hazards.workflow import FLOW
from tests.organization.factories import AreaFactory


@pytest.fixture
def area(department):
    return AreaFactory(department=department, name="Call centre hall", name_zh="呼叫中心大厅")


@pytest.fixture
def reported(employee, area, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return hazard_raise(
            title="Blocked fire exit", description="Boxes in front of exit B.", reporter=employee, area=area
        )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` runs what the services queue for after commit (notifications)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def walk(hazard, *, to, officer, head, employee, grade="general", committed=None):
    """Move a hazard through the loop with the services up to (and including) step ``to``, skipping
    the steps it has already passed."""
    steps = ["assess", "plan", "rectify", "sign_off"]
    for step in steps[: steps.index(to) + 1]:
        hazard.refresh_from_db()
        if hazard.status not in FLOW.moves[step].sources:
            continue  # already past this step
        if committed is not None:
            with committed():
                _step(hazard, step, officer, head, employee, grade)
        else:
            _step(hazard, step, officer, head, employee, grade)
    hazard.refresh_from_db()
    return hazard


def _step(hazard, step, officer, head, employee, grade):
    if True:
        if step == "assess":
            hazard_assess(hazard=hazard, user=officer, grade=grade, likelihood=4, severity=4, category="fire")
        elif step == "plan":
            extra = {}
            if grade == "major":
                extra = {"funds": 5000, "interim_safeguards": "Cordon", "contingency": "Fire warden on duty"}
            hazard_plan(
                hazard=hazard, user=officer, measures="Clear the boxes", responsible_person=employee,
                department=employee.department, **extra,
            )  # fmt: skip
        elif step == "rectify":
            hazard_rectify(hazard=hazard, user=employee, note="Boxes removed")
        elif step == "sign_off":
            hazard_sign_off(hazard=hazard, user=head, comment="Checked")


@pytest.fixture
def loop(officer, head, employee, manager, committed):
    def _walk(hazard, to, grade="general"):
        return walk(hazard, to=to, officer=officer, head=head, employee=employee, grade=grade, committed=committed)

    return _walk
