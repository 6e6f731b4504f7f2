from tests.access import COMPANY_WIDE, HEADS_AND_COMPANY, LOGIN, OFFICERS, Case, everyone, only
from tests.rewards.factories import decision_in

NOT_FOUND = 404


def _expect(ok, status, *, forbidden=()):
    result = {name: (status if name in ok else 403 if name in forbidden else NOT_FOUND) for name in everyone()}
    result["anonymous"] = LOGIN
    return result


def _pk(state, **kw):
    return lambda p: {"pk": decision_in(state, p, **kw).pk}


# A proposal about the employee (by the officer): management, officers and the employee's head see it.
SEE_PROPOSAL = {"officer", "manager", "head"}


def _department(p):
    return {"pk": p["head"].department_id}


def _figure(p):
    return {"pk": p["head"].department_id, "figure": "hazards"}


# A department's card: its head, officers and management; another head gets a 404, employees a 403.
CARD = {**_expect({"head", "officer", "manager"}, 200), "employee": 403, "outsider": 403}

ACCESS = {
    "rewards:suggestions": Case(expect=only(OFFICERS)),
    "rewards:suggestion_propose": Case(method="post", expect=only(OFFICERS, status=302)),
    "rewards:scorecard": Case(expect=only(HEADS_AND_COMPANY)),
    "rewards:scorecard_export_csv": Case(expect=only(COMPANY_WIDE)),
    "rewards:scorecard_export_xlsx": Case(expect=only(COMPANY_WIDE)),
    "rewards:weights": Case(expect=only(OFFICERS)),
    "rewards:scorecard_department": Case(kwargs=_department, expect=CARD),
    "rewards:scorecard_pdf": Case(kwargs=_department, expect=CARD),
    "rewards:scorecard_records": Case(kwargs=_figure, expect=CARD),
    "rewards:decision_list": Case(expect=everyone()),
    "rewards:notice_board": Case(expect=everyone()),
    "rewards:decision_create": Case(expect=only({"officer", "head", "other_head"})),
    "rewards:decision_detail": Case(kwargs=_pk("proposed"), expect=_expect(SEE_PROPOSAL, 200)),
    "rewards:decision_certificate": Case(kwargs=_pk("announced"), expect=everyone()),
    "rewards:decision_approve": Case(
        method="post", kwargs=_pk("proposed"), expect=_expect({"manager"}, 302, forbidden={"officer", "head"})
    ),
    "rewards:decision_reject": Case(
        method="post", kwargs=_pk("proposed"), expect=_expect({"manager"}, 400, forbidden={"officer", "head"})
    ),
    "rewards:decision_announce": Case(
        method="post", kwargs=_pk("approved"), expect=_expect(COMPANY_WIDE, 302, forbidden={"head"})
    ),
    "rewards:decision_notify": Case(
        method="post", kwargs=_pk("approved", kind="warning"), expect=_expect(COMPANY_WIDE, 302, forbidden={"head"})
    ),
    "rewards:decision_appeal": Case(
        method="post",
        kwargs=_pk("notified", kind="fine"),
        expect=_expect({"employee"}, 400, forbidden={"head", "officer", "manager"}),
    ),  # fmt: skip
    "rewards:decision_uphold": Case(
        method="post",
        kwargs=_pk("appealed", kind="warning"),
        expect=_expect({"manager"}, 400, forbidden={"head", "officer", "employee"}),
    ),  # fmt: skip
    "rewards:decision_revoke": Case(
        method="post",
        kwargs=_pk("appealed", kind="warning"),
        expect=_expect({"manager"}, 400, forbidden={"head", "officer", "employee"}),
    ),  # fmt: skip
}
