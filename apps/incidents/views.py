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
from apps.core.forms import submit_form
from apps.core.pagination import paginate
from apps.core.panels import record_panels
from apps.core.params import parse_id
from apps.core.pdf import pdf_response, render_pdf
from apps.core.selectors import attachments_for, timeline_for
from apps.hazards.selectors import visible_hazard_numbers

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
    form = IncidentReportForm(request.POST or None, request.FILES or None, initial=initial)
    people = InvolvedPersonFormSet(request.POST or None, prefix="people")
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


def _detail_context(request, incident, *, bound=None, bound_action=None):
    """Everything the incident page shows. ``bound`` replaces blank forms by submitted ones (refused
    input is shown again with its errors); ``bound_action`` is (action pk, form) for an action's form."""
    user = request.user
    can_respond = user.has_perm("incidents.respond_incident", incident)
    can_investigate = user.has_perm("incidents.investigate_incident", incident)
    open_ = incident.is_open
    actions = list(incident.actions.all())
    linked_hazards = visible_hazard_numbers(user=user, numbers=[a.hazard_number for a in actions])
    for action in actions:
        action.moves = services.action_allowed_moves(action=action, user=user) if open_ else []
        action.can_complete = any(m.name == "complete" for m in action.moves)
        action.can_check = any(m.name == "confirm_effective" for m in action.moves)
        action.can_raise = any(m.name == "raise_hazard" for m in action.moves)
        action.check_is_due = action.check_due is None or action.check_due <= timezone.localdate()
        action.hazard_link = action.hazard_url if action.hazard_number in linked_hazards else ""
        action.form = bound_action[1] if bound_action and bound_action[0] == action.pk else None
        action.checker_note = _checker_note(action, user) if action.status == CorrectiveAction.Status.DONE else ""
    edit_initial = {f: getattr(incident, f) for f in services.EDITABLE_FIELDS}
    edit_initial["occurred_at"] = timezone.localtime(incident.occurred_at)
    bound = bound or {}
    context = {
        "incident": incident,
        "actions": actions,
        "moves": services.incident_allowed_moves(incident=incident, user=user),
        "photos": attachments_for(incident),
        "timeline": timeline_for(incident),
        "record_panels": record_panels(request=request, obj=incident),
        "medical": user.has_perm("incidents.view_medical_details", incident),
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
        "move_form": None,
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
    if user.pk in (action.owner_id, action.completed_by_id) and user.has_perm("incidents.check_action"):
        return _("You did this work, so another safety officer checks its effectiveness.")
    return _("A safety officer who did not do the work checks its effectiveness.")


@login_required
def incident_detail(request, pk):
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    return render(request, "incidents/incident_detail.html", _detail_context(request, incident))


def _refused(request, pk, **kwargs):
    """The incident page again, with the refused form(s) holding what the user typed and why it was refused."""
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    return render(request, "incidents/incident_detail.html", _detail_context(request, incident, **kwargs), status=400)


@login_required
def incident_pdf(request, pk):
    incident = _incident_or_404(request, pk, selectors.incident_detail_qs(user=request.user))
    context = {
        "incident": incident,
        "timeline": timeline_for(incident),
        "medical": request.user.has_perm("incidents.view_medical_details", incident),
    }
    pdf = render_pdf("incidents/incident_pdf.html", context, request=request)
    return pdf_response(pdf, f"{incident.number}.pdf")


def _post_form(request, incident, key, form, perm, call, success):
    """Handle one of the incident page's forms: success redirects back, refusal re-renders the page."""
    _need(request, perm, incident)
    if submit_form(form, call):
        messages.success(request, success)
        return redirect(incident.get_absolute_url())
    return _refused(request, incident.pk, bound={key: form})


@login_required
@require_POST
def incident_move(request, pk, name):
    incident = _incident_or_404(request, pk)
    if name not in INCIDENT_MOVES:
        raise PermissionDenied
    form = MoveForm(request.POST)
    form.move_name = name
    return _post_form(
        request,
        incident,
        "move_form",
        form,
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
        "edit_form",
        IncidentEditForm(request.POST, auto_id="edit_%s"),
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
        "plan_form",
        ActivatePlanForm(request.POST, auto_id="plan_%s"),
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
        "lead_form",
        AssignLeadForm(request.POST, auto_id="lead_%s"),
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
        "external_form",
        ExternalReportForm(request.POST, auto_id="ext_%s"),
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
        "investigation_form",
        InvestigationForm(request.POST, auto_id="inv_%s"),
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
        "event_form",
        EventForm(request.POST, auto_id="event_%s"),
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
        "action_form",
        ActionForm(request.POST, auto_id="action_%s"),
        "incidents.investigate_incident",
        lambda f: services.action_add(incident=incident, user=request.user, **f.cleaned_data),
        _("Action added; the owner has been told."),
    )


def _action_or_404(request, pk):
    visible = selectors.incident_list(user=request.user).values("pk")
    return get_object_or_404(CorrectiveAction.objects.select_related("incident"), pk=pk, incident__in=visible)


def _post_action_form(request, action, form, perm, call, success):
    _need(request, perm, action)
    if submit_form(form, call):
        messages.success(request, success)
        return redirect(action.get_absolute_url())
    return _refused(request, action.incident_id, bound_action=(action.pk, form))


@login_required
@require_POST
def action_complete(request, pk):
    action = _action_or_404(request, pk)
    return _post_action_form(
        request,
        action,
        ActionCompleteForm(request.POST, request.FILES),
        "incidents.complete_action",
        lambda f: services.action_complete(
            action=action, user=request.user, evidence=f.cleaned_data["evidence"], photos=f.cleaned_data["photos"]
        ),
        _("Action marked done; its effectiveness will be checked."),
    )


@login_required
@require_POST
def action_check(request, pk):
    action = _action_or_404(request, pk)
    return _post_action_form(
        request,
        action,
        ActionCheckForm(request.POST),
        "incidents.check_action",
        lambda f: services.action_check(action=action, user=request.user, **f.cleaned_data),
        _("Effectiveness check recorded."),
    )


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
