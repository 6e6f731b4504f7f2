"""An acknowledgement campaign for everyone on the demo's first document in force, acknowledged by six
employees in ten."""

import datetime

from apps.documents.models import Acknowledgement, Campaign, DocumentVersion

from . import contributor, day_time

TITLE = "scale: read the rules"


def done(ctx):
    return Campaign.objects.filter(title=TITLE).exists()


@contributor("documents", done=done)
def build(ctx):
    rng = ctx.rng
    version = DocumentVersion.objects.filter(status="approved").order_by("pk").first()
    if version is None:
        return
    campaign = Campaign.objects.create(
        version=version,
        title=TITLE,
        everyone=True,
        due_date=ctx.today + datetime.timedelta(days=30),
        created_by_id=ctx.data["officers"][0],
    )
    ctx.insert(
        Acknowledgement,
        (
            {
                "campaign_id": campaign.pk,
                "person_id": person,
                "version_id": version.pk,
                "acknowledged_at": day_time(ctx.today - datetime.timedelta(days=rng.randrange(0, 20)), rng),
            }
            for person in ctx.data["people"]
            if rng.random() < 0.6
        ),
    )
