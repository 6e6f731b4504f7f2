from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from . import selectors
from .evidence import STATUS_LABELS
from .pdf import summary_pdf_response


@login_required
def overview(request):
    can_see = request.user.has_perm("regulation.view_evidence")
    rows = selectors.evidence_overview() if can_see else None
    context = {
        "rows": rows,
        "clauses": None if can_see else selectors.clause_list(),
        "edition": selectors.current_edition(),
        "can_see_evidence": can_see,
        "status_labels": STATUS_LABELS,
    }
    return render(request, "regulation/overview.html", context)


@login_required
def clause_detail(request, ref):
    clause = get_object_or_404(selectors.clause_list(include_retired=True).select_related("parent"), ref=ref)
    context = {"clause": clause, "can_see_evidence": request.user.has_perm("regulation.view_evidence")}
    if context["can_see_evidence"]:
        row, sections, children = selectors.clause_evidence(clause=clause)
        context.update(row=row, sections=sections, children=children)
    else:
        context["children"] = selectors.clause_list().filter(parent=clause)
    return render(request, "regulation/clause_detail.html", context)


@login_required
def summary_pdf(request):
    """The one-page compliance summary by clause, in the reader's language."""
    if not request.user.has_perm("regulation.view_evidence"):
        raise PermissionDenied
    return summary_pdf_response(request)
