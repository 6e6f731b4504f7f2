"""English dates, one format everywhere (pages, PDFs, e-mails): 2 Dec 2026, 2 Dec 2026 14:05.

Django's own English formats mix ``Dec. 2, 2026`` (DATE_FORMAT) and ``12/02/2026`` (SHORT_DATE_FORMAT)
and a 12-hour clock; a safety record reads better with one unambiguous day-month-year form and a
24-hour clock. Form inputs stay ISO (``<input type=date>`` needs ``YYYY-MM-DD``), and CSV exports
write ISO themselves.
"""

DATE_FORMAT = "j M Y"  # 2 Dec 2026
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y H:i"  # 2 Dec 2026 14:05
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "M Y"  # Dec 2026
MONTH_DAY_FORMAT = "j M"  # 2 Dec

# ISO first: a date input renders its value with the first entry.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-02
    "%d %b %Y",  # 2 Dec 2026
    "%d %B %Y",  # 2 December 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d %b %Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
