"""The evidence registry: how ``/regulation/`` learns, from live data, whether the company does what each
clause says — without the regulation app importing any module above it.

A module that carries out clauses registers an :class:`EvidenceProvider` in its ``AppConfig.ready()``
(see ``apps/<app>/evidence.py``)::

    from apps.regulation.evidence import EvidenceProvider, Finding, Record, register_evidence

    register_evidence(EvidenceProvider(
        key="hazards",
        label=_("Hazards closed"),
        summarise=summarise,     # (*, today) -> {ref: Finding}; a fixed number of queries, whatever the rows
        records=records,         # (*, ref, today, limit) -> [Record]; the rows for one clause page
        order=30,
    ))

``summarise`` answers for every clause it knows about at once (the overview calls each provider once);
``records`` lists the evidence of one clause (newest first, at most ``limit``). A clause's status is the
worst of its findings (every module that claims a clause must be satisfied), except that red next to
other evidence is amber (partial); a clause with no finding is red, unless it is informative (an aim or
a principle). A parent clause shows the worst of itself and its children.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
STATUS_RANK = {RED: 0, AMBER: 1, GREEN: 2}
STATUS_LABELS = {
    GREEN: _("Evidence within the period"),
    AMBER: _("Evidence stale or partial"),
    RED: _("No evidence"),
    NONE: _("No records expected"),
}


@dataclasses.dataclass(frozen=True)
class Finding:
    """What one module knows about one clause."""

    status: str
    count: int = 0
    last: datetime.date | datetime.datetime | None = None
    note: object = ""


@dataclasses.dataclass(frozen=True)
class Record:
    """One piece of evidence: a record with a link."""

    label: str
    url: str = ""
    when: datetime.date | datetime.datetime | None = None
    detail: object = ""


@dataclasses.dataclass(frozen=True)
class EvidenceProvider:
    key: str
    label: object
    summarise: Callable[..., dict[str, Finding]]
    records: Callable[..., list[Record]]
    order: int = 100


_PROVIDERS: dict[str, EvidenceProvider] = {}


def register_evidence(provider: EvidenceProvider) -> EvidenceProvider:
    _PROVIDERS[provider.key] = provider
    return provider


def providers() -> list[EvidenceProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))


# --- helpers for providers ---------------------------------------------------------------------------


def period_months() -> int:
    """The default evidence period: records older than this are stale (``ANQUAN_EVIDENCE_PERIOD_MONTHS``)."""
    return int(getattr(settings, "ANQUAN_EVIDENCE_PERIOD_MONTHS", 12))


def period_start(today: datetime.date, months: int | None = None) -> datetime.date:
    return today - relativedelta(months=months or period_months())


def start_of(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the current (company) time zone: ``field__gte=start_of(since)`` selects
    what ``field__date__gte=since`` does, without converting every row's timestamp to the time zone (at
    100 k hazards the conversion made the evidence aggregate 90 ms instead of 30)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def as_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def finding_for(
    *, last, count: int, today: datetime.date, months: int | None = None, partial=False, note=""
) -> Finding:
    """Green when the newest record is within the period (amber if ``partial``), amber when it is older,
    red when there is none."""
    last_day = as_date(last)
    if last_day is None:
        return Finding(RED, 0, None, note)
    if last_day < period_start(today, months):
        return Finding(AMBER, count, last, note or _("Last record is older than the period"))
    return Finding(AMBER if partial else GREEN, count, last, note)


def worst(statuses) -> str:
    statuses = [s for s in statuses if s in STATUS_RANK]
    return min(statuses, key=STATUS_RANK.__getitem__) if statuses else RED
