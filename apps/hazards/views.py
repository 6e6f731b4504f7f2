from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError
from apps.core.filters import refuse_invalid_filter
from apps.core.pagination import paginate
from apps.core.params import clean_text, parse_id
from apps.core.permissions import is_officer
from apps.core.selectors import attachments_for, timeline_for
from apps.organization.models import Area

from . import services
from .filters import HazardFilter
from .forms import MOVE_FORMS, PEOPLE_SHOWN, HazardReportForm, PersonChoiceField, area_queryset, people_for_planner
from .models import MOVES, Hazard
from .pdf import notice_pdf_response
from .qr import qr_svg
from .selectors import MY_WORK_LABELS, hazard_list, hazard_moves_for, my_work, risk_map

SERVICES = {
    "assess": services.hazard_assess,
    "reject": services.hazard_reject,
    "plan": services.hazard_plan,
    "rectify": services.hazard_rectify,
    "sign_off": services.hazard_sign_off,
    "return": services.hazard_return,
    "verify": services.hazard_verify,
    "reopen": services.hazard_reopen,
}


def _filtered(request):
    return HazardFilter(request.GET or None, queryset=hazard_list(user=request.user), request=request)


@login_required
def hazard_list_view(request):
    hazard_filter = _filtered(request)
    page = paginate(request, hazard_filter.qs)
    context = {"filter": hazard_filter, "page": page}
    template = "hazards/hazard_list.html#table" if request.htmx else "hazards/hazard_list.html"
    return render(request, template, context)


@login_required
def hazard_export(request):
    hazard_filter = _filtered(request)
    refuse_invalid_filter(hazard_filter.form)
    hazards = hazard_filter.qs
    can_see_reporter = is_officer(request.user)

    def rows():
        for h in hazards.iterator(chunk_size=500):
            anonymous = h.is_anonymous and not (can_see_reporter or h.reporter_id == request.user.pk)
            yield [
                h.number,
                h.title,
                h.get_status_display(),
                h.get_grade_display(),
                h.get_risk_level_display(),
                h.get_category_display(),
                h.place,
                h.department or "",
                h.responsible_person or "",
                _("anonymous") if anonymous else h.reporter,
                h.created_at.date().isoformat(),
                h.deadline.isoformat() if h.deadline else "",
                _("yes") if h.is_overdue else "",
                h.closed_at.date().isoformat() if h.closed_at else "",
            ]

    header = [
        _("Number"), _("Title"), _("Status"), _("Grade"), _("Risk level"), _("Category"), _("Place"),
        _("Responsible department"), _("Responsible person"), _("Reported by"), _("Reported on"),
        _("Deadline"), _("Overdue"), _("Closed on"),
    ]  # fmt: skip
    return csv_response(filename="hazards", header=header, rows=rows())


@login_required
def my_work_view(request):
    work = my_work(user=request.user)
    sections = [
        {"key": key, "label": MY_WORK_LABELS[key], "count": qs.count(), "items": list(qs[:50])}
        for key, qs in work.items()
    ]
    reported = hazard_list(user=request.user).filter(reporter=request.user).order_by("-created_at", "-id")[:20]
    return render(request, "hazards/my_work.html", {"sections": sections, "reported": reported})


@login_required
def hazard_report(request):
    initial = {}
    area = area_queryset().filter(pk=parse_id(request.GET.get("area"))).first()  # the QR poster's area
    if area is not None:
        initial["area"] = area.pk
    if request.method == "POST":
        form = HazardReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                hazard = services.hazard_report(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Thank you. Hazard %(number)s is reported; the safety officers will assess it.")
                    % {"number": hazard.number},
                )  # fmt: skip
                return redirect(hazard)
    else:
        form = HazardReportForm(initial=initial)
    return render(request, "hazards/hazard_report.html", {"form": form})


def _timeline_for_display(hazard, user):
    """Timeline rows for the shared include, with move and status labels in the reader's language and
    an anonymous reporter's name hidden from those who may not see it."""
    statuses = dict(Hazard.Status.choices)
    hide_reporter = hazard.is_anonymous and not user.has_perm("hazards.view_reporter", hazard)
    rows = []
    for entry in timeline_for(hazard):
        move = MOVES.get(entry.action)
        rows.append(
            SimpleNamespace(
                action=move.label if move else entry.action,
                to_state=statuses.get(entry.to_state, entry.to_state),
                comment=entry.comment,
                actor=_("Anonymous") if hide_reporter and entry.actor_id == hazard.reporter_id else entry.actor,
                created_at=entry.created_at,
            )
        )
    return rows


def _detail_context(request, hazard, bound_move=None, bound_form=None):
    moves = hazard_moves_for(hazard=hazard, user=request.user)
    move_forms = []
    for move in moves:
        if move.name == bound_move:
            form = bound_form
        else:
            form_class = MOVE_FORMS[move.name]
            kwargs = {}
            if move.name == "assess":
                kwargs["hazard"] = hazard
            if move.name == "plan":
                kwargs.update(hazard=hazard, user=request.user)
            form = form_class(prefix=move.name, **kwargs)
        move_forms.append({"move": move, "form": form, "url": reverse(f"hazards:hazard_{move.name}", args=[hazard.pk])})
    photos = list(attachments_for(hazard))
    return {
        "hazard": hazard,
        "timeline": _timeline_for_display(hazard, request.user),
        "move_forms": move_forms,
        "open_move": bound_move,
        "report_photos": [p for p in photos if p.role == services.PHOTO_ROLE_REPORT],
        "evidence_photos": [p for p in photos if p.role == services.PHOTO_ROLE_EVIDENCE],
        "source_url": hazard.source_url if hazard.source_id else "",
        "source_label": str(hazard.source) if hazard.source_id and hazard.source is not None else "",
    }


@login_required
def hazard_detail(request, pk):
    hazard = get_object_or_404(hazard_list(user=request.user), pk=pk)
    return render(request, "hazards/hazard_detail.html", _detail_context(request, hazard))


@login_required
@require_POST
def hazard_move(request, pk, move):
    hazard = get_object_or_404(hazard_list(user=request.user), pk=pk)
    form_class = MOVE_FORMS[move]
    kwargs = {"prefix": move}
    if move == "assess":
        kwargs["hazard"] = hazard
    if move == "plan":
        kwargs.update(hazard=hazard, user=request.user)
    if hazard.status in MOVES[move].sources and not request.user.has_perm(MOVES[move].perm, hazard):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES, **kwargs)
    if form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "find_person"}  # a search box only
            SERVICES[move](hazard=hazard, user=request.user, **data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(hazard)
        messages.success(request, _("%(number)s: %(move)s.") % {"number": hazard.number, "move": MOVES[move].label})
        return redirect(hazard)
    context = _detail_context(request, hazard, bound_move=move, bound_form=form)
    return render(request, "hazards/hazard_detail.html", context, status=400)


@login_required
def hazard_notice(request, pk):
    hazard = get_object_or_404(hazard_list(user=request.user), pk=pk)
    if not request.user.has_perm("hazards.print_notice", hazard):
        raise Http404
    return notice_pdf_response(hazard, request)


@login_required
def hazard_map(request):
    if not request.user.has_perm("hazards.view_map"):
        raise PermissionDenied
    return render(request, "hazards/hazard_map.html", risk_map(user=request.user))


@login_required
def area_posters(request):
    if not request.user.has_perm("hazards.print_poster"):
        raise PermissionDenied
    areas = area_queryset().select_related("department").order_by("floor__site__name", "floor__level", "name", "id")
    return render(request, "hazards/area_posters.html", {"areas": areas})


@login_required
def area_poster(request, area_id):
    if not request.user.has_perm("hazards.print_poster"):
        raise PermissionDenied
    area = get_object_or_404(Area.objects.select_related("floor__site"), pk=area_id)
    url = request.build_absolute_uri(reverse("hazards:hazard_report") + f"?area={area.pk}")
    return render(request, "hazards/area_poster.html", {"area": area, "report_url": url, "qr": qr_svg(url)})


@login_required
def people_options(request):
    """Autocomplete for the responsible-person picker: ``<option>``s matching ``q``, for htmx."""
    if not request.user.has_perm("hazards.pick_people"):
        raise PermissionDenied
    # htmx sends the search box under its (prefixed) form name.
    q = clean_text(next((v for k, v in request.GET.items() if k == "q" or k.endswith("find_person")), ""))
    people = people_for_planner(request.user)
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(username__icontains=q) | Q(employee_number__icontains=q))
    label = PersonChoiceField(queryset=people).label_from_instance
    options = [(p.pk, label(p)) for p in people[:PEOPLE_SHOWN]]
    return render(request, "hazards/inc/people_options.html", {"options": options})
