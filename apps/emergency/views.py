from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.forms import submit_form
from apps.core.params import year_param
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items
from apps.documents.models import DocumentVersion
from apps.documents.workflow import FLOW as DOCUMENT_FLOW
from apps.hazards.selectors import hazards_raised_by

from . import selectors, services
from .forms import (
    DrillProblemForm,
    DrillScheduleForm,
    PlanCreateForm,
    PlanVersionForm,
    TeamMemberForm,
)
from .models import ContingencyPlan, DrillProblem, TeamMember
from .pdf import team_roster_pdf_response
from .workflow import DRILL_FLOW


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _run(request, call, success):
    """Call a service; refused permission is a 403, any other refusal a message. True on success."""
    try:
        call()
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


# --- plans --------------------------------------------------------------------------------------


def _plan_list_page(request, create_form=None, status=200):
    if create_form is None and request.user.has_perm("emergency.manage_plan"):
        create_form = PlanCreateForm()
    context = {
        "plans": selectors.plans_with_drill_flags(),
        "supply_links": selectors.supply_links(),
        "create_form": create_form,
    }
    return render(request, "emergency/plan_list.html", context, status=status)


@login_required
def plan_list(request):
    return _plan_list_page(request)


@login_required
@require_POST
def plan_create(request):
    _need(request, "emergency.manage_plan")
    form = PlanCreateForm(request.POST)
    result = {}
    if submit_form(
        form, lambda f: result.setdefault("plan", services.plan_create(user=request.user, **f.cleaned_data))
    ):
        messages.success(request, _("Plan created; write its first version."))
        return redirect(reverse("emergency:version_detail", args=[result["plan"].document.versions.get().pk]))
    return _plan_list_page(request, create_form=form, status=400)


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(selectors.plan_list(include_inactive=True), pk=pk)
    plan.current_version = selectors.plan_current_version(plan)
    plan.drill_overdue = selectors.plan_is_overdue_for_drill(plan)
    current = selectors.version_detail_qs().filter(pk=plan.current_version.pk).first() if plan.current_version else None
    context = {
        "plan": plan,
        "current": current,
        "versions": selectors.plan_versions(plan),
        "drills": selectors.drill_list().filter(plan=plan).order_by("-planned_at")[:10],
        "timeline": timeline_for(plan),
    }
    return render(request, "emergency/plan_detail.html", context)


@login_required
@require_POST
def plan_version_new(request, pk):
    plan = get_object_or_404(ContingencyPlan, pk=pk)
    _need(request, "emergency.manage_plan", plan)
    result = {}
    if _run(
        request,
        lambda: result.setdefault("v", services.plan_version_draft(plan=plan, user=request.user)),
        _("New draft version started."),
    ):
        return redirect("emergency:version_detail", result["v"].pk)
    return redirect(plan.get_absolute_url())


@login_required
def version_detail(request, pk):
    """A plan version: its purpose and steps, the steps editor while it is a draft, and document control's
    buttons (submit, approve, return, withdraw), which post to the documents module."""
    version = get_object_or_404(selectors.version_detail_qs(), pk=pk)
    plan = version.document.contingency_plan
    form = None
    if version.status == DocumentVersion.Status.DRAFT and request.user.has_perm("emergency.manage_plan", plan):
        if request.method == "POST":
            form = PlanVersionForm(request.POST)
            if form.is_valid() and _run(
                request,
                lambda: services.plan_version_update(version=version, user=request.user, **form.cleaned_data),
                _("Draft saved."),
            ):
                return redirect("emergency:version_detail", version.pk)
        else:
            form = PlanVersionForm(
                initial={
                    "purpose": version.body,
                    "purpose_zh": version.body_zh,
                    "effective_date": version.effective_date,
                    "change_note": version.change_note,
                    "steps": PlanVersionForm.steps_text(version),
                }
            )
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "version": version,
        "plan": plan,
        "form": form,
        "moves": move_items(DOCUMENT_FLOW, version, request.user),
        "timeline": timeline_for(version),
    }
    return render(request, "emergency/version_detail.html", context)


# --- team ---------------------------------------------------------------------------------------


@login_required
def team(request):
    form = None
    if request.user.has_perm("emergency.manage_team"):
        form = TeamMemberForm(request.POST or None, user=request.user)
        if (
            request.method == "POST"
            and form.is_valid()
            and _run(
                request, lambda: services.team_member_add(user=request.user, **form.cleaned_data), _("Member added.")
            )
        ):
            return redirect("emergency:team")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "emergency/team.html", {"members": selectors.team_list(), "form": form})


@login_required
@require_POST
def team_member_remove(request, pk):
    member = get_object_or_404(TeamMember, pk=pk)
    _need(request, "emergency.manage_team", member)
    _run(request, lambda: services.team_member_remove(user=request.user, member=member), _("Member removed."))
    return redirect("emergency:team")


@login_required
def team_roster(request):
    """The printable one-page roster (PDF) in the reader's language."""
    return team_roster_pdf_response(request)


# --- drills -------------------------------------------------------------------------------------


@login_required
def drill_list(request):
    today = timezone.localdate()
    year = year_param(request, default=today.year)
    form = DrillScheduleForm() if request.user.has_perm("emergency.manage_drill") else None
    context = {
        "year": year,
        "calendar": selectors.drill_calendar(year=year),
        "drills": selectors.drill_list(year=year),
        "undrilled": selectors.undrilled_plans(),
        "form": form,
    }
    return render(request, "emergency/drill_list.html", context)


@login_required
def drill_schedule(request):
    _need(request, "emergency.manage_drill")
    form = DrillScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = {}
        data = form.cleaned_data
        if _run(
            request,
            lambda: result.setdefault(
                "d",
                services.drill_schedule(
                    user=request.user,
                    plan=data["plan"],
                    site=data["site"],
                    planned_at=data["planned_at"],
                    scope=data["scope"],
                    participants=form.all_participants(),
                ),
            ),
            _("Drill planned; participants will be reminded."),
        ):
            return redirect(result["d"].get_absolute_url())
    return render(request, "emergency/drill_form.html", {"form": form})


def _drill_or_404(pk):
    return get_object_or_404(selectors.drill_detail_qs(), pk=pk)


def visible_drills(request):
    """The drills (everyone may see them; the moves' URLs fetch through this)."""
    return selectors.drill_detail_qs()


def drill_page(request, drill, *, bound_form=None, status=200):
    """The drill page (also shown again, status 400, with a refused move's form as it was filled in)."""
    context = _drill_context(request, drill, bound_form=bound_form)
    return render(request, "emergency/drill_detail.html", context, status=status)


def _drill_context(request, drill, bound=None, bound_form=None):
    """What the drill page shows; ``bound`` replaces a blank form by a refused one (input and errors kept)."""
    can_manage = request.user.has_perm("emergency.manage_drill", drill)
    started = drill.planned_at <= timezone.now()
    moves = move_items(DRILL_FLOW, drill, request.user, bound_form=bound_form)
    if not started:  # a drill is recorded once it has started
        moves = [m for m in moves if m["move"].name != "record"]
    problems = list(drill.problems.all())
    raised = hazards_raised_by(user=request.user, sources=problems)
    for problem in problems:
        problem.hazards = raised.get(problem.pk, [])
    context = {
        "drill": drill,
        "problems": problems,
        "can_manage": can_manage,
        "moves": moves,
        "can_record_later": can_manage and not started and request.user.has_perm("emergency.record_drill", drill),
        "problem_form": DrillProblemForm(site=drill.site) if can_manage else None,
        "timeline": timeline_for(drill),
    }
    context.update(bound or {})
    return context


@login_required
def drill_detail(request, pk):
    drill = _drill_or_404(pk)
    return drill_page(request, drill)


def _drill_post(request, drill, key, form, call, success):
    """One of the drill page's forms: success redirects back, a refusal shows the page again with the input."""
    _need(request, "emergency.manage_drill", drill)
    if submit_form(form, call):
        messages.success(request, success)
        return redirect(drill.get_absolute_url())
    context = _drill_context(request, _drill_or_404(drill.pk), bound={key: form})
    return render(request, "emergency/drill_detail.html", context, status=400)


@login_required
@require_POST
def drill_problem_add(request, pk):
    drill = _drill_or_404(pk)
    return _drill_post(
        request,
        drill,
        "problem_form",
        DrillProblemForm(request.POST, site=drill.site),
        lambda f: services.drill_problem_add(drill=drill, user=request.user, **f.cleaned_data),
        _("Problem recorded."),
    )


@login_required
@require_POST
def drill_problem_hazard(request, pk):
    problem = get_object_or_404(DrillProblem.objects.select_related("drill"), pk=pk)
    _need(request, "emergency.manage_drill", problem.drill)
    _run(
        request,
        lambda: services.drill_problem_raise_hazard(problem=problem, user=request.user),
        _("Raised as a hazard."),
    )
    return redirect(problem.drill.get_absolute_url())


def plan_steps_body(request, version):
    """Document control's version page shows a plan version's steps (registered in apps.py)."""
    if version.document.category != "plan":
        return None
    steps = version.plan_steps.all()
    return "emergency/inc/plan_steps.html", {"steps": steps, "version": version}
