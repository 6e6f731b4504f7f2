from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.filters import refuse_invalid_filter, report_filter_errors
from apps.core.forms import submit_form
from apps.core.pagination import paginate
from apps.core.panels import record_panels
from apps.core.params import parse_id
from apps.core.permissions import is_officer
from apps.core.selectors import attachments_for
from apps.core.workflow_views import move_items
from apps.hazards.selectors import hazards_raised_by

from . import selectors, services
from .filters import IncidentFilter
from .forms import (
    ActionForm,
    ActivatePlanForm,
    AssignLeadForm,
    CaseStudyForm,
    EventForm,
    ExternalReportForm,
    HoursForm,
    IncidentEditForm,
    IncidentReportForm,
    InvestigationForm,
    InvolvedPersonFormSet,
)
from .models import CorrectiveAction, Incident
from .pdf import incident_pdf_response
from .workflow import ACTION_FLOW, INCIDENT_FLOW


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _incident_or_404(request, pk, qs=None):
    return get_object_or_404(qs if qs is not None else selectors.incident_list(user=request.user), pk=pk)


@login_required
def incident_list(request):
    filterset = IncidentFilter(request.GET, queryset=selectors.incident_list(user=request.user))
    report_filter_errors(request, filterset.form)
    page = paginate(request, filterset.qs.order_by("-occurred_at", "-id"))
    context = {"filter": filterset, "page": page}
    if request.user.has_perm("incidents.view_statistics"):
        context["stats"] = selectors.incident_statistics(months=12)
    return render(request, "incidents/incident_list.html", context)


@login_required
def incident_export(request):
    _need(request, "incidents.export_incidents")
    filterset = IncidentFilter(request.GET, queryset=selectors.incident_list(user=request.user))
    refuse_invalid_filter(filterset.form)
    rows = (
        (
            i.number,
            timezone.localtime(i.occurred_at).strftime("%Y-%m-%d %H:%M"),
            i.get_type_display(),
            i.get_severity_display(),
            i.get_status_display(),
            i.department or "",
            i.area.full_name if i.area else "",
            i.injured_count if i.medical_visible else "",
            i.open_action_count,
        )
        # Streamed from a server-side cursor: memory stays flat whatever the number of incidents (issue 12).
        for i in filterset.qs.order_by("-occurred_at", "-id").iterator(chunk_size=1000)
    )
    header = [
        _("Number"),
        _("When"),
        _("Type"),
        _("Severity"),
        _("Status"),
        _("Department"),
        _("Area"),
        _("Injured"),
        _("Open actions"),
    ]
    return csv_response(filename="incidents", header=header, rows=rows)


@login_required
def incident_report(request):
    _need(request, "incidents.report_incident")
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    area_id = parse_id(request.GET.get("area"))  # from a QR poster
    if area_id is not None:
        initial["area"] = area_id
    form = IncidentReportForm(request.POST or None, request.FILES or None, initial=initial, user=request.user)
    people = InvolvedPersonFormSet(request.POST or None, prefix="people", form_kwargs={"user": request.user})
    if request.method == "POST" and people.is_valid():
        rows = [f.cleaned_data for f in people.forms if f.has_changed() and f.cleaned_data]
        result = {}
        if submit_form(
            form,
            lambda f: result.setdefault(
                "incident",
                services.incident_report(
                    reporter=request.user,
                    occurred_at=f.cleaned_data["occurred_at"],
                    type=f.cleaned_data["type"],
                    area=f.cleaned_data["area"],
                    location_detail=f.cleaned_data["location_detail"],
                    description=f.cleaned_data["description"],
                    immediate_actions=f.cleaned_data["immediate_actions"],
                    severity=f.cleaned_data["severity"],
                    people=rows,
                    photos=f.cleaned_data["photos"],
                ),
            ),
        ):
            messages.success(
                request,
                _("Thank you. The incident was reported; the safety officers and your department head have been told."),
            )
            return redirect(result["incident"].get_absolute_url())
    elif request.method == "POST":
        form.is_valid()  # show the report's own errors next to the people's
    return render(request, "incidents/incident_report.html", {"form": form, "people": people})


def _detail_context(request, incident, *, bound=None, bound_form=None):
    """Everything the incident page shows. ``bound`` replaces blank forms by submitted ones (refused
    input is shown again with its errors); ``bound_form`` is a refused move's form (of the incident or
    of one of its actions)."""
    user = request.user
    can_respond = user.has_perm("incidents.respond_incident", incident)
    can_investigate = user.has_perm("incidents.investigate", incident)
    open_ = incident.is_open
    actions = list(incident.actions.all())
    raised = hazards_raised_by(user=user, sources=actions)
    today = timezone.localdate()
    for action in actions:
        action.incident = incident  # the predicates read the incident's state and lead
        own_form = bound_form if bound_form is not None and bound_form.obj == action else None
        action.moves = move_items(ACTION_FLOW, action, user, bound_form=own_form)
        action.check_is_due = action.check_due is None or action.check_due <= today
        if not action.check_is_due:  # the check's buttons come when it is due
            checks = [m for m in action.moves if m["move"].name in ("confirm_effective", "not_effective")]
            action.check_not_due = bool(checks)
            action.moves = [m for m in action.moves if m not in checks]
        action.can_complete = any(m["move"].name == "complete" for m in action.moves)
        action.can_check = any(m["move"].name == "confirm_effective" for m in action.moves)
        action.hazards = raised.get(action.pk, [])
        action.checker_note = (
            _checker_note(action, user)
            if action.status == CorrectiveAction.Status.DONE and not getattr(action, "check_not_due", False)
            else ""
        )
    incident_form = bound_form if bound_form is not None and bound_form.obj == incident else None
    edit_initial = {f: getattr(incident, f) for f in services.EDITABLE_FIELDS}
    edit_initial["occurred_at"] = timezone.localtime(incident.occurred_at)
    bound = bound or {}
    context = {
        "incident": incident,
        "actions": actions,
        "moves": move_items(INCIDENT_FLOW, incident, user, bound_form=incident_form),
        "photos": attachments_for(incident),
        "timeline": selectors.incident_timeline(incident),
        "record_panels": record_panels(request=request, obj=incident),
        "medical": user.has_perm("incidents.view_medical_details", incident),
        "can_respond": can_respond and open_,
        "can_investigate": can_investigate and open_ and incident.status != Incident.Status.REPORTED,
        "plan_form": ActivatePlanForm(auto_id="plan_%s", initial={"plan": incident.plan_id}),
        "lead_form": AssignLeadForm(auto_id="lead_%s", user=user),
        "external_form": ExternalReportForm(
            auto_id="ext_%s",
            initial={
                "required": "yes" if incident.external_required else "no",
                "authority": incident.external_authority,
                "reported_at": incident.external_reported_at and timezone.localtime(incident.external_reported_at),
                "reference": incident.external_reference,
            },
        ),
        "investigation_form": InvestigationForm(auto_id="inv_%s", initial=InvestigationForm.initial_for(incident)),
        "event_form": EventForm(auto_id="event_%s", initial={"happened_at": timezone.localtime(incident.occurred_at)}),
        "action_form": ActionForm(auto_id="action_%s", user=user),
        "edit_form": IncidentEditForm(auto_id="edit_%s", initial=edit_initial),
        "case_form": CaseStudyForm(auto_id="case_%s"),
        "open_form": next(iter(bound), ""),
        "can_publish": incident.is_locked
        and user.has_perm("incidents.publish_case_study", incident)
        and not hasattr(incident, "case_study"),
        "external_overdue": incident.external_required
        and not incident.external_reported_at
        and incident.external_due_at
        and incident.external_due_at < timezone.now(),
    }
    context.update(bound)
    return context


def _checker_note(action, user):
    """Who will check a done action's effectiveness, as the page says it."""
    if user.pk in (action.owner_id, action.completed_by_id) and is_officer(user):
        return _("You did this work, so another safety officer checks its effectiveness.")
    return _("A safety officer who did not do the work checks its effectiveness.")


@login_required
def incident_detail(request, pk):
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    return incident_page(request, incident)


def visible_incidents(request):
    """The incidents the user may see (the moves' URLs fetch through it: another's is a 404)."""
    return selectors.incident_detail_qs(user=request.user)


def visible_actions(request):
    """The actions of the incidents the user may see."""
    visible = selectors.incident_list(user=request.user).values("pk")
    return CorrectiveAction.objects.select_related("incident__department").filter(incident__in=visible)


def incident_page(request, incident, *, bound_form=None, status=200):
    """The incident page (also shown again, status 400, with a refused move's form as it was filled in)."""
    if not hasattr(incident, "_prefetched_objects_cache"):
        incident = _incident_or_404(request, incident.pk, visible_incidents(request))
    context = _detail_context(request, incident, bound_form=bound_form)
    return render(request, "incidents/incident_detail.html", context, status=status)


def action_page(request, action, *, bound_form=None, status=200):
    """The incident page of an action (a refused move of the action shows its form there again)."""
    incident = _incident_or_404(request, action.incident_id, visible_incidents(request))
    return incident_page(request, incident, bound_form=bound_form, status=status)


def _refused(request, pk, **kwargs):
    """The incident page again, with the refused form(s) holding what the user typed and why it was refused."""
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    return render(request, "incidents/incident_detail.html", _detail_context(request, incident, **kwargs), status=400)


@login_required
def incident_pdf(request, pk):
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    return incident_pdf_response(incident, request)


@dataclass(frozen=True)
class PageForm:
    """One of the incident page's forms that change the incident without moving it: the name of its
    form in the page's context, the form, who may post it and the service it calls."""

    key: str
    form: type
    auto_id: str
    perm: str
    service: str
    success: object


PAGE_FORMS = {
    "edit": PageForm(
        "edit_form", IncidentEditForm, "edit_%s", "incidents.investigate", "incident_update",
        gettext_lazy("Incident details saved."),
    ),
    "plan": PageForm(
        "plan_form", ActivatePlanForm, "plan_%s", "incidents.respond_incident", "incident_activate_plan",
        gettext_lazy("Contingency plan activated."),
    ),
    "lead": PageForm(
        "lead_form", AssignLeadForm, "lead_%s", "incidents.respond_incident", "incident_assign_lead",
        gettext_lazy("Investigation lead assigned."),
    ),
    "external": PageForm(
        "external_form", ExternalReportForm, "ext_%s", "incidents.respond_incident", "incident_external_report",
        gettext_lazy("External report saved."),
    ),
    "investigation": PageForm(
        "investigation_form", InvestigationForm, "inv_%s", "incidents.investigate", "incident_investigation_update",
        gettext_lazy("Investigation saved."),
    ),
    "event": PageForm(
        "event_form", EventForm, "event_%s", "incidents.investigate", "incident_event_add",
        gettext_lazy("Event added to the timeline."),
    ),
    "action": PageForm(
        "action_form", ActionForm, "action_%s", "incidents.investigate", "action_add",
        gettext_lazy("Action added; the owner has been told."),
    ),
}  # fmt: skip


@login_required
@require_POST
def incident_form_post(request, pk, *, name):
    """Post one of the incident page's forms (``PAGE_FORMS``): success redirects back to the page, a
    refusal shows the page again with the form as typed and why (400)."""
    spec = PAGE_FORMS[name]
    incident = _incident_or_404(request, pk)
    _need(request, spec.perm, incident)
    form = spec.form(request.POST, auto_id=spec.auto_id, user=request.user)
    service = getattr(services, spec.service)
    if submit_form(form, lambda f: service(incident=incident, user=request.user, **f.service_kwargs())):
        messages.success(request, spec.success)
        return redirect(incident.get_absolute_url())
    return _refused(request, incident.pk, bound={spec.key: form})


@login_required
@require_POST
def case_study_publish(request, pk):
    incident = _incident_or_404(request, pk)
    _need(request, "incidents.publish_case_study", incident)
    form = CaseStudyForm(request.POST, auto_id="case_%s")
    result = {}
    if submit_form(
        form,
        lambda f: result.setdefault(
            "case", services.case_study_publish(incident=incident, user=request.user, title=f.cleaned_data["title"])
        ),
    ):
        messages.success(request, _("Published as an anonymised case study."))
        return redirect(result["case"].get_absolute_url())
    return _refused(request, incident.pk, bound={"case_form": form})


@login_required
def case_study_list(request):
    page = paginate(request, selectors.case_study_list())
    return render(request, "incidents/case_study_list.html", {"page": page})


@login_required
def case_study_detail(request, pk):
    case = get_object_or_404(selectors.case_study_list(), pk=pk)
    return render(request, "incidents/case_study_detail.html", {"case": case})


def _statistics_page(request, hours_form=None, status=200):
    try:
        months = min(max(int(request.GET.get("months", 24)), 3), 60)
    except ValueError:
        months = 24
    if hours_form is None and request.user.has_perm("incidents.enter_hours"):
        hours_form = HoursForm()
    context = {"stats": selectors.incident_statistics(months=months), "months": months, "hours_form": hours_form}
    return render(request, "incidents/statistics.html", context, status=status)


@login_required
def statistics(request):
    _need(request, "incidents.view_statistics")
    return _statistics_page(request)


@login_required
@require_POST
def hours_set(request):
    _need(request, "incidents.enter_hours")
    form = HoursForm(request.POST)
    if submit_form(form, lambda f: services.hours_worked_set(user=request.user, **f.cleaned_data)):
        messages.success(request, _("Hours worked saved."))
        return redirect("incidents:statistics")
    return _statistics_page(request, hours_form=form, status=400)
