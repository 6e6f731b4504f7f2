"""Hazards: 2 per employee (100,000 at 50 k) in every state of the closed loop, with one timeline row per
step taken (≈ 5 per hazard). Numbers ``SC-<year>-000001``."""

import datetime

from django.contrib.contenttypes.models import ContentType

from apps.core.models import TimelineEntry
from apps.hazards.models import Hazard

from . import contributor, day_time

S = Hazard.Status
# (status, share, steps taken after "report")
MIX = [
    (S.CLOSED, 60, ["assess", "plan", "rectify", "sign_off", "verify"]),
    (S.REJECTED, 8, ["reject"]),
    (S.REPORTED, 6, []),
    (S.ASSESSED, 4, ["assess"]),
    (S.RECTIFYING, 14, ["assess", "plan"]),
    (S.RECTIFIED, 5, ["assess", "plan", "rectify"]),
    (S.SIGNED_OFF, 3, ["assess", "plan", "rectify", "sign_off"]),
]
TARGET = {
    "assess": S.ASSESSED,
    "reject": S.REJECTED,
    "plan": S.RECTIFYING,
    "rectify": S.RECTIFIED,
    "sign_off": S.SIGNED_OFF,
    "verify": S.CLOSED,
}
TITLES = [
    ("Blocked fire exit", "安全出口被堵塞", "fire"),
    ("Overloaded power strip", "插线板过载", "electrical"),
    ("Exposed cables across the aisle", "过道线缆裸露", "premises"),
    ("Extinguisher pressure low", "灭火器压力不足", "fire"),
    ("Emergency light out", "应急照明灯不亮", "fire"),
    ("Loose socket", "插座松动", "electrical"),
    ("Weak account password", "弱密码账户", "infosec"),
    ("Unshredded customer print-outs", "客户资料未粉碎", "infosec"),
    ("Switch overheating", "交换机过热", "network"),
    ("Wet floor without sign", "地面湿滑无警示", "premises"),
    ("Stairwell light broken", "楼梯间照明损坏", "premises"),
    ("Other", "其他隐患", "other"),
]
RISK = {(5, 5): "red", (4, 5): "red", (5, 4): "red", (4, 4): "orange", (3, 4): "orange", (4, 3): "orange"}


def done(ctx):
    return Hazard.objects.filter(number__startswith="SC-").exists()


@contributor("hazards", done=done)
def build(ctx):
    rng = ctx.rng
    people, officers = ctx.data["people"], ctx.data["officers"]
    heads, members = ctx.data["heads"], ctx.data["members"]
    areas = ctx.data["areas"]
    weights = [share for _s, share, _steps in MIX]
    total = ctx.scaled(100031, 10)
    hazard_id = ctx.next_id(Hazard)
    timeline = []
    hazard_type = ContentType.objects.get_for_model(Hazard).pk
    year = ctx.today.year

    def hazards():
        for i in range(total):
            status, _share, steps = rng.choices(MIX, weights)[0]
            area, site, department = areas[rng.randrange(len(areas))]
            en, zh, category = TITLES[rng.randrange(len(TITLES))]
            open_state = status not in (S.CLOSED, S.REJECTED)
            reported = ctx.today - datetime.timedelta(days=rng.randrange(120 if open_state else 730) + 1)
            reporter = people[rng.randrange(len(people))]
            officer = officers[rng.randrange(len(officers))]
            responsible = rng.choice(members[department][:20]) if department in members else heads.get(department)
            created = day_time(reported, rng)
            row = {
                "id": hazard_id + i,
                "number": f"SC-{year}-{i + 1:06d}",
                "title": f"{en} ({i + 1})",
                "title_zh": zh,
                "description": f"{en}: found during the daily walk.",
                "status": status,
                "category": category,
                "area_id": area,
                "site_id": site,
                "reporter_id": reporter,
                "created_at": created,
                "updated_at": created,
            }
            events = [("report", "", S.REPORTED, reporter, created)]
            moment, state = created, S.REPORTED
            for step in steps:
                moment = moment + datetime.timedelta(days=rng.randrange(1, 6), hours=rng.randrange(4))
                actor = officer
                if step in ("assess", "reject"):
                    likelihood, severity = rng.randrange(1, 6), rng.randrange(1, 6)
                    row.update(
                        assessed_by_id=officer,
                        assessed_at=moment,
                        grade="major" if severity == 5 else "general",
                        likelihood=likelihood,
                        severity=severity,
                        risk_level=RISK.get((likelihood, severity), "yellow" if likelihood * severity >= 6 else "blue"),
                        department_id=department,
                        responsible_person_id=responsible,
                        deadline=(moment + datetime.timedelta(days=30)).date(),
                    )
                    if step == "reject":
                        row["rejection_reason"] = "Duplicate of an earlier report."
                elif step == "plan":
                    actor = heads.get(department, officer)
                    row.update(planned_at=moment, measures="Fix it and check the rest of the floor.")
                elif step == "rectify":
                    actor = responsible
                    row.update(rectified_by_id=responsible, rectified_at=moment, rectification_note="Done.")
                elif step == "sign_off":
                    actor = heads.get(department, officer)
                    row.update(signed_off_by_id=actor, signed_off_at=moment)
                elif step == "verify":
                    row.update(verified_by_id=officer, closed_at=moment)
                events.append((step, state, TARGET[step], actor, moment))
                state = TARGET[step]
            row["updated_at"] = moment
            for action, from_state, to_state, actor, at in events:
                timeline.append((hazard_id + i, actor, action, from_state, to_state, at))
            yield row

    ctx.insert(Hazard, hazards())
    ctx.insert(
        TimelineEntry,
        (
            {
                "content_type_id": hazard_type,
                "object_id": object_id,
                "actor_id": actor,
                "action": action,
                "from_state": from_state,
                "to_state": to_state,
                "created_at": at,
            }
            for object_id, actor, action, from_state, to_state, at in timeline
        ),
    )
    ctx.data["hazard_ids"] = (hazard_id, hazard_id + total)
