"""Shared by the per-module metric tests (tests/<app>/test_metrics.py): a frozen mid-year clock, so
the crafted records fall in the year being measured whatever day the suite runs."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2026
TODAY = datetime.date(YEAR, 6, 15)


def frozen():
    return time_machine.travel(datetime.datetime(YEAR, 6, 15, 12, tzinfo=SHANGHAI), tick=False)


def day(month, dom, hour=10):
    """An aware moment in the company's time zone."""
    return datetime.datetime(YEAR, month, dom, hour, tzinfo=SHANGHAI)


def ytd(name, department_id=None):
    from apps.core.metrics import metric_series

    return metric_series(name, year=YEAR, department_id=department_id, today=TODAY)
