"""Inspections: 0.4 per employee (20,000 at 50 k) over the past year and the weeks ahead, area by area, with
one result per checklist item for the started ones (≈ 27 per inspection: most use a 40-item building walk
added here, the rest the demo's checklists)."""

import datetime

from django.contrib.contenttypes.models import ContentType

from apps.core.models import TimelineEntry
from apps.inspections.models import ChecklistTemplate, Inspection, InspectionResult, TemplateItem, TemplateSection

from . import contributor, day_time

WALK = "sc-building-walk"
SECTIONS = [
    ("Fire safety", "消防安全"),
    ("Electrical", "用电安全"),
    ("Premises", "场所"),
    ("Workstations", "工位"),
    ("Information security", "信息安全"),
    ("Emergency", "应急"),
]


def done(ctx):
    return Inspection.objects.filter(template__code=WALK).exists()


def _walk_template():
    template, created = ChecklistTemplate.objects.get_or_create(
        code=WALK,
        version=1,
        defaults={
            "name": "Building walk (scale)",
            "name_zh": "楼层巡检（规模测试）",
            "group": "premises",
            "is_current": True,
        },
    )
    if created:
        for s, (en, zh) in enumerate(SECTIONS):
            section = TemplateSection.objects.create(template=template, position=s + 1, name=en, name_zh=zh)
            TemplateItem.objects.bulk_create(
                TemplateItem(
                    template=template,
                    section=section,
                    position=s * 10 + k + 1,
                    text=f"{en}: check {k + 1}",
                    text_zh=f"{zh}：检查项 {k + 1}",
                )
                for k in range(7 if s < 4 else 6)
            )
    return template


@contributor("inspections", done=done)
def build(ctx):
    rng = ctx.rng
    walk = _walk_template()
    templates = list(ChecklistTemplate.objects.filter(is_current=True).exclude(pk=walk.pk).values_list("pk", flat=True))
    items = {}
    for template_id, item_id in TemplateItem.objects.values_list("template_id", "pk").order_by(
        "template_id", "position", "pk"
    ):
        items.setdefault(template_id, []).append(item_id)
    officers, heads, areas = ctx.data["officers"], ctx.data["heads"], ctx.data["areas"]
    total = ctx.scaled(20125, 5)
    inspection_id = ctx.next_id(Inspection)
    inspection_type = ContentType.objects.get_for_model(Inspection).pk
    results, timeline = [], []

    def inspections():
        for i in range(total):
            area, _site, department = areas[i % len(areas)]
            template = walk.pk if rng.random() < 0.6 or not templates else templates[rng.randrange(len(templates))]
            by_officer = rng.random() < 0.5 or department not in heads
            inspector = officers[rng.randrange(len(officers))] if by_officer else heads[department]
            due = ctx.today + datetime.timedelta(days=rng.randrange(-365, 30))
            roll = rng.random()
            status = "scheduled" if due > ctx.today or roll < 0.05 else ("in_progress" if roll < 0.07 else "finished")
            created = day_time(due - datetime.timedelta(days=30), rng)
            row = {
                "id": inspection_id + i,
                "template_id": template,
                "area_id": area,
                "inspector_id": inspector,
                "due_date": due,
                "status": status,
                "created_at": created,
                "updated_at": created,
            }
            if status != "scheduled":
                started = day_time(min(due, ctx.today), rng, 9, 12)
                row.update(started_at=started, updated_at=started)
                answered = items.get(template, [])
                if status == "in_progress":
                    answered = answered[: len(answered) // 2]
                for item in answered:
                    roll = rng.random()
                    outcome = "fail" if roll < 0.04 else ("na" if roll < 0.07 else "pass")
                    results.append((inspection_id + i, item, outcome, inspector, started))
                timeline.append((inspection_id + i, inspector, "started", "scheduled", "in_progress", started))
                if status == "finished":
                    finished = started + datetime.timedelta(minutes=rng.randrange(20, 90))
                    row.update(
                        finished_at=finished,
                        updated_at=finished,
                        signature_name="Inspector",
                        summary="Walked the area; see the results.",
                    )
                    timeline.append((inspection_id + i, inspector, "finished", "in_progress", "finished", finished))
            yield row

    ctx.insert(Inspection, inspections())
    ctx.insert(
        InspectionResult,
        (
            {
                "inspection_id": inspection,
                "item_id": item,
                "outcome": outcome,
                "answered_by_id": by,
                "answered_at": at,
                "note": "Needs fixing." if outcome == "fail" else "",
            }
            for inspection, item, outcome, by, at in results
        ),
    )
    ctx.insert(
        TimelineEntry,
        (
            {
                "content_type_id": inspection_type,
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
