"""Home panels of the inspections module: the inspector's today/overdue list; the officer's equipment
due and visitors on site."""

from apps.core.permissions import is_officer
from apps.inspections import selectors

from . import Panel, register


def inspector_panel(request):
    data = selectors.inspections_for_inspector(user=request.user)
    if not data["today"] and not data["overdue"]:
        return None
    return data


def officer_panel(request):
    if not is_officer(request.user):
        return None
    equipment = selectors.equipment_needing_attention(user=request.user)
    visits = selectors.visits_on_site(user=request.user)
    return {
        "equipment": list(equipment[:8]),
        "equipment_count": equipment.count(),
        "visits": list(visits[:8]),
        "visit_count": visits.count(),
    }


register(
    Panel(
        key="inspections_inspector",
        template="dashboards/panels/inspections_inspector.html",
        build=inspector_panel,
        order=20,
    )
)
register(
    Panel(
        key="inspections_officer", template="dashboards/panels/inspections_officer.html", build=officer_panel, order=30
    )
)
