from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pagination import paginate
from apps.core.selectors import attachments_for, timeline_for, view_permission_for
from apps.core.workflow_views import move_items

from .. import services
from ..forms import BudgetForm, BudgetLineForm, FundsDrawForm
from ..models import Budget, BudgetLine, Spending
from ..selectors import budget_lines, line_usage, spending_list, with_sources
from ..workflow import BUDGET_FLOW, SPENDING_FLOW
from .common import act_and_return, chosen_year, require_perm, run

SPENDING_PAGE = 50


def visible_budgets(request):
    require_perm(request, "responsibilities.view_budget")
    return Budget.objects.all()


def visible_spending(request):
    require_perm(request, "responsibilities.view_spending")
    return Spending.objects.select_related("line__budget", "recorded_by", "decided_by")


@login_required
def budget_overview(request):
    """/responsibilities/budget/?year= — the year's budget, or the form to start it."""
    budgets = visible_budgets(request)
    year = chosen_year(request)
    budget = budgets.filter(year=year).first()
    if budget is not None:
        return budget_page(request, budget)
    form = BudgetForm(initial={"year": year}) if request.user.has_perm("responsibilities.manage_budget") else None
    return render(
        request, "responsibilities/budget_none.html", {"year": year, "form": form, "budgets": budgets.order_by("-year")}
    )


@login_required
@require_POST
def budget_create(request):
    require_perm(request, "responsibilities.manage_budget")
    form = BudgetForm(request.POST)
    budget = run(request, form, lambda data: services.budget_create(user=request.user, **data))
    if budget is not None:
        messages.success(request, _("Budget started: add its lines, then submit it for approval."))
        return redirect(budget)
    year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
    context = {"year": year or timezone.localdate().year, "form": form, "budgets": Budget.objects.order_by("-year")}
    return render(request, "responsibilities/budget_none.html", context, status=400)


def budget_page(request, budget, *, bound_form=None, status=200, line_form=None, spending_form=None):
    """The budget page: lines with spent against approved (a warning past 90 %), totals, spending."""
    user = request.user
    lines = list(budget_lines(budget))
    for line in lines:
        line.usage = line_usage(line)
    totals = {
        "requested": sum((ln.amount_requested for ln in lines), Decimal(0)),
        "approved": sum((ln.amount_approved or 0 for ln in lines), Decimal(0)) if budget.is_approved else None,
        "spent": sum((ln.spent for ln in lines), Decimal(0)),
        "pending": sum((ln.pending for ln in lines), Decimal(0)),
    }
    base = totals["approved"] if totals["approved"] is not None else totals["requested"]
    totals["percent"] = round(100 * totals["spent"] / base) if base else 0
    page = paginate(request, spending_list(budget=budget), per_page=SPENDING_PAGE)
    manage = user.has_perm("responsibilities.manage_budget")
    can_spend = budget.is_approved and user.has_perm("responsibilities.record_spending")
    context = {
        "budget": budget,
        "lines": lines,
        "totals": totals,
        "page": page,
        "spendings": with_sources(page.object_list),
        "line_form": line_form or (BudgetLineForm() if manage and budget.is_draft else None),
        "spending_form": spending_form or (FundsDrawForm(year=budget.year) if can_spend else None),
        "moves": move_items(BUDGET_FLOW, budget, user, bound_form=bound_form),
        "timeline": timeline_for(budget).order_by("-created_at", "-id")[:20],
        "can_remove_lines": manage and budget.is_draft,
        "years": list(Budget.objects.order_by("-year").values_list("year", flat=True)[:10]),
    }
    return render(request, "responsibilities/budget_detail.html", context, status=status)


@login_required
def budget_detail(request, pk):
    return budget_page(request, get_object_or_404(visible_budgets(request), pk=pk))


@login_required
@require_POST
def budget_line_add(request, pk):
    budget = get_object_or_404(visible_budgets(request), pk=pk)
    require_perm(request, "responsibilities.manage_budget")
    form = BudgetLineForm(request.POST)
    line = run(request, form, lambda data: services.budget_line_add(budget=budget, user=request.user, **data),
               success=_("Line added."))  # fmt: skip
    if line is not None:
        return redirect(budget)
    return budget_page(request, budget, line_form=form, status=400)


@login_required
@require_POST
def budget_line_remove(request, pk):
    require_perm(request, "responsibilities.manage_budget")
    line = get_object_or_404(BudgetLine.objects.select_related("budget"), pk=pk)
    return act_and_return(
        request, lambda: services.budget_line_remove(line=line, user=request.user), success=_("Line removed."),
        back=line.budget,
    )  # fmt: skip


def _spending_result(request, spending):
    """The message after recording: waiting for management, past 90 %, or simply recorded."""
    if spending.status == Spending.Status.AWAITING_OVERRIDE:
        messages.warning(request, _("Past the approved amount: management has been asked to approve it."))
        return
    line = budget_lines(spending.line.budget).get(pk=spending.line_id)
    usage = line_usage(line)
    if usage["percent"] >= BudgetLine.WARN_PERCENT:
        messages.warning(
            request,
            _("Spending recorded. “%(line)s” has now used %(percent)s%% of its approved amount.")
            % {"line": line.description, "percent": usage["percent"]},
        )
    else:
        messages.success(request, _("Spending recorded."))


@login_required
@require_POST
def spending_add(request, pk):
    budget = get_object_or_404(visible_budgets(request), pk=pk)
    require_perm(request, "responsibilities.record_spending")
    form = FundsDrawForm(request.POST, request.FILES, year=budget.year)
    form.fields["line"].queryset = form.fields["line"].queryset.filter(budget=budget)
    spending = run(request, form, lambda data: services.spending_record(user=request.user, **data))
    if spending is not None:
        _spending_result(request, spending)
        return redirect(budget)
    return budget_page(request, budget, spending_form=form, status=400)


def spending_page(request, spending, *, bound_form=None, status=200):
    [spending] = with_sources([spending])
    context = {
        "spending": spending,
        "attachments": list(attachments_for(spending)),
        "moves": move_items(SPENDING_FLOW, spending, request.user, bound_form=bound_form),
        "timeline": timeline_for(spending),
    }
    return render(request, "responsibilities/spending_detail.html", context, status=status)


@login_required
def spending_detail(request, pk):
    return spending_page(request, get_object_or_404(visible_spending(request), pk=pk))


# Records whose rectification the safety budget may fund (each has a panel showing it, apps.core.panels).
FUNDABLE = {"hazards.hazard"}


def _source(request, type_id, object_id):
    """A fundable record of another app, by content type: a 404 unless the user may see it."""
    content_type = ContentType.objects.filter(pk=type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or f"{content_type.app_label}.{content_type.model}" not in FUNDABLE:
        raise Http404
    record = model._default_manager.filter(pk=object_id).first()
    if record is None or not request.user.has_perm(view_permission_for(record), record):
        raise Http404
    return record


@login_required
def funds_draw(request, type_id, object_id):
    """Fund a record of another module (a major hazard's rectification) from a budget line."""
    record = _source(request, type_id, object_id)
    require_perm(request, "responsibilities.record_spending")
    year = timezone.localdate().year
    form = FundsDrawForm(request.POST or None, request.FILES or None, year=year, initial={"date": timezone.localdate()})
    status = 200
    if request.method == "POST":
        spending = run(request, form, lambda data: services.spending_record(user=request.user, source=record, **data))
        if spending is not None:
            _spending_result(request, spending)
            return redirect(record)
        status = 400
    context = {"form": form, "record": record, "year": year, "record_label": getattr(record, "number", str(record))}
    return render(request, "responsibilities/funds_form.html", context, status=status)


def hazard_funds_panel(*, request, obj):
    """The hazard page's panel (apps.core.panels): the spending that funds this hazard, and for those
    who record spending, a link to draw funds from a budget line. Shown for a major hazard (its five
    fixes include funds) or any hazard already funded; only to those who may see the budget."""
    user = request.user
    if not user.has_perm("responsibilities.view_spending"):
        return None
    spendings = list(spending_list(source=obj).select_related("line"))
    if not spendings and not getattr(obj, "is_major", False):
        return None
    recorded = [s for s in spendings if s.status == Spending.Status.RECORDED]
    content_type = ContentType.objects.get_for_model(obj)
    return {
        "spendings": spendings,
        "total": sum((s.amount for s in recorded), Decimal(0)),
        "planned": getattr(obj, "funds", None),
        "draw_url": reverse("responsibilities:funds_draw", args=[content_type.pk, obj.pk])
        if user.has_perm("responsibilities.record_spending")
        else "",
    }
