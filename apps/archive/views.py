from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.exceptions import ApplicationError

from . import selectors, services


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=services.MIN_YEAR, max_value=services.MAX_YEAR)


def _need(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _year(request):
    form = YearForm(request.GET or None)
    if form.is_valid():
        return min(form.cleaned_data["year"], timezone.localdate().year), form
    return timezone.localdate().year, form


@login_required
def overview(request):
    _need(request, "archive.view_archive")
    year, form = _year(request)
    context = {
        "year": year,
        "years": selectors.years(),
        "summary": selectors.year_summary(year=year),
        "exports": selectors.export_list(year=year)[:10],
        "bad_year": bool(request.GET.get("year")) and not form.is_valid(),
    }
    return render(request, "archive/overview.html", context, status=400 if context["bad_year"] else 200)


@login_required
@require_POST
def export_request(request):
    _need(request, "archive.export_archive")
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid year."))
        return redirect("archive:overview")
    try:
        export = services.export_request(user=request.user, year=form.cleaned_data["year"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(f"/archive/?year={form.cleaned_data['year']}")
    messages.success(request, _("The archive is being built; you will be notified when it is ready."))
    return redirect(export)


@login_required
def export_detail(request, pk):
    _need(request, "archive.view_archive")
    export = get_object_or_404(selectors.export_list(), pk=pk)
    template = "archive/export_detail.html#status" if request.htmx else "archive/export_detail.html"
    return render(request, template, {"export": export})


@login_required
def export_download(request, pk):
    _need(request, "archive.export_archive")
    export = get_object_or_404(selectors.export_list(), pk=pk)
    path = services.export_file_path(export)
    if path is None or not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=export.filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
