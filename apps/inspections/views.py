"""Thin views: parse, call a selector or a service, render or redirect."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError
from apps.core.filters import refuse_invalid_filter, report_filter_errors
from apps.core.pagination import paginate
from apps.core.params import text_param, year_param
from apps.core.selectors import attachments_for, timeline_for
from apps.core.workflow_views import move_items, move_view

from . import forms, selectors, services
from .filters import InspectionFilter
from .models import ApplianceRequest, ChecklistTemplate, Equipment, Inspection, InspectionPlan, InspectionResult
from .pdf import report_pdf_response
from .workflow import APPLIANCE_FLOW, INSPECTION_FLOW, PLAN_FLOW


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- checklist templates --------------------------------------------------------------------------


@login_required
def template_list(request):
    _require(request, "inspections.view_checklisttemplate")
    templates = selectors.template_list(include_old=request.GET.get("all") == "1")
    return render(request, "inspections/template_list.html", {"templates": templates})


@login_required
def template_create(request):
    _require(request, "inspections.manage_templates")
    if request.method == "POST":
        header = forms.TemplateCreateForm(request.POST)
        rows = forms.NewTemplateItemFormSet(request.POST, prefix="items")
        if header.is_valid() and rows.is_valid():
            try:
                template = services.checklist_template_create(
                    user=request.user, sections=forms.rows_to_sections(rows), **header.cleaned_data
                )
            except ApplicationError as exc:
                header.add_error(None, exc.message)
            else:
                messages.success(request, _("Checklist created (version 1)."))
                return redirect(template)
    else:
        header = forms.TemplateCreateForm()
        rows = forms.NewTemplateItemFormSet(prefix="items")
    return render(request, "inspections/template_create.html", {"header": header, "rows": rows})


@login_required
def template_detail(request, pk):
    _require(request, "inspections.view_checklisttemplate")
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    context = {
        "template": template,
        "sections": selectors.template_with_content(template),
        "versions": selectors.template_versions(template),
        "timeline": timeline_for(template),
    }
    return render(request, "inspections/template_detail.html", context)


@login_required
def template_edit(request, pk):
    _require(request, "inspections.manage_templates")
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    if not template.is_current:
        current = ChecklistTemplate.objects.get(code=template.code, is_current=True)
        messages.info(request, _("You are editing the current version."))
        return redirect("inspections:template_edit", pk=current.pk)
    if request.method == "POST":
        header = forms.TemplateHeaderForm(request.POST)
        rows = forms.TemplateItemFormSet(request.POST, prefix="items")
        if header.is_valid() and rows.is_valid():
            try:
                new = services.checklist_template_revise(
                    template=template, user=request.user, sections=forms.rows_to_sections(rows), **header.cleaned_data
                )
            except ApplicationError as exc:
                header.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved as version %(v)s.") % {"v": new.version})
                return redirect(new)
    else:
        header = forms.TemplateHeaderForm(
            initial={"name": template.name, "name_zh": template.name_zh, "description": template.description}
        )
        rows = forms.TemplateItemFormSet(
            prefix="items", initial=forms.sections_to_rows(services.template_content(template))
        )
    return render(request, "inspections/template_edit.html", {"template": template, "header": header, "rows": rows})


# --- plans and coverage ---------------------------------------------------------------------------


@login_required
def plan_list(request):
    _require(request, "inspections.view_plans")
    form = forms.PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        _require(request, "inspections.manage_plans")
        if form.is_valid():
            try:
                plan = services.inspection_plan_create(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect(plan)
    return render(request, "inspections/plan_list.html", {"plans": selectors.plan_list(), "form": form})


def visible_plans(request):
    """The plans a person may open (every plan, for those who may read plans): the moves' queryset."""
    if not request.user.has_perm("inspections.view_plans"):
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.select_related("approved_by", "created_by")


def plan_page(request, plan, *, form=None, bound_form=None, status=200):
    """The plan page; a refused line (``form``) or move (``bound_form``) is shown again as typed."""
    context = {
        "plan": plan,
        "lines": selectors.plan_lines(plan),
        "form": form or forms.PlanLineForm(),
        "moves": move_items(PLAN_FLOW, plan, request.user, bound_form=bound_form),
        "timeline": timeline_for(plan),
    }
    return render(request, "inspections/plan_detail.html", context, status=status)


@login_required
def plan_detail(request, pk):
    _require(request, "inspections.view_plans")
    plan = get_object_or_404(visible_plans(request), pk=pk)
    form = forms.PlanLineForm(request.POST or None)
    if request.method == "POST":
        _require(request, "inspections.manage_plans")
        if form.is_valid():
            try:
                services.plan_line_add(plan=plan, user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Line added."))
                return redirect(plan)
    return plan_page(request, plan, form=form)


@login_required
@require_POST
def plan_line_delete(request, pk, line_pk):
    _require(request, "inspections.manage_plans")
    plan = get_object_or_404(InspectionPlan, pk=pk)
    line = get_object_or_404(plan.lines, pk=line_pk)
    try:
        services.plan_line_remove(line=line, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(plan)


@login_required
def coverage(request):
    _require(request, "inspections.view_coverage")
    year = year_param(request, default=timezone.localdate().year)
    report = selectors.coverage_report(year=year)
    return render(request, "inspections/coverage.html", {"report": report, "year": year})


# --- inspections ----------------------------------------------------------------------------------


@login_required
def inspection_list(request):
    _require(request, "inspections.list_inspections")
    inspection_filter = InspectionFilter(
        request.GET, queryset=selectors.inspection_list(user=request.user), request=request
    )
    filters = inspection_filter.values
    qs = inspection_filter.qs
    if request.GET.get("format") == "csv":
        refuse_invalid_filter(inspection_filter.form)
        return csv_response(
            filename="inspections",
            header=[_("Number"), _("Checklist"), _("Scope"), _("Inspector"), _("Due date"), _("Status"), _("Failed")],
            rows=(
                (
                    i.pk,
                    i.template.display_name,
                    i.scope,
                    i.assignee_display,
                    i.due_date,
                    i.get_status_display(),
                    i.failed_count,
                )
                for i in qs.iterator(chunk_size=500)
            ),
        )
    report_filter_errors(request, inspection_filter.form)
    page = paginate(request, qs)
    context = {
        "page": page,
        "filters": filters,
        "statuses": Inspection.Status.choices,
        "today": timezone.localdate(),
        "can_create": request.user.has_perm("inspections.create_inspection"),
    }
    if request.htmx:
        return render(request, "inspections/inspection_list.html#table", context)
    return render(request, "inspections/inspection_list.html", context)


@login_required
def inspection_create(request):
    _require(request, "inspections.create_inspection")
    form = forms.InspectionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(inspection)
    return render(request, "inspections/inspection_create.html", {"form": form})


def visible_inspections(request):
    """The inspections a person may open (another department's is a 404): the moves' queryset."""
    return selectors.inspections_visible(user=request.user)


def _get_inspection(request, pk):
    return get_object_or_404(visible_inspections(request), pk=pk)


# The buttons' ids the page's links and scripts know.
INSPECTION_BUTTONS = {"start": "start-inspection", "finish": "finish-inspection"}


def inspection_page(request, inspection, *, bound_form=None, refused_row=None, status=200):
    """The inspection page; a refused finish (``bound_form``) or answer (``refused_row``: result pk, posted
    outcome, note, error) is shown again with what was typed."""
    can_perform = request.user.has_perm("inspections.perform_inspection", inspection)
    # Answers are saved while the inspection is in progress, by whoever may carry it on and finish it.
    editable = request.user.has_perm("inspections.finish_inspection", inspection)
    sections = selectors.inspection_sections(inspection)
    counts = {"total": 0, "answered": 0, "failed": 0}
    for s in sections:
        for r in s["results"]:
            counts["total"] += 1
            counts["answered"] += bool(r.outcome)
            counts["failed"] += r.outcome == InspectionResult.Outcome.FAIL
            if refused_row and r.pk == refused_row[0]:
                r.outcome, r.note, r.error = refused_row[1] or r.outcome, refused_row[2], refused_row[3]
    context = {
        "inspection": inspection,
        "sections": sections,
        "counts": counts,
        "can_perform": can_perform,
        "editable": editable,
        "outcomes": InspectionResult.Outcome.choices,
        "moves": move_items(
            INSPECTION_FLOW, inspection, request.user, bound_form=bound_form, button_ids=INSPECTION_BUTTONS
        ),
        "timeline": timeline_for(inspection),
    }
    return render(request, "inspections/inspection_detail.html", context, status=status)


@login_required
def inspection_detail(request, pk):
    return inspection_page(request, _get_inspection(request, pk))


@login_required
@require_POST
def inspection_result_save(request, pk, result_pk):
    inspection = _get_inspection(request, pk)
    _require(request, "inspections.perform_inspection", inspection)
    result = get_object_or_404(inspection.results.select_related("item__section"), pk=result_pk)
    form = forms.ResultForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        try:
            result = services.inspection_result_save(
                result=result,
                user=request.user,
                outcome=form.cleaned_data["outcome"] if "outcome" in request.POST else result.outcome,
                note=form.cleaned_data["note"],
                photo=form.cleaned_data.get("photo"),
            )
        except ApplicationError as exc:
            error = exc.message
    else:
        error = " ".join(e for errs in form.errors.values() for e in errs)
    if not request.htmx:
        if error:
            refused = (result.pk, request.POST.get("outcome", ""), request.POST.get("note", ""), error)
            return inspection_page(request, inspection, refused_row=refused, status=400)
        return redirect(result.get_absolute_url())
    result = inspection.results.select_related("item__section", "hazard").get(pk=result.pk)
    result.photos = list(attachments_for(result))
    context = {
        "inspection": inspection,
        "r": result,
        "editable": True,
        "outcomes": InspectionResult.Outcome.choices,
        "error": error,
        "saved": error is None,
    }
    return render(request, "inspections/inspection_detail.html#result_row", context, status=200)


@login_required
def inspection_report(request, pk):
    return report_pdf_response(_get_inspection(request, pk), request)


# --- equipment ------------------------------------------------------------------------------------


@login_required
def equipment_list(request):
    _require(request, "inspections.list_equipment")
    filters = {
        "q": text_param(request, "q"),
        "kind": text_param(request, "kind"),
        "state": text_param(request, "state"),
    }
    qs = selectors.equipment_list(user=request.user, filters=filters)
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="equipment",
            header=[
                _("Asset tag"),
                _("Type"),
                _("Location"),
                _("Serial number"),
                _("Next check due"),
                _("Expiry date"),
            ],
            rows=(
                (e.code, e.get_kind_display(), e.area.full_name, e.serial_number, e.next_check_due, e.expires_on)
                for e in qs.iterator(chunk_size=500)
            ),
        )
    context = {
        "page": paginate(request, qs),
        "filters": filters,
        "kinds": Equipment.Kind.choices,
        "today": timezone.localdate(),
        "can_manage": request.user.has_perm("inspections.manage_equipment"),
    }
    return render(request, "equipment/equipment_list.html", context)


@login_required
def equipment_create(request):
    _require(request, "inspections.manage_equipment")
    form = forms.EquipmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            eq = services.equipment_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(eq)
    return render(request, "equipment/equipment_form.html", {"form": form})


def _get_equipment(request, pk):
    eq = get_object_or_404(Equipment.objects.select_related("area__floor__site", "area__department"), pk=pk)
    if not request.user.has_perm("inspections.view_equipment", eq):
        raise Http404
    return eq


@login_required
def equipment_detail(request, pk):
    eq = _get_equipment(request, pk)
    checks = eq.checks.select_related("checked_by", "hazard")[:50]
    context = {
        "equipment": eq,
        "checks": checks,
        "timeline": timeline_for(eq),
        "can_check": request.user.has_perm("inspections.check_equipment", eq),
    }
    return render(request, "equipment/equipment_detail.html", context)


@login_required
def equipment_edit(request, pk):
    _require(request, "inspections.manage_equipment")
    eq = _get_equipment(request, pk)
    form = forms.EquipmentForm(request.POST or None, instance=Equipment.objects.get(pk=eq.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        if not data.get("next_check_due"):
            data.pop("next_check_due", None)
        try:
            services.equipment_update(equipment=eq, user=request.user, **data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(eq)
    form.fields["code"].disabled = True
    return render(request, "equipment/equipment_form.html", {"form": form, "equipment": eq})


@login_required
def equipment_check(request, pk):
    """The QR quick-check: scanning an item's label lands here on a phone."""
    eq = _get_equipment(request, pk)
    _require(request, "inspections.check_equipment", eq)
    form = forms.EquipmentCheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.equipment_check_record(equipment=eq, user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if check.hazard_id:
                messages.warning(
                    request, _("Check recorded; hazard %(number)s was raised.") % {"number": check.hazard.number}
                )
            else:
                messages.success(request, _("Check recorded. Next check due %(date)s.") % {"date": eq.next_check_due})
            return redirect(eq)
    return render(request, "equipment/equipment_check.html", {"equipment": eq, "form": form})


def _qr_svg(url: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()


@login_required
def equipment_label(request, pk):
    """A printable label: QR code pointing at the quick-check form, with the asset tag."""
    eq = _get_equipment(request, pk)
    url = settings.SITE_URL.rstrip("/") + eq.check_url()
    return render(request, "equipment/equipment_label.html", {"equipment": eq, "qr_svg": _qr_svg(url), "url": url})


@login_required
def equipment_qr(request, pk):
    eq = _get_equipment(request, pk)
    url = settings.SITE_URL.rstrip("/") + eq.check_url()
    return HttpResponse(_qr_svg(url), content_type="image/svg+xml")


# --- appliances -----------------------------------------------------------------------------------


@login_required
def appliance_list(request):
    _require(request, "inspections.request_appliance")
    requests = selectors.appliance_request_list(user=request.user)
    context = {
        "pending": requests.filter(status=ApplianceRequest.Status.PENDING),
        "page": paginate(request, requests),
        "approved_by_area": selectors.approved_appliances_by_area(),
        "can_decide": request.user.has_perm("inspections.decide_appliances"),
    }
    return render(request, "appliances/appliance_list.html", context)


@login_required
def appliance_request_create(request):
    _require(request, "inspections.request_appliance")
    form = forms.ApplianceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.appliance_request_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Request sent to the safety officers."))
            return redirect(req)
    return render(request, "appliances/appliance_form.html", {"form": form})


def visible_appliance_requests(request):
    """The requests a person may open (their own; every one for officers and management): the moves'
    queryset."""
    return selectors.appliance_request_list(user=request.user)


def appliance_page(request, req, *, bound_form=None, status=200):
    context = {
        "req": req,
        "moves": move_items(APPLIANCE_FLOW, req, request.user, bound_form=bound_form),
        "timeline": timeline_for(req),
    }
    return render(request, "appliances/appliance_detail.html", context, status=status)


@login_required
def appliance_detail(request, pk):
    return appliance_page(request, get_object_or_404(visible_appliance_requests(request), pk=pk))


@login_required
@require_POST
def appliance_decide(request, pk):
    """The decision's address before approving and rejecting had their own (``<pk>/approve/``,
    ``<pk>/reject/``), kept for pages still open: ``decision`` picks the move, ``comment`` is its comment."""
    move = {"approve": "approve", "reject": "reject"}.get(request.POST.get("decision"))
    if move is None:
        req = get_object_or_404(visible_appliance_requests(request), pk=pk)
        messages.error(request, _("Choose approve or reject."))
        return appliance_page(request, req, status=400)
    post = request.POST.copy()
    post[f"{move}-comment"] = post.get("comment", "")
    request.POST = post
    return move_view(
        request,
        pk,
        workflow=APPLIANCE_FLOW,
        move=move,
        queryset=visible_appliance_requests,
        render_detail=appliance_page,
    )


# --- visitors -------------------------------------------------------------------------------------


@login_required
def visit_list(request):
    _require(request, "inspections.use_visitor_log")
    filters = {"q": text_param(request, "q")}
    log = selectors.visit_log(user=request.user, filters=filters)
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="visitors",
            header=[_("Visitor"), _("Organisation"), _("Host"), _("Purpose"), _("Area allowed"), _("Badge number"),
                    _("Signed in at"), _("Signed out at")],
            rows=(
                (v.visitor_name, v.organisation, v.host, v.purpose, v.area, v.badge_number,
                 timezone.localtime(v.signed_in_at), v.signed_out_at and timezone.localtime(v.signed_out_at))
                for v in log.iterator(chunk_size=500)
            ),
        )  # fmt: skip
    on_site = list(selectors.visits_on_site(user=request.user))
    for visit in on_site:
        visit.can_sign_out = request.user.has_perm("inspections.sign_out_visit", visit)
    context = {
        "on_site": on_site,
        "page": paginate(request, log),
        "filters": filters,
        "whole_log": request.user.has_perm("inspections.view_whole_visitor_log"),
    }
    return render(request, "visitors/visit_list.html", context)


@login_required
def visit_register(request):
    _require(request, "inspections.use_visitor_log")
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_register(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Visitor signed in."))
            return redirect("visitors:visit_list")
    return render(request, "visitors/visit_form.html", {"form": form})


@login_required
@require_POST
def visit_sign_out(request, pk):
    visit = get_object_or_404(selectors.visits_for(user=request.user), pk=pk)
    _require(request, "inspections.sign_out_visit", visit)
    try:
        services.visit_sign_out(visit=visit, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s signed out.") % {"name": visit.visitor_name})
    return redirect("visitors:visit_list")


@login_required
def host_search(request):
    """Autocomplete for the host field: up to ten matching people as <option>s."""
    _require(request, "inspections.use_visitor_log")
    q = text_param(request, "host")
    people = []
    if len(q) >= 1:
        User = get_user_model()
        people = (
            User.objects.filter(is_active=True)
            .filter(Q(full_name__icontains=q) | Q(username__icontains=q) | Q(employee_number__iexact=q))
            .select_related("department")
            .order_by("full_name", "username")[:10]
        )
    return render(request, "visitors/host_options.html", {"people": people})
