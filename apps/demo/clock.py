"""Demo only: give records walked through the services a believable past.

The seeders make every step through the real services, so all of a record's steps happen within the same
second of seeding. :func:`spread_steps` then moves them apart — a report in the morning, the assessment a
few hours later, the fix days after — and moves with them what carries the step's time: the timeline
rows and the record's own "when" fields (the workflow's ``stamp_at`` fields, or the ones named); and
:func:`retime_messages` gives the messages each step sent the step's time. Nothing outside
``apps.demo`` writes times this way.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from apps.core.models import TimelineEntry
from apps.core.workflow import workflow_for
from apps.notifications.models import Notification

DAY_STARTS, DAY_ENDS = 9, 18  # office hours: steps are taken between 9:00 and 18:00


def office_hours(moment: datetime.datetime, rng: random.Random) -> datetime.datetime:
    """``moment``, or the next morning's office hours when it falls in the evening or the night."""
    local = timezone.localtime(moment)
    if local.hour < DAY_STARTS:
        local = local.replace(hour=DAY_STARTS, minute=rng.randrange(0, 50))
    elif local.hour >= DAY_ENDS:
        local = (local + datetime.timedelta(days=1)).replace(hour=DAY_STARTS, minute=rng.randrange(0, 50))
    return local.replace(second=rng.randrange(60), microsecond=0)


def morning_of(days_ago: int, rng: random.Random) -> datetime.datetime:
    """A moment during office hours ``days_ago`` days back."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    hour = rng.randrange(DAY_STARTS, DAY_ENDS - 2)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, rng.randrange(60))))


def step_times(
    start: datetime.datetime,
    gaps_hours: Sequence[float],
    rng: random.Random,
    *,
    count: int,
    until: datetime.datetime | None = None,
) -> list[datetime.datetime]:
    """``count`` moments: ``start``, then each about ``gaps_hours[i]`` hours after the one before, within
    office hours and never after ``until`` (default: now; squeezed in evenly when they would not fit)."""
    until = until or timezone.now()
    times = [start]
    for i in range(1, count):
        gap = gaps_hours[min(i - 1, len(gaps_hours) - 1)] if gaps_hours else 1
        times.append(office_hours(times[-1] + datetime.timedelta(hours=gap * rng.uniform(0.7, 1.3)), rng))
    if times[-1] > until:  # a recent record: its steps squeezed in between its start and now
        span = (until - start) / (count + 1)
        times = [start + span * i for i in range(count)]
    return times


def spread_steps(
    record,
    *,
    start: datetime.datetime,
    gaps_hours: Sequence[float],
    rng: random.Random,
    until: datetime.datetime | None = None,
    created_field: str = "created_at",
    stamps: dict[str, str] | None = None,
) -> list[datetime.datetime]:
    """Re-time ``record``'s timeline: its first row at ``start``, each next one about ``gaps_hours[i]``
    hours later (:func:`step_times`); see :func:`retime`. Returns the new times."""
    count = _entries(record).count()
    if not count:
        return []
    times = step_times(start, gaps_hours, rng, count=count, until=until)
    retime(record, times, created_field=created_field, stamps=stamps)
    return times


def retime(record, times: Sequence[datetime.datetime], *, created_field: str = "created_at", stamps=None) -> None:
    """Give ``record``'s timeline rows the ``times`` (rows beyond them: a minute after the last one).

    ``record.<created_field>`` becomes the first time; a row whose action is a workflow move with a
    ``stamp_at`` field sets that field (``stamps`` maps other actions to fields).
    """
    entries = list(_entries(record).order_by("created_at", "id"))
    if not entries or not times:
        return
    record.refresh_from_db()  # the seeder's copy may predate the moves' stamps
    times = list(times)
    while len(times) < len(entries):
        times.append(times[-1] + datetime.timedelta(minutes=1))
    flow = workflow_for(record)
    stamp_fields = {name: move.stamp_at for name, move in (flow.moves.items() if flow else []) if move.stamp_at}
    stamp_fields.update(stamps or {})
    record_fields = {created_field: times[0]} if created_field else {}
    for entry, when in zip(entries, times, strict=False):
        TimelineEntry.objects.filter(pk=entry.pk).update(created_at=when)
        field = stamp_fields.get(entry.action)
        if field and getattr(record, field, None) is not None:
            record_fields[field] = when
    if record_fields:
        type(record)._default_manager.filter(pk=record.pk).update(**record_fields)


def retime_messages(record, step_of: Callable[[str], str | None]) -> None:
    """Give the messages sent about ``record`` the time of the step that sent them: ``step_of(key)`` names
    the timeline action of a message's key. The services send messages once the seeder's transaction
    commits, so this runs then too (after them: commit callbacks run in order)."""
    url = record.get_absolute_url()

    def apply():
        when = dict(_entries(record).order_by("created_at", "id").values_list("action", "created_at"))
        for pk, key in Notification.objects.filter(url=url).values_list("pk", "key"):
            step = step_of(key)
            if step in when:
                Notification.objects.filter(pk=pk).update(created_at=when[step] + datetime.timedelta(seconds=5))

    transaction.on_commit(apply)


def _entries(record):
    return TimelineEntry.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


def at(entry: TimelineEntry, when: datetime.datetime) -> None:
    """Set one timeline row's time (a step a seeder records after the fact)."""
    TimelineEntry.objects.filter(pk=entry.pk).update(created_at=when)
