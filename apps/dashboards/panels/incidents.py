"""Home panel: open incidents and overdue external reports (officers, management, heads); my actions (all)."""

from apps.incidents import selectors

from . import Panel, register


def build(request):
    user = request.user
    context = {"my_actions": list(selectors.my_open_actions(user=user))}
    if user.has_perm("incidents.view_statistics") or user.is_department_head:
        # An open incident whose external report is overdue is listed once, first, with that warning.
        overdue = list(selectors.overdue_external_reports(user=user)[:5])
        listed = {incident.pk for incident in overdue}
        context["overdue_external"] = overdue
        context["open_incidents"] = [i for i in selectors.open_incidents(user=user) if i.pk not in listed]
        context["show_incidents"] = True
    if not context["my_actions"] and not context.get("show_incidents"):
        return None
    return context


register(Panel(key="incidents", template="dashboards/panels/incidents_home.html", build=build, order=30))
