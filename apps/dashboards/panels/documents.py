"""Home panel: the documents the person must still read and acknowledge (shown only when there are some)."""

from apps.documents import selectors

from . import Panel, register


def build(request):
    pending = list(selectors.campaigns_for(user=request.user)[:5])
    return {"pending": pending} if pending else None


register(Panel(key="documents", template="dashboards/panels/documents_home.html", build=build, order=15))
