"""Inbox messages: four per employee (200 k at 50 k) over the last 90 days, seven in ten read."""

import datetime

from apps.notifications.models import Notification

from . import contributor, day_time

SUBJECTS = [
    ("Hazard assigned to you for rectification", "/hazards/"),
    ("Training due: fire safety induction", "/training/"),
    ("Inspection due this week", "/inspections/"),
    ("Please acknowledge the updated rules", "/documents/"),
]


def done(ctx):
    return Notification.objects.filter(key__startswith="scale:").exists()


@contributor("notifications", done=done)
def build(ctx):
    rng = ctx.rng
    people = ctx.data["people"]
    total = ctx.scaled(200000, 10)

    def rows():
        for i in range(total):
            subject, url = SUBJECTS[i % len(SUBJECTS)]
            created = day_time(ctx.today - datetime.timedelta(days=rng.randrange(90)), rng)
            yield {
                "recipient_id": people[rng.randrange(len(people))],
                "key": f"scale:{i}",
                "subject": subject,
                "url": url,
                "created_at": created,
                "read_at": created if rng.random() < 0.7 else None,
                "send_email": False,
            }

    ctx.insert(Notification, rows())
