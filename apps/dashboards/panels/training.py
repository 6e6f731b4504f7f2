"""Training panels on the home page: my training (everyone), the team's compliance (heads, company)."""

from apps.training import selectors

from . import Panel, register


def my_training(request):
    """My training; for someone not cleared for work it leads the home page with the induction to pass."""
    user = request.user
    due = selectors.my_due(person=user)  # what "My training" lists, so the two never differ
    clearance = selectors.training_clearance(user)
    # Not cleared, but an induction course has no open assignment (e.g. all attempts used): say so,
    # so the person is never left at "not cleared" with nothing to do.
    assigned = {course.pk for course, cell in due if cell.assignment is not None}
    unassigned = [course for course in clearance.missing if course.pk not in assigned]
    listed = [(course, cell) for course, cell in due if course not in unassigned]
    missing = {course.pk for course in clearance.missing}
    return {
        "clearance": clearance,
        "induction": [(course, cell) for course, cell in listed if course.pk in missing],
        "due": [(course, cell) for course, cell in listed if course.pk not in missing][:5],
        "unassigned_induction": unassigned,
        "lead": not clearance.cleared,
    }


def team_training(request):
    user = request.user
    if not user.has_perm("training.view_team"):
        return None
    # Totals and the first names from aggregate queries: never the clearance of every person in scope.
    return selectors.team_clearance_summary(user=user)


register(Panel(key="training_my", template="dashboards/panels/training_my.html", build=my_training, order=20))
register(Panel(key="training_team", template="dashboards/panels/training_team.html", build=team_training, order=21))
