"""Incidents: one per 16 employees (3,000 at 50 k) over two years, mostly closed, each with an involved person
and, for four in ten, a corrective action. Numbers ``SC-INC-000001``."""

import datetime

from apps.incidents.models import CorrectiveAction, Incident, InvolvedPerson

from . import contributor, day_time

MIX = [("closed", 85), ("actions", 5), ("investigating", 5), ("reported", 5)]
TYPES = ["fire", "electrical", "injury", "near_miss", "network", "data_leak", "property", "other"]
SEVERITIES = [("minor", 70), ("moderate", 22), ("serious", 7), ("major", 1)]


def done(ctx):
    return Incident.objects.filter(number__startswith="SC-INC-").exists()


@contributor("incidents", done=done)
def build(ctx):
    rng = ctx.rng
    people, officers, areas = ctx.data["people"], ctx.data["officers"], ctx.data["areas"]
    total = ctx.scaled(3046, 2)
    incident_id = ctx.next_id(Incident)
    involved, actions = [], []

    def incidents():
        for i in range(total):
            status = rng.choices([s for s, _ in MIX], [w for _, w in MIX])[0]
            area, _site, department = areas[rng.randrange(len(areas))]
            days = rng.randrange(1, 60 if status != "closed" else 730)
            occurred = day_time(ctx.today - datetime.timedelta(days=days), rng)
            reporter = people[rng.randrange(len(people))]
            lead = officers[rng.randrange(len(officers))]
            row = {
                "id": incident_id + i,
                "number": f"SC-INC-{i + 1:06d}",
                "status": status,
                "type": rng.choice(TYPES),
                "severity": rng.choices([s for s, _ in SEVERITIES], [w for _, w in SEVERITIES])[0],
                "occurred_at": occurred,
                "area_id": area,
                "description": "A colleague slipped near the pantry.",
                "immediate_actions": "First aid given; area cleaned.",
                "reporter_id": reporter,
                "department_id": department,
                "lead_id": None if status == "reported" else lead,
                "external_required": False,
                "created_at": occurred,
                "updated_at": occurred,
            }
            if status == "closed":
                row.update(
                    closed_at=occurred + datetime.timedelta(days=rng.randrange(3, 30)),
                    root_cause="Wet floor.",
                    lessons_learned="Put up the sign while mopping.",
                )
            involved.append((incident_id + i, people[rng.randrange(len(people))]))
            if status in ("actions", "closed") and rng.random() < 0.4:
                actions.append((incident_id + i, lead, (occurred + datetime.timedelta(days=14)).date(), status))
            yield row

    ctx.insert(Incident, incidents())
    ctx.insert(
        InvolvedPerson,
        (
            {"incident_id": incident, "person_id": person, "role": "injured", "treatment": "first_aid"}
            for incident, person in involved
        ),
    )
    ctx.insert(
        CorrectiveAction,
        (
            {
                "incident_id": incident,
                "kind": "corrective",
                "description": "Anti-slip mats at the pantry door.",
                "owner_id": owner,
                "due_date": due,
                "status": "closed" if status == "closed" else "open",
            }
            for incident, owner, due, status in actions
        ),
    )
