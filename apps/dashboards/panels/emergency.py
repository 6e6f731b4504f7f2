"""Home panel: upcoming drills the person takes part in; officers also see plans whose drill is overdue."""

from apps.emergency import selectors

from . import Panel, register


def build(request):
    user = request.user
    context = {"my_drills": list(selectors.upcoming_drills_for(user=user))}
    if user.has_perm("emergency.manage_drill"):
        context["upcoming"] = list(selectors.upcoming_drills())
        context["undrilled"] = selectors.undrilled_plans()
        context["is_officer"] = True
    if not context["my_drills"] and not context.get("is_officer"):
        return None
    return context


register(Panel(key="emergency", template="dashboards/panels/emergency_home.html", build=build, order=40))
