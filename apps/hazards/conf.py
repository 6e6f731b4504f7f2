"""Hazard settings an operator may change (``settings.ANQUAN_HAZARDS`` overrides any key).

``RISK_MATRIX[likelihood - 1][severity - 1]`` is the risk level ("red", "orange", "yellow", "blue")
for a likelihood and severity from 1 to 5; the default follows the usual Chinese 5×5 practice
(score = likelihood × severity: ≥15 red 重大, 10–12 orange 较大, 5–9 yellow 一般, ≤4 blue 低).
"""

from django.conf import settings


def _level_for_score(score):
    if score >= 15:
        return "red"
    if score >= 10:
        return "orange"
    if score >= 5:
        return "yellow"
    return "blue"


DEFAULTS = {
    "RISK_MATRIX": [
        [_level_for_score(likelihood * severity) for severity in range(1, 6)] for likelihood in range(1, 6)
    ],
    # Default rectification deadline, in days from assessment, per grade.
    "DEADLINE_DAYS": {"general": 14, "major": 60},
    # Remind the responsible person this many days before the deadline.
    "REMIND_DAYS_BEFORE": 3,
    # Escalate to management this many days after the deadline.
    "ESCALATE_AFTER_DAYS": 7,
    # Rectified but not signed off for this many days: remind the department head (or the officers).
    "SIGN_OFF_REMIND_DAYS": 3,
    # Signed off but not verified for this many days: remind every safety officer.
    "VERIFY_REMIND_DAYS": 3,
}


def hazard_setting(name):
    overrides = getattr(settings, "ANQUAN_HAZARDS", {}) or {}
    return overrides.get(name, DEFAULTS[name])


def risk_level_for(likelihood: int, severity: int) -> str:
    matrix = hazard_setting("RISK_MATRIX")
    return matrix[likelihood - 1][severity - 1]
