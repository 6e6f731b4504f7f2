from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.metrics import get_metric
from apps.core.pagination import paginate
from apps.core.params import parse_id
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items

from .. import services
from ..forms import FigureForm, ObjectiveForm
from ..models import Objective
from ..rules import can_prepare_objective
from ..selectors import objective_list, objectives_progress
from ..workflow import OBJECTIVE_FLOW
from .common import chosen_year, require_perm, run

PAGE_SIZE = 20


def visible_objectives(request):
    """The objectives the signed-in user may see (the moves' URLs fetch through this: others are a 404)."""
    return objective_list(user=request.user)


@login_required
def objective_list_view(request):
    """The year's objectives: company objectives with their department break-downs, each with target,
    current value, trend and on-track/at-risk/missed (R2.1.1)."""
    year = chosen_year(request)
    visible = objective_list(user=request.user, year=year)
    top = visible.filter(parent__isnull=True).order_by("department__name", "department_id", "id")
    page = paginate(request, top, per_page=PAGE_SIZE)
    shown = list(page.object_list)
    children = list(visible.filter(parent_id__in=[o.pk for o in shown]).order_by("department__name", "id"))
    progress = objectives_progress([*shown, *children], year=year)
    by_parent = {}
    for child in children:
        child.progress = progress[child.pk]
        by_parent.setdefault(child.parent_id, []).append(child)
    for o in shown:
        o.progress = progress[o.pk]
        o.breakdown = by_parent.get(o.pk, [])
    context = {
        "year": year,
        "page": page,
        "objectives": shown,
        "can_add": request.user.has_perm("responsibilities.add_objective"),
    }
    return render(request, "responsibilities/objective_list.html", context)


def _form_context(form, objective=None):
    return {"form": form, "objective": objective}


@login_required
def objective_create(request):
    require_perm(request, "responsibilities.add_objective")
    year = chosen_year(request)
    initial = {"year": year}
    parent_id = parse_id(request.GET.get("parent"))
    if parent_id is not None:
        parent = Objective.objects.filter(pk=parent_id, department__isnull=True).first()
        if parent is not None:
            initial.update(parent=parent.pk, year=parent.year, metric=parent.metric, direction=parent.direction,
                           target=parent.target, unit=parent.unit, title=parent.title, title_zh=parent.title_zh,
                           clause_ref=parent.clause_ref)  # fmt: skip
    form = ObjectiveForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        objective = run(request, form, lambda data: services.objective_create(user=request.user, **data))
        if objective is not None:
            messages.success(request, _("Objective drafted. Submit it for approval when it is ready."))
            return redirect(objective)
        return render(request, "responsibilities/objective_form.html", _form_context(form), status=400)
    return render(request, "responsibilities/objective_form.html", _form_context(form))


@login_required
def objective_edit(request, pk):
    objective = get_object_or_404(visible_objectives(request), pk=pk)
    if not (objective.is_draft and request.user.has_perm("responsibilities.change_objective", objective)):
        raise PermissionDenied
    form = ObjectiveForm(request.POST or None, user=request.user, instance=objective)
    if request.method == "POST":
        # The service changes the row; the ModelForm only parses (its save() is never called).
        done = run(
            request, form, lambda data: services.objective_update(objective=objective, user=request.user, **data)
        )
        if done is not None:
            messages.success(request, _("Objective saved."))
            return redirect(objective)
        return render(request, "responsibilities/objective_form.html", _form_context(form, objective), status=400)
    return render(request, "responsibilities/objective_form.html", _form_context(form, objective))


def objective_page(request, objective, *, bound_form=None, status=200, figure_form=None):
    progress = objectives_progress([objective], year=objective.year)[objective.pk]
    children = list(objective.children.select_related("department", "owner"))
    child_progress = objectives_progress(children, year=objective.year)
    for child in children:
        child.progress = child_progress[child.pk]
    user = request.user
    may_record = not objective.metric and (user.pk == objective.owner_id or can_prepare_objective(user, objective))
    context = {
        "objective": objective,
        "progress": progress,
        "metric": get_metric(objective.metric) if objective.metric else None,
        "children": children,
        "figures": list(objective.figures.select_related("recorded_by").order_by("-date", "-id")[:24]),
        "figure_form": figure_form or (FigureForm() if may_record else None),
        "moves": move_items(OBJECTIVE_FLOW, objective, user, bound_form=bound_form),
        "timeline": timeline_for(objective),
        "can_edit": objective.is_draft and user.has_perm("responsibilities.change_objective", objective),
        "can_break_down": objective.department_id is None and user.has_perm("responsibilities.add_objective"),
    }
    return render(request, "responsibilities/objective_detail.html", context, status=status)


@login_required
def objective_detail(request, pk):
    return objective_page(request, get_object_or_404(visible_objectives(request), pk=pk))


@login_required
@require_POST
def objective_figure_add(request, pk):
    objective = get_object_or_404(visible_objectives(request), pk=pk)
    form = FigureForm(request.POST)
    figure = run(
        request, form, lambda data: services.objective_figure_add(objective=objective, user=request.user, **data),
        success=_("Figure recorded."),
    )  # fmt: skip
    if figure is not None:
        return redirect(objective)
    return objective_page(request, objective, figure_form=form, status=400)
