from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pagination import paginate
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items

from .. import services
from ..filters import TaskFilterForm
from ..forms import TaskForm, WorkPlanForm
from ..models import Task, WorkPlan
from ..selectors import plan_progress_by_month, plan_progress_by_owner, plan_tasks
from ..workflow import TASK_FLOW, WORKPLAN_FLOW
from .common import act_and_return, chosen_year, require_perm, run

TASK_PAGE = 50


def visible_plans(request):
    """Approved plans for everyone; drafts for the officers and management who prepare and approve them."""
    qs = WorkPlan.objects.all()
    if not request.user.has_perm("responsibilities.manage_plan"):
        qs = qs.filter(status=WorkPlan.Status.APPROVED)
    return qs


def visible_tasks(request):
    return Task.objects.filter(plan__in=visible_plans(request)).select_related("plan", "owner", "department")


@login_required
def plan_overview(request):
    """/responsibilities/plan/?year= — the year's work plan, or the form to start (or copy) it."""
    year = chosen_year(request)
    plan = visible_plans(request).filter(year=year).first()
    if plan is not None:
        return plan_page(request, plan)
    manage = request.user.has_perm("responsibilities.manage_plan")
    form = WorkPlanForm(initial={"year": year, "copy_from": True}) if manage else None
    plans = visible_plans(request).order_by("-year")
    return render(request, "responsibilities/plan_none.html", {"year": year, "form": form, "plans": plans})


@login_required
@require_POST
def plan_create(request):
    require_perm(request, "responsibilities.manage_plan")
    form = WorkPlanForm(request.POST)
    plan = run(request, form, lambda data: services.workplan_create(user=request.user, **data))
    if plan is not None:
        messages.success(request, _("Work plan started: add its tasks, then submit it for approval."))
        return redirect(plan)
    context = {"year": chosen_year(request), "form": form, "plans": visible_plans(request).order_by("-year")}
    return render(request, "responsibilities/plan_none.html", context, status=400)


def plan_page(request, plan, *, bound_form=None, status=200, task_form=None):
    """Tasks by month (paginated, filterable by month, status and owner) and progress by month and owner."""
    user = request.user
    filter_form = TaskFilterForm(request.GET or None)
    page = paginate(request, plan_tasks(plan, filters=filter_form.filters()), per_page=TASK_PAGE)
    manage = user.has_perm("responsibilities.manage_plan")
    context = {
        "plan": plan,
        "page": page,
        "filter_form": filter_form,
        "by_month": plan_progress_by_month(plan),
        "by_owner": plan_progress_by_owner(plan),
        "task_form": task_form or (TaskForm(user=user) if manage and plan.is_draft else None),
        "can_remove_tasks": manage and plan.is_draft,
        "moves": move_items(WORKPLAN_FLOW, plan, user, bound_form=bound_form),
        "timeline": timeline_for(plan).order_by("-created_at", "-id")[:20],
        "statuses": Task.Status.choices,
    }
    return render(request, "responsibilities/plan_detail.html", context, status=status)


@login_required
def plan_detail(request, pk):
    return plan_page(request, get_object_or_404(visible_plans(request), pk=pk))


@login_required
@require_POST
def task_add(request, pk):
    plan = get_object_or_404(visible_plans(request), pk=pk)
    require_perm(request, "responsibilities.manage_plan")
    form = TaskForm(request.POST, user=request.user)
    task = run(request, form, lambda data: services.task_add(plan=plan, user=request.user, **data),
               success=_("Task added."))  # fmt: skip
    if task is not None:
        return redirect(plan)
    return plan_page(request, plan, task_form=form, status=400)


@login_required
@require_POST
def task_remove(request, pk):
    task = get_object_or_404(visible_tasks(request), pk=pk)
    require_perm(request, "responsibilities.manage_plan")
    return act_and_return(
        request, lambda: services.task_remove(task=task, user=request.user), success=_("Task removed."),
        back=task.plan,
    )  # fmt: skip


def task_page(request, task, *, bound_form=None, status=200):
    context = {
        "task": task,
        "moves": move_items(TASK_FLOW, task, request.user, bound_form=bound_form),
        "timeline": timeline_for(task),
    }
    return render(request, "responsibilities/task_detail.html", context, status=status)


@login_required
def task_detail(request, pk):
    return task_page(request, get_object_or_404(visible_tasks(request), pk=pk))
