from tests.access import LOGIN, Case


def _employee_hazard(p):
    from apps.hazards.services import hazard_raise
    from tests.organization.factories import AreaFactory

    area = AreaFactory(department=p["employee"].department)
    hazard = hazard_raise(title="Loose cable", description="", reporter=p["employee"], area=area)
    return {"pk": hazard.pk}


# A hazard in the employee's department: the reporter, their head and the company-wide roles see it.
_DEPARTMENT_HAZARD = {
    "anonymous": LOGIN,
    "employee": 200,
    "outsider": 404,
    "head": 200,
    "other_head": 404,
    "officer": 200,
    "manager": 200,
}

ACCESS = {
    "hazards:hazard_detail": Case(kwargs=_employee_hazard, expect=_DEPARTMENT_HAZARD),
}
