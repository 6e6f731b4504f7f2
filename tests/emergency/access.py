import datetime

from django.utils import timezone

from tests.access import OFFICERS, Case, everyone, only
from tests.emergency.factories import DrillFactory, TeamMemberFactory, shipped_plan


def _fire(p):
    return {"pk": shipped_plan("fire").pk}


def _version(p):
    return {"pk": shipped_plan("fire").document.current_version.pk}


def _drill(p):
    return {"pk": DrillFactory(plan=shipped_plan("fire"), people=[p["employee"]]).pk}


def _past_drill(p):
    drill = DrillFactory(plan=shipped_plan("fire"), people=[p["employee"]])
    drill.planned_at = timezone.now() - datetime.timedelta(hours=2)
    drill.save()
    return {"pk": drill.pk}


def _problem(p):
    drill = DrillFactory(plan=shipped_plan("fire"))
    return {"pk": drill.problems.create(description="Exit sign unlit").pk}


ACCESS = {
    "emergency:plan_list": Case(expect=everyone()),
    "emergency:plan_create": Case(
        method="post",
        data={"name": "Flood", "code": "flood", "scenario": "other", "drill_interval_months": 12},
        expect=only(OFFICERS, status=302),
    ),
    "emergency:plan_detail": Case(kwargs=_fire, expect=everyone()),
    "emergency:plan_version_new": Case(method="post", kwargs=_fire, expect=only(OFFICERS, status=302)),
    "emergency:version_detail": Case(kwargs=_version, expect=everyone()),
    "emergency:team": Case(expect=everyone()),
    "emergency:team_roster": Case(expect=everyone()),
    "emergency:team_member_remove": Case(
        method="post", kwargs=lambda p: {"pk": TeamMemberFactory().pk}, expect=only(OFFICERS, status=302)
    ),
    "emergency:drill_list": Case(expect=everyone()),
    "emergency:drill_schedule": Case(expect=only(OFFICERS)),
    "emergency:drill_detail": Case(kwargs=_drill, expect=everyone()),
    "emergency:drill_record": Case(
        method="post",
        kwargs=_past_drill,
        data=lambda p, kw: {
            "record-started_at": (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "record-ended_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "record-rating": "good",
            "record-evaluation": "Orderly",
        },
        expect=only(OFFICERS, status=302),
    ),
    "emergency:drill_cancel": Case(
        method="post", kwargs=_drill, data={"cancel-reason": "Typhoon"}, expect=only(OFFICERS, status=302)
    ),
    "emergency:drill_problem_add": Case(
        method="post", kwargs=_drill, data={"description": "Door blocked"}, expect=only(OFFICERS, status=302)
    ),
    "emergency:drill_problem_hazard": Case(method="post", kwargs=_problem, expect=only(OFFICERS, status=302)),
}
