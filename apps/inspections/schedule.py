"""Due dates of a plan line for one year: pure functions, no database.

weekly    every Friday of the year (the week's inspection is due by the end of the working week)
monthly   the last day of each month
quarterly the last day of March, June, September and December
yearly    31 December
custom    every N days, the first one N days after 1 January, none after 31 December
"""

import datetime

from .models import Frequency, end_of_month


def due_dates(*, frequency: str, year: int, interval_days: int | None = None) -> list[datetime.date]:
    start = datetime.date(year, 1, 1)
    end = datetime.date(year, 12, 31)
    if frequency == Frequency.WEEKLY:
        first_friday = start + datetime.timedelta(days=(4 - start.weekday()) % 7)
        dates, day = [], first_friday
        while day <= end:
            dates.append(day)
            day += datetime.timedelta(weeks=1)
        return dates
    if frequency == Frequency.MONTHLY:
        return [end_of_month(year, m) for m in range(1, 13)]
    if frequency == Frequency.QUARTERLY:
        return [end_of_month(year, m) for m in (3, 6, 9, 12)]
    if frequency == Frequency.YEARLY:
        return [end]
    if frequency == Frequency.CUSTOM:
        if not interval_days or interval_days < 1:
            raise ValueError("a custom frequency needs interval_days >= 1")
        step = datetime.timedelta(days=interval_days)
        dates, day = [], start - datetime.timedelta(days=1) + step
        while day <= end:
            dates.append(day)
            day += step
        return dates
    raise ValueError(f"unknown frequency {frequency!r}")
