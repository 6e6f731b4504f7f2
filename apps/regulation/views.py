from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from apps.core.pdf import pdf_response, render_pdf

from . import selectors
from .evidence import STATUS_LABELS


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
    context = {
        **selectors.compliance_summary(),
        "edition": selectors.current_edition(),
        "today": timezone.localdate(),
        "status_labels": STATUS_LABELS,
        "language": translation.get_language(),
    }
    pdf = render_pdf("regulation/summary_pdf.html", context, request=request)
    return pdf_response(pdf, f"compliance-summary-{timezone.localdate():%Y-%m-%d}.pdf")
