"""Thin views: parse → selector or service → render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.forms import call_service
from apps.core.metrics import get_metric, metric_records, metric_value
from apps.core.pagination import paginate
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items
from apps.core.xlsx_export import xlsx_response
from apps.organization.models import Department

from . import scorecard, selectors, services
from .filters import DecisionFilter
from .forms import DecisionForm, PeriodForm, SuggestionForm, WeightsForm
from .models import Decision
from .pdf import certificate_pdf_response, scorecard_pdf_response
from .suggestions import suggestions as suggest
from .workflow import FLOW

PAGE_SIZE = 50


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- decisions ------------------------------------------------------------------------------------------------


@login_required
def decision_list(request):
    decision_filter = DecisionFilter(request.GET or None, queryset=selectors.decision_list(user=request.user))
    context = {"page": paginate(request, decision_filter.qs, PAGE_SIZE), "filter": decision_filter}
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
        decision = call_service(form, lambda: services.decision_propose(user=request.user, **form.cleaned_data))
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


# --- suggestions ------------------------------------------------------------------------------------------------


def _quarter_period(request) -> scorecard.Period:
    """The period of the suggestions: the quarter asked for, else the last complete quarter."""
    form = PeriodForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("year"):
        return scorecard.Period(form.cleaned_data["year"], form.cleaned_data.get("quarter"))
    today = timezone.localdate()
    quarter = (today.month - 1) // 3
    return scorecard.Period(today.year, quarter) if quarter else scorecard.Period(today.year - 1, 4)


@login_required
def suggestion_list(request):
    _need(request, "rewards.view_suggestions")
    period = _quarter_period(request)
    context = {
        "period": period,
        "form": PeriodForm(initial={"year": period.year, "quarter": period.quarter}),
        "suggestions": suggest(user=request.user, period=period),
    }
    return render(request, "rewards/suggestions.html", context)


@login_required
@require_POST
def suggestion_propose(request):
    _need(request, "rewards.view_suggestions")
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This suggestion no longer stands; reload the page."))
        return redirect("rewards:suggestions")
    period = scorecard.Period(form.cleaned_data["year"], form.cleaned_data.get("quarter"))
    try:
        decision = services.suggestion_propose(user=request.user, key=form.cleaned_data["key"], period=period)
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("rewards:suggestions") + f"?{period.query}")
    messages.success(request, _("%(number)s proposed; management has been asked to decide.") % {
        "number": decision.number})  # fmt: skip
    return redirect(decision)


# --- the scorecard ----------------------------------------------------------------------------------------


def _period(request) -> scorecard.Period:
    year, quarter = PeriodForm(request.GET or None).period()
    return scorecard.Period(year, quarter)


@login_required
def scorecard_overview(request):
    _need(request, "rewards.view_scorecard")
    period = _period(request)
    cards = scorecard.scorecards(period)
    see_all = request.user.has_perm("rewards.view_all")
    own = [c for c in cards if see_all or c.department.pk in request.user.headed_department_ids]
    context = {
        "period": period,
        "form": PeriodForm(request.GET or None, initial={"year": period.year}),
        "cards": cards,
        "own": own,
        "see_all": see_all,
        "figures": scorecard.FIGURES,
        "info": scorecard.INFO,
        "weights": scorecard.weights(),
        "can_set_weights": request.user.has_perm("rewards.set_weights"),
        "can_export": request.user.has_perm("rewards.export_scorecard"),
    }
    return render(request, "rewards/scorecard.html", context)


def _department_or_404(request, pk):
    department = get_object_or_404(Department, pk=pk)
    if not request.user.has_perm("rewards.view_department_scorecard", department):
        raise Http404
    return department


def _card(request, department):
    period = _period(request)
    cards = scorecard.scorecards(period)
    return next(c for c in cards if c.department.pk == department.pk)


@login_required
def scorecard_department(request, pk):
    _need(request, "rewards.view_scorecard")
    department = _department_or_404(request, pk)
    card = _card(request, department)
    return render(request, "rewards/scorecard_department.html", {"card": card, "period": card.period})


@login_required
def scorecard_pdf(request, pk):
    _need(request, "rewards.view_scorecard")
    department = _department_or_404(request, pk)
    return scorecard_pdf_response(_card(request, department), request)


@login_required
def scorecard_records(request, pk, figure):
    _need(request, "rewards.view_scorecard")
    department = _department_or_404(request, pk)
    metric_name = scorecard.figure_metric(figure)
    if metric_name is None:
        raise Http404
    period = _period(request)
    records = metric_records(metric_name, start=period.start, end=period.end, department_id=department.pk)
    if hasattr(records, "order_by"):
        records = records.order_by("pk")
    metric = get_metric(metric_name)
    context = {
        "department": department,
        "period": period,
        "label": scorecard.figure_label(figure),
        "metric": metric,
        "page": paginate(request, records if records is not None else [], PAGE_SIZE),
        "value": metric_value(metric_name, start=period.start, end=period.end, department_id=department.pk),
        "source_url": metric.records_url(year=period.year, department_id=department.pk),
    }
    return render(request, "rewards/scorecard_records.html", context)


def _export_header():
    return [_("Rank"), _("Department"), *[str(f.label) for f in scorecard.FIGURES],
            *[str(label) for _k, _m, label in scorecard.INFO], _("People not cleared for work"), _("Total score"),
            _("Previous period"), _("Trend")]  # fmt: skip


def _export_rows(cards):
    for c in cards:
        yield [c.rank or "", c.department.display_name, *[cell.value for cell in c.cells], c.not_cleared,
               c.total, c.previous_total, c.trend]  # fmt: skip


@login_required
def scorecard_export_csv(request):
    _need(request, "rewards.export_scorecard")
    period = _period(request)
    rows = ([("" if v is None else str(v)) for v in row] for row in _export_rows(scorecard.scorecards(period)))
    return csv_response(filename=f"scorecard-{period.slug}", header=_export_header(), rows=rows)


@login_required
def scorecard_export_xlsx(request):
    _need(request, "rewards.export_scorecard")
    period = _period(request)
    return xlsx_response(filename=f"scorecard-{period.slug}", header=_export_header(),
                         rows=_export_rows(scorecard.scorecards(period)))  # fmt: skip


@login_required
def weights_edit(request):
    _need(request, "rewards.set_weights")
    initial = scorecard.weights()
    form = WeightsForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, lambda: services.weights_set(user=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("Scorecard weights saved."))
        return redirect("rewards:scorecard")
    return render(request, "rewards/weights_form.html", {"form": form}, status=400 if form.errors else 200)
