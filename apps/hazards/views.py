from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError
from apps.core.filters import refuse_invalid_filter
from apps.core.i18n import reader_is_chinese
from apps.core.pagination import paginate_ids_first
from apps.core.panels import record_panels
from apps.core.params import parse_id
from apps.core.permissions import is_officer
from apps.core.selectors import attachments_for, timeline_for
from apps.core.workflow_views import move_items
from apps.organization.models import Area, Site
from apps.organization.selectors import area_full_names, department_names

from . import services
from .filters import HazardFilter
from .forms import HazardReportForm, area_queryset
from .models import Hazard
from .pdf import notice_pdf_response
from .qr import qr_svg
from .selectors import MY_WORK_LABELS, hazard_list, my_work, risk_map
from .workflow import FLOW


def _filtered(request):
    return HazardFilter(request.GET or None, queryset=hazard_list(user=request.user), request=request)


@login_required
def hazard_list_view(request):
    hazard_filter = _filtered(request)
    page = paginate_ids_first(request, hazard_filter.qs)
    context = {"filter": hazard_filter, "page": page}
    template = "hazards/hazard_list.html#table" if request.htmx else "hazards/hazard_list.html"
    return render(request, template, context)


@login_required
def hazard_export(request):
    hazard_filter = _filtered(request)
    refuse_invalid_filter(hazard_filter.form)
    can_see_reporter = is_officer(request.user)
    # Streamed from values(): no model objects per row, choice labels and area/department names looked up
    # once (100 k rows in seconds, flat memory; issue 12). The cells are those of the hazard page.
    labels = {
        field: {value: str(label) for value, label in Hazard._meta.get_field(field).choices}
        for field in ("status", "grade", "risk_level", "category")
    }
    areas, departments = area_full_names(), department_names()
    anonymous_label, yes = _("anonymous"), _("yes")
    today = timezone.localdate()
    deadline_statuses = set(Hazard.DEADLINE_STATUSES)
    rows_in_db = hazard_filter.qs.values_list(
        "number", "title", "title_zh", "status", "grade", "risk_level", "category", "area_id", "location_text",
        "department_id", "responsible_person__full_name", "responsible_person__username", "is_anonymous",
        "reporter_id", "reporter__full_name", "reporter__username", "created_at", "deadline", "closed_at",
    )  # fmt: skip

    chinese = reader_is_chinese()

    def rows():
        for (number, title, title_zh, status, grade, risk, category, area_id, location, department_id,
             responsible_name, responsible_username, is_anonymous, reporter_id, reporter_name, reporter_username,
             created_at, deadline, closed_at) in rows_in_db.iterator(chunk_size=2000):  # fmt: skip
            anonymous = is_anonymous and not (can_see_reporter or reporter_id == request.user.pk)
            place = [areas.get(area_id, "")] if area_id else []
            if location:
                place.append(location)
            yield [
                number,
                title_zh if (title_zh and chinese) else title,
                labels["status"].get(status, status),
                labels["grade"].get(grade, grade),
                labels["risk_level"].get(risk, risk),
                labels["category"].get(category, category),
                " · ".join(place),
                departments.get(department_id, ""),
                (responsible_name or responsible_username or ""),
                anonymous_label if anonymous else (reporter_name or reporter_username),
                created_at.date().isoformat(),
                deadline.isoformat() if deadline else "",
                yes if (deadline is not None and status in deadline_statuses and deadline < today) else "",
                closed_at.date().isoformat() if closed_at else "",
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
    """Timeline rows for the shared include, an anonymous reporter's name hidden from those who may
    not see it (the include shows the moves' labels itself)."""
    hide_reporter = hazard.is_anonymous and not user.has_perm("hazards.view_reporter", hazard)
    rows = list(timeline_for(hazard))
    for entry in rows:
        entry.actor_hidden = hide_reporter and entry.actor_id == hazard.reporter_id
    return rows


def _approval_notes(hazard):
    """Why an approval goes to someone other than usual (separation of duties), for the page."""
    if hazard.status == Hazard.Status.RECTIFIED and hazard.sign_off_escalated:
        return [_("Sign-off by management because the department head recorded the rectification.")]
    if hazard.status == Hazard.Status.SIGNED_OFF and hazard.rectified_by_id and is_officer(hazard.rectified_by):
        return [
            _("Verification by another safety officer because %(name)s recorded the rectification.")
            % {"name": hazard.rectified_by}
        ]
    return []


def hazard_page(request, hazard, *, bound_form=None, status=200):
    """The hazard page; after a refused move, with that move's form as it was filled in (status 400)."""
    photos = list(attachments_for(hazard))
    context = {
        "hazard": hazard,
        "timeline": _timeline_for_display(hazard, request.user),
        "moves": move_items(FLOW, hazard, request.user, bound_form=bound_form),
        "approval_notes": _approval_notes(hazard),
        "report_photos": [p for p in photos if p.role == services.PHOTO_ROLE_REPORT],
        "evidence_photos": [p for p in photos if p.role == services.PHOTO_ROLE_EVIDENCE],
        "source_url": hazard.source_url if hazard.source_id else "",
        "source_label": str(hazard.source) if hazard.source_id and hazard.source is not None else "",
        # What other apps show about this hazard (the budget line funding it, apps.core.panels).
        "record_panels": record_panels(request=request, obj=hazard),
    }
    return render(request, "hazards/hazard_detail.html", context, status=status)


def visible_hazards(request):
    """The hazards the signed-in user may see (the moves' URLs fetch through this: others are a 404)."""
    return hazard_list(user=request.user)


@login_required
def hazard_detail(request, pk):
    return hazard_page(request, get_object_or_404(visible_hazards(request), pk=pk))


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
    # Grouped by site: with several sites the page lists their totals and opens one site's areas at a
    # time (?site=<id>), instead of every area of the company at once (issue 12).
    chosen = parse_id(request.GET.get("site"))
    several = Site.objects.count() > 1
    context = risk_map(user=request.user, expand={chosen} if several else None)
    context["several_sites"] = several
    return render(request, "hazards/hazard_map.html", context)


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
