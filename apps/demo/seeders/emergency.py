"""Emergency demo data: the response team, past drills of the shipped plans and upcoming drills.

The shipped plans (fire, earthquake, network-security) come from the data migration. The earthquake
plan's last drill is ten months old, so the plans page shows the "not drilled" flag. An upcoming fire
drill at the Shanghai office includes ``employee`` and ``head`` (home panel). Idempotent: team members are
keyed by (person, role), drills by (plan, site, planned time).
"""

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext_noop

from apps.core.services import timeline_record
from apps.demo.clock import at, morning_of
from apps.emergency.models import ContingencyPlan, Drill, DrillParticipant, DrillProblem, TeamMember
from apps.organization.models import Site, User


def _user(username):
    return User.objects.filter(username=username).first()


def _at(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def seed(ctx):
    users = ctx.data.get("users") or {}
    officer = users.get("officer") or _user("officer")
    manager = users.get("manager") or _user("manager")
    head = users.get("head") or _user("head")
    employee = users.get("employee") or _user("employee")
    deputy = users.get("deputy") or manager
    it_head = users.get("it_head") or officer
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("id"))
    sites = list(Site.objects.order_by("id"))
    if not (officer and sites):
        ctx.log("    emergency: organisation data missing, skipped")
        return

    team = [
        (manager, "commander", deputy),
        (deputy, "deputy_commander", officer),
        (officer, "fire_fighting", head),
        (head, "evacuation", employee),
        (employee, "first_aid", head),
        (it_head, "it_response", officer),
    ]
    others = [p for p in people if p not in {t[0] for t in team}]
    team += [
        (others[i], role, None)
        for i, role in enumerate(["communications", "logistics", "evacuation"])
        if i < len(others)
    ]
    for person, role, dep in team:
        if person:
            TeamMember.objects.get_or_create(
                person=person, team_role=role, defaults={"deputy": dep if dep != person else None, "site": sites[0]}
            )

    plans = {p.code: p for p in ContingencyPlan.objects.all()}
    cs_people = [p for p in people if p.department_id and p.department.code in ("cs-1", "cs-2")][:25]
    it_people = [p for p in people if p.department_id and p.department.code == "it"]
    # plan code, site index, days from today, status, evacuation seconds, participants
    drills = [
        ("fire", 0, -700, "done", 310, cs_people),
        ("fire", 1, -520, "done", 285, people[:20]),
        ("fire", 0, -330, "done", 262, cs_people),
        ("fire", 1, -170, "done", 241, people[:20]),
        ("fire", 0, -45, "done", 228, cs_people),
        ("earthquake", 0, -300, "done", 380, cs_people),
        ("network-security", 0, -80, "done", None, it_people + [officer]),
        ("fire", 0, 10, "planned", None, cs_people + [employee, head]),
        ("earthquake", 1, 40, "planned", None, people[:20] + [officer]),
        ("network-security", 0, 150, "planned", None, it_people),
    ]
    made = 0
    for code, site_index, days, status, evac, participants in drills:
        plan = plans.get(code)
        if plan is None:
            continue
        site = sites[min(site_index, len(sites) - 1)]
        planned_at = _at(days)
        drill, created = Drill.objects.get_or_create(
            plan=plan,
            site=site,
            planned_at=planned_at,
            defaults={
                "plan_version": plan.document.current_version if plan.document_id else None,
                "scope": "全楼层人员疏散" if code != "network-security" else "桌面推演",
                "status": status,
                "organiser": officer,
            },
        )
        if not created:
            continue
        made += 1
        for person in {p.pk: p for p in participants if p}.values():
            DrillParticipant.objects.get_or_create(
                drill=drill, person=person, defaults={"attended": (person.pk % 7 != 0) if status == "done" else None}
            )
        if status == "done":
            drill.started_at = planned_at + datetime.timedelta(minutes=3)
            drill.ended_at = planned_at + datetime.timedelta(minutes=35)
            drill.evacuation_seconds = evac
            drill.rating = "good" if (evac or 0) < 270 else "adequate"
            drill.evaluation = (
                "疏散有序；B 楼梯疏散速度慢于 A 楼梯。" if code == "fire" else "各岗位职责清楚，处置流程顺畅。"
            )
            drill.recorded_by = officer
            drill.save()
            if days == -45:
                DrillProblem.objects.create(
                    drill=drill,
                    description="五层东侧安全出口指示灯不亮。",
                    reported_by=officer,
                )
        entry = timeline_record(subject=drill, actor=officer, action=gettext_noop("planned"), to_state="planned")
        # Planned about a month ahead (the upcoming ones a week ago at the latest).
        at(entry, min(planned_at - datetime.timedelta(days=30), morning_of(7, random.Random(drill.pk))))
    ctx.log(f"    emergency: {made} drills, {TeamMember.objects.count()} team members")
