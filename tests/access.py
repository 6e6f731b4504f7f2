"""The URL × role access matrix: every named URL pattern must have an entry here.

Each app keeps its entries in ``tests/<app>/access.py`` as ``ACCESS = {url_name: Case(...)}``;
``tests/test_access_matrix.py`` collects them and walks every URL pattern with every persona.
A URL without an entry fails that test, so a new view cannot ship without a decision on who may use it.

Expected outcomes: an HTTP status code, or ``LOGIN`` (a redirect to the sign-in page).
"""

from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"


@dataclass
class Case:
    expect: dict[str, Any]
    kwargs: Any = None  # callable(personas) -> dict of URL kwargs, building what it needs
    method: str = "get"
    data: Any = None  # dict, or callable(personas, kwargs) -> dict, for POST
    query: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)


def everyone(status=200, anonymous=LOGIN):
    """Every signed-in persona gets ``status``; anonymous is sent to sign in."""
    return {
        "anonymous": anonymous,
        "employee": status,
        "outsider": status,
        "head": status,
        "other_head": status,
        "officer": status,
        "manager": status,
    }


def only(allowed, status=200, denied=403, anonymous=LOGIN):
    """``allowed`` personas get ``status``, the others ``denied``."""
    result = {name: (status if name in allowed else denied) for name in everyone()}
    result["anonymous"] = anonymous
    return result


OFFICERS = {"officer"}
COMPANY_WIDE = {"officer", "manager"}
HEADS_AND_COMPANY = {"head", "other_head", "officer", "manager"}
