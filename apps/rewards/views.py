"""Thin views: parse → selector or service → render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.pagination import paginate
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items

from . import selectors, services
from .forms import DecisionFilter, DecisionForm
from .models import Decision
from .pdf import certificate_pdf_response
from .workflow import FLOW

PAGE_SIZE = 50


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _call(form, fn):
    """Run a service; a refusal becomes a form error (403 for NotAllowed). Returns the result or None."""
    try:
        return fn()
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return None


# --- decisions ------------------------------------------------------------------------------------------------


@login_required
def decision_list(request):
    filters = DecisionFilter(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.decision_list(user=request.user)
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("year"):
        qs = qs.filter(effective_date__year=data["year"])
    if data.get("department"):
        qs = qs.filter(department=data["department"])
    context = {"page": paginate(request, qs, PAGE_SIZE), "filters": filters}
    return render(request, "rewards/decision_list.html", context)


@login_required
def notice_board(request):
    decisions = selectors.notice_board()
    return render(request, "rewards/notice_board.html", {"page": paginate(request, decisions, PAGE_SIZE)})


@login_required
def decision_create(request):
    _need(request, "rewards.propose")
    form = DecisionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        decision = _call(form, lambda: services.decision_propose(user=request.user, **form.cleaned_data))
        if decision is not None:
            messages.success(request, _("%(number)s proposed; management has been asked to decide.") % {
                "number": decision.number})  # fmt: skip
            return redirect(decision)
    return render(request, "rewards/decision_form.html", {"form": form}, status=400 if form.errors else 200)


def visible_decisions(request):
    return selectors.decision_list(user=request.user)


def has_certificate(decision) -> bool:
    return decision.is_reward and decision.status in (Decision.Status.APPROVED, Decision.Status.ANNOUNCED)


def decision_page(request, decision, *, bound_form=None, status=200):
    """The decision's page; the workflow's move view renders it again when a move is refused."""
    context = {
        "decision": decision,
        "evidence": selectors.evidence_of(decision),
        "moves": move_items(FLOW, decision, request.user, bound_form=bound_form),
        "timeline": timeline_for(decision),
        "can_see_amount": request.user.has_perm("rewards.view_amount"),
        "has_certificate": has_certificate(decision),
    }
    return render(request, "rewards/decision_detail.html", context, status=status)


@login_required
def decision_detail(request, pk):
    decision = get_object_or_404(visible_decisions(request), pk=pk)
    return decision_page(request, decision)


@login_required
def decision_certificate(request, pk):
    decision = get_object_or_404(visible_decisions(request), pk=pk)
    if not has_certificate(decision):
        raise Http404
    return certificate_pdf_response(decision, request)


def evidence_panel(*, request, obj):
    """The link back on a source record's page (hazards, through ``apps.core.panels``)."""
    decisions = list(selectors.decisions_citing(user=request.user, record=obj)[:20])
    if not decisions:
        return None
    return {"decisions": decisions}
