"""Simplified Chinese dates, one format everywhere (pages, PDFs, e-mails): 2026年12月2日, 2026年12月2日 14:05.

Form inputs stay ISO: Django's own zh_Hans formats put ``%Y/%m/%d`` first, which a browser's
``<input type=date>`` cannot show, so the ISO form comes first here.
"""

DATE_FORMAT = "Y年n月j日"  # 2026年12月2日
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年12月2日 14:05
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年12月
MONTH_DAY_FORMAT = "n月j日"  # 12月2日
FIRST_DAY_OF_WEEK = 1  # 星期一

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-02
    "%Y/%m/%d",  # 2026/12/02
    "%Y年%m月%d日",  # 2026年12月2日
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
