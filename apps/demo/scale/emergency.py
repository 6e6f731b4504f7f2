"""Drills: two a year per site over two years (one ahead), each with 200 participants."""

import datetime

from apps.emergency.models import ContingencyPlan, Drill, DrillParticipant

from . import contributor, day_time

PARTICIPANTS = 200


def done(ctx):
    return Drill.objects.filter(site_id__in=ctx.data["sites"]).exists()


@contributor("emergency", done=done)
def build(ctx):
    rng = ctx.rng
    plans = list(ContingencyPlan.objects.filter(is_active=True).values_list("pk", flat=True))
    if not plans:
        return
    people, officers = ctx.data["people"], ctx.data["officers"]
    drill_id = ctx.next_id(Drill)
    drills, participants = [], []
    for site in ctx.data["sites"]:
        for half in range(-3, 1):
            planned = day_time(ctx.today + datetime.timedelta(days=half * 182 + rng.randrange(1, 60)), rng)
            status = "planned" if planned.date() > ctx.today else "done"
            row = {
                "id": drill_id,
                "plan_id": plans[rng.randrange(len(plans))],
                "site_id": site,
                "planned_at": planned,
                "scope": "Whole building evacuation.",
                "status": status,
                "organiser_id": officers[rng.randrange(len(officers))],
            }
            if status == "done":
                row.update(
                    started_at=planned,
                    ended_at=planned + datetime.timedelta(minutes=25),
                    evacuation_seconds=rng.randrange(180, 600),
                    rating=rng.choice(["good", "adequate"]),
                    evaluation="Orderly.",
                    recorded_by_id=row["organiser_id"],
                )
            drills.append(row)
            for person in rng.sample(people, min(PARTICIPANTS, len(people))):
                participants.append(
                    {"drill_id": drill_id, "person_id": person, "attended": True if status == "done" else None}
                )
            drill_id += 1
    ctx.insert(Drill, drills)
    ctx.insert(DrillParticipant, participants)
