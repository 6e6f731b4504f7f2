from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.filters import refuse_invalid_filter, report_filter_errors
from apps.core.pagination import paginate
from apps.core.params import parse_id
from apps.core.pdf import pdf_response, render_pdf
from apps.core.selectors import attachments_for, timeline_for

from . import selectors, services
from .filters import IncidentFilter
from .forms import (
    ActionCheckForm,
    ActionCompleteForm,
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
    MoveForm,
)
from .models import INCIDENT_MOVES, CorrectiveAction, Incident


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _run(request, call, success):
    try:
        result = call()
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, success)
    return result or True


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


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
            i.injured_count,
            i.open_action_count,
        )
        for i in filterset.qs.order_by("-occurred_at", "-id")
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
    form = IncidentReportForm(request.POST or None, request.FILES or None, initial=initial)
    people = InvolvedPersonFormSet(request.POST or None, prefix="people")
    if request.method == "POST" and form.is_valid() and people.is_valid():
        data = form.cleaned_data
        rows = [f.cleaned_data for f in people.forms if f.has_changed() and f.cleaned_data]
        incident = _run(
            request,
            lambda: services.incident_report(
                reporter=request.user,
                occurred_at=data["occurred_at"],
                type=data["type"],
                area=data["area"],
                location_detail=data["location_detail"],
                description=data["description"],
                immediate_actions=data["immediate_actions"],
                severity=data["severity"],
                people=rows,
                photos=data["photos"],
            ),
            _("Thank you. The incident was reported; the safety officers and your department head have been told."),
        )
        if incident:
            return redirect(incident.get_absolute_url())
    return render(request, "incidents/incident_report.html", {"form": form, "people": people})


@login_required
def incident_detail(request, pk):
    user = request.user
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=user))
    can_respond = user.has_perm("incidents.respond_incident", incident)
    can_investigate = user.has_perm("incidents.investigate_incident", incident)
    open_ = incident.is_open
    actions = list(incident.actions.all())
    for action in actions:
        action.moves = services.action_allowed_moves(action=action, user=user) if open_ else []
        action.can_complete = any(m.name == "complete" for m in action.moves)
        action.can_check = any(m.name == "confirm_effective" for m in action.moves)
        action.can_raise = any(m.name == "raise_hazard" for m in action.moves)
        action.check_is_due = action.check_due is None or action.check_due <= timezone.localdate()
    edit_initial = {f: getattr(incident, f) for f in services.EDITABLE_FIELDS}
    edit_initial["occurred_at"] = timezone.localtime(incident.occurred_at)
    context = {
        "incident": incident,
        "actions": actions,
        "moves": services.incident_allowed_moves(incident=incident, user=user),
        "photos": attachments_for(incident),
        "timeline": timeline_for(incident),
        "can_respond": can_respond and open_,
        "can_investigate": can_investigate and open_ and incident.status != Incident.Status.REPORTED,
        "plan_form": ActivatePlanForm(auto_id="plan_%s", initial={"plan": incident.plan_id}),
        "lead_form": AssignLeadForm(auto_id="lead_%s"),
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
        "action_form": ActionForm(auto_id="action_%s"),
        "edit_form": IncidentEditForm(auto_id="edit_%s", initial=edit_initial),
        "case_form": CaseStudyForm(auto_id="case_%s"),
        "can_publish": incident.is_locked
        and user.has_perm("incidents.publish_case_study", incident)
        and not hasattr(incident, "case_study"),
        "external_overdue": incident.external_required
        and not incident.external_reported_at
        and incident.external_due_at
        and incident.external_due_at < timezone.now(),
    }
    return render(request, "incidents/incident_detail.html", context)


@login_required
def incident_pdf(request, pk):
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    context = {"incident": incident, "timeline": timeline_for(incident)}
    pdf = render_pdf("incidents/incident_pdf.html", context, request=request)
    return pdf_response(pdf, f"{incident.number}.pdf")


def _post_form(request, incident, form_class, perm, call, success, *, files=False):
    _need(request, perm, incident)
    form = form_class(request.POST, request.FILES) if files else form_class(request.POST)
    if form.is_valid():
        _run(request, lambda: call(form), success)
    else:
        _form_errors(request, form)
    return redirect(incident.get_absolute_url())


@login_required
@require_POST
def incident_move(request, pk, name):
    incident = _incident_or_404(request, pk)
    if name not in INCIDENT_MOVES:
        raise PermissionDenied
    return _post_form(
        request,
        incident,
        MoveForm,
        INCIDENT_MOVES[name].perm,
        lambda f: services.incident_move(
            incident=incident, user=request.user, name=name, comment=f.cleaned_data["comment"]
        ),
        _("Done: %(step)s.") % {"step": INCIDENT_MOVES[name].label},
    )


@login_required
@require_POST
def incident_edit(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        IncidentEditForm,
        "incidents.investigate_incident",
        lambda f: services.incident_update(incident=incident, user=request.user, **f.cleaned_data),
        _("Incident details saved."),
    )


@login_required
@require_POST
def incident_activate_plan(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        ActivatePlanForm,
        "incidents.respond_incident",
        lambda f: services.incident_activate_plan(incident=incident, user=request.user, plan=f.cleaned_data["plan"]),
        _("Contingency plan activated."),
    )


@login_required
@require_POST
def incident_assign_lead(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        AssignLeadForm,
        "incidents.respond_incident",
        lambda f: services.incident_assign_lead(incident=incident, user=request.user, lead=f.cleaned_data["lead"]),
        _("Investigation lead assigned."),
    )


@login_required
@require_POST
def incident_external(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        ExternalReportForm,
        "incidents.respond_incident",
        lambda f: services.incident_external_report(incident=incident, user=request.user, **f.cleaned_data),
        _("External report saved."),
    )


@login_required
@require_POST
def incident_investigation(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        InvestigationForm,
        "incidents.investigate_incident",
        lambda f: services.incident_investigation_update(incident=incident, user=request.user, **f.service_kwargs()),
        _("Investigation saved."),
    )


@login_required
@require_POST
def incident_event_add(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        EventForm,
        "incidents.investigate_incident",
        lambda f: services.incident_event_add(incident=incident, user=request.user, **f.cleaned_data),
        _("Event added to the timeline."),
    )


@login_required
@require_POST
def action_add(request, pk):
    incident = _incident_or_404(request, pk)
    return _post_form(
        request,
        incident,
        ActionForm,
        "incidents.investigate_incident",
        lambda f: services.action_add(incident=incident, user=request.user, **f.cleaned_data),
        _("Action added; the owner has been told."),
    )


def _action_or_404(request, pk):
    visible = selectors.incident_list(user=request.user).values("pk")
    return get_object_or_404(CorrectiveAction.objects.select_related("incident"), pk=pk, incident__in=visible)


@login_required
@require_POST
def action_complete(request, pk):
    action = _action_or_404(request, pk)
    _need(request, "incidents.complete_action", action)
    form = ActionCompleteForm(request.POST, request.FILES)
    if form.is_valid():
        _run(
            request,
            lambda: services.action_complete(
                action=action,
                user=request.user,
                evidence=form.cleaned_data["evidence"],
                photos=form.cleaned_data["photos"],
            ),
            _("Action marked done; its effectiveness will be checked."),
        )
    else:
        _form_errors(request, form)
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def action_check(request, pk):
    action = _action_or_404(request, pk)
    _need(request, "incidents.check_action", action)
    form = ActionCheckForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.action_check(action=action, user=request.user, **form.cleaned_data),
            _("Effectiveness check recorded."),
        )
    else:
        _form_errors(request, form)
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def action_raise_hazard(request, pk):
    action = _action_or_404(request, pk)
    _need(request, "incidents.raise_action_hazard", action)
    _run(request, lambda: services.action_raise_hazard(action=action, user=request.user), _("Raised as a hazard."))
    return redirect(action.get_absolute_url())


@login_required
@require_POST
def case_study_publish(request, pk):
    incident = _incident_or_404(request, pk)
    _need(request, "incidents.publish_case_study", incident)
    form = CaseStudyForm(request.POST)
    case = None
    if form.is_valid():
        case = _run(
            request,
            lambda: services.case_study_publish(incident=incident, user=request.user, title=form.cleaned_data["title"]),
            _("Published as an anonymised case study."),
        )
    if case:
        return redirect(case.get_absolute_url())
    return redirect(incident.get_absolute_url())


@login_required
def case_study_list(request):
    page = paginate(request, selectors.case_study_list())
    return render(request, "incidents/case_study_list.html", {"page": page})


@login_required
def case_study_detail(request, pk):
    case = get_object_or_404(selectors.case_study_list(), pk=pk)
    return render(request, "incidents/case_study_detail.html", {"case": case})


@login_required
def statistics(request):
    _need(request, "incidents.view_statistics")
    try:
        months = min(max(int(request.GET.get("months", 24)), 3), 60)
    except ValueError:
        months = 24
    context = {
        "stats": selectors.incident_statistics(months=months),
        "months": months,
        "hours_form": HoursForm() if request.user.has_perm("incidents.enter_hours") else None,
    }
    return render(request, "incidents/statistics.html", context)


@login_required
@require_POST
def hours_set(request):
    _need(request, "incidents.enter_hours")
    form = HoursForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.hours_worked_set(user=request.user, **form.cleaned_data),
            _("Hours worked saved."),
        )
    else:
        _form_errors(request, form)
    return redirect("incidents:statistics")
