from tests.access import HEADS_AND_COMPANY, LOGIN, Case, everyone, only


def _hazard_at(step):
    """kwargs builder: a hazard in the employee's department moved with the services up to ``step``."""

    def build(p):
        from apps.hazards.services import hazard_raise
        from tests.hazards.conftest import walk
        from tests.organization.factories import AreaFactory

        area = AreaFactory(department=p["employee"].department)
        hazard = hazard_raise(title="Loose cable", description="", reporter=p["employee"], area=area)
        if step != "report":
            walk(hazard, to=step, officer=p["officer"], head=p["head"], employee=p["employee"])
        return {"pk": hazard.pk}

    return build


def _area(p):
    from tests.organization.factories import AreaFactory

    return {"area_id": AreaFactory(department=p["employee"].department).pk}


def _department_hazard(**overrides):
    """Who sees a hazard of the employee's department: reporter, head, company-wide roles."""
    expect = {
        "anonymous": LOGIN,
        "employee": 200,
        "outsider": 404,
        "head": 200,
        "other_head": 404,
        "officer": 200,
        "manager": 200,
    }
    expect.update(overrides)
    return expect


def _move(denied=403, **allowed):
    """A POST move: outsiders get 404 (they cannot see it), the rest ``denied`` unless listed."""
    expect = _department_hazard(employee=denied, head=denied, officer=denied, manager=denied)
    expect.update(allowed)
    return expect


ACCESS = {
    "hazards:hazard_list": Case(expect=everyone()),
    "hazards:hazard_report": Case(expect=everyone()),
    "hazards:my_work": Case(expect=everyone()),
    "hazards:hazard_export": Case(expect=everyone()),
    "hazards:hazard_map": Case(expect=only(HEADS_AND_COMPANY)),
    "hazards:area_posters": Case(expect=only(HEADS_AND_COMPANY)),
    "hazards:area_poster": Case(kwargs=_area, expect=only(HEADS_AND_COMPANY)),
    "hazards:hazard_detail": Case(kwargs=_hazard_at("report"), expect=_department_hazard()),
    "hazards:hazard_notice": Case(kwargs=_hazard_at("plan"), expect=_department_hazard()),
    # Empty POSTs: a user who may make the move gets the form back with errors (400), or — where
    # nothing is required — the move is made (302); everyone else is refused.
    "hazards:hazard_assess": Case(method="post", kwargs=_hazard_at("report"), expect=_move(officer=400)),
    "hazards:hazard_reject": Case(method="post", kwargs=_hazard_at("report"), expect=_move(officer=400)),
    "hazards:hazard_plan": Case(method="post", kwargs=_hazard_at("assess"), expect=_move(officer=400, head=400)),
    "hazards:hazard_rectify": Case(method="post", kwargs=_hazard_at("plan"), expect=_move(employee=400)),
    "hazards:hazard_sign_off": Case(method="post", kwargs=_hazard_at("rectify"), expect=_move(head=302)),
    "hazards:hazard_return": Case(method="post", kwargs=_hazard_at("rectify"), expect=_move(head=400)),
    "hazards:hazard_verify": Case(method="post", kwargs=_hazard_at("sign_off"), expect=_move(officer=302)),
    "hazards:hazard_reopen": Case(method="post", kwargs=_hazard_at("sign_off"), expect=_move(officer=400)),
}
