from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.forms import call_service
from apps.core.pagination import paginate
from apps.core.selectors import timeline_for
from apps.core.views import attachment_response
from apps.core.workflow_views import move_items
from apps.core.xlsx_export import xlsx_response

from . import selectors, services
from .filters import DocumentFilter
from .forms import CampaignForm, DocumentForm, VersionForm
from .markdown import render_markdown
from .models import Campaign, DocumentVersion
from .workflow import FLOW

PAGE_SIZE = 50
_body_renderers: list = []


def register_body_renderer(callback):
    """``callback(request, version) -> (template, context) | None``: a higher module shows content it
    keeps with a version (emergency: the plan's steps) on the version page."""
    if callback not in _body_renderers:
        _body_renderers.append(callback)
    return callback


def _need(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


# --- documents ------------------------------------------------------------------------------------


@login_required
def document_list(request):
    document_filter = DocumentFilter(request.GET or None, queryset=selectors.document_list(user=request.user))
    context = {"page": paginate(request, document_filter.qs, PAGE_SIZE), "filter": document_filter}
    return render(request, "documents/document_list.html", context)


@login_required
def document_create(request):
    _need(request, "documents.add_document")
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = call_service(form, lambda: services.document_create(user=request.user, **form.cleaned_data))
        if document is not None:
            messages.success(request, _("Document created; write its first version."))
            return redirect(document.versions.get().get_absolute_url())
    return render(request, "documents/document_form.html", {"form": form}, status=400 if form.errors else 200)


def _document_or_404(request, pk):
    return get_object_or_404(selectors.document_list(user=request.user), pk=pk)


@login_required
def document_detail(request, pk):
    document = _document_or_404(request, pk)
    history = list(selectors.version_history(document))
    if not request.user.has_perm("documents.view_drafts", document):
        history = [
            v for v in history if v.status not in (DocumentVersion.Status.DRAFT, DocumentVersion.Status.UNDER_REVIEW)
        ]
    context = {
        "document": document,
        "history": history,
        "clauses": document.clauses.all(),
        "campaigns": Campaign.objects.filter(version__document=document)
        .select_related("version")
        .order_by("-created_at")[:20],
    }
    return render(request, "documents/document_detail.html", context)


@login_required
def document_edit(request, pk):
    document = _document_or_404(request, pk)
    _need(request, "documents.change_document", document)
    initial = {
        "title": document.title, "title_zh": document.title_zh,
        "owner_department": document.owner_department, "clauses": list(document.clauses.all()),
    }  # fmt: skip
    form = DocumentForm(request.POST or None, initial=initial, editing=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, lambda: services.document_update(user=request.user, document=document, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Document saved."))
        return redirect(document)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "document": document},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def version_new(request, pk):
    document = _document_or_404(request, pk)
    _need(request, "documents.change_document", document)
    try:
        draft = services.version_draft_next(user=request.user, document=document)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(document)
    messages.success(request, _("New draft version started."))
    return redirect(draft)


def visible_versions(request):
    return selectors.version_list(user=request.user)


def version_page(request, version, *, bound_form=None, form=None, status=200):
    """The version page; the workflow's move view renders it again when a move is refused."""
    can_edit = version.status == DocumentVersion.Status.DRAFT and request.user.has_perm(
        "documents.change_document", version.document
    )
    if can_edit and form is None:
        form = VersionForm(
            version=version,
            initial={
                "body_kind": version.body_kind, "body": version.body, "body_zh": version.body_zh,
                "structured": version.structured, "effective_date": version.effective_date,
                "review_date": version.review_date, "change_note": version.change_note,
            },
        )  # fmt: skip
    extra = [r for r in (renderer(request, version) for renderer in _body_renderers) if r]
    current = version.document.current_version
    context = {
        "version": version,
        "document": version.document,
        "current": current if current and current.pk != version.pk else None,
        "body_html": render_markdown(version.display_body) if version.body_kind == DocumentVersion.Body.TEXT else "",
        "body_file": selectors.body_file(version),
        "extra_bodies": extra,
        "form": form if can_edit else None,
        "moves": move_items(FLOW, version, request.user, bound_form=bound_form),
        "timeline": timeline_for(version),
        "can_campaign": version.is_in_force and request.user.has_perm("documents.manage_campaigns"),
    }
    return render(request, "documents/version_detail.html", context, status=status)


@login_required
def version_detail(request, pk):
    version = get_object_or_404(visible_versions(request), pk=pk)
    if request.method != "POST":
        return version_page(request, version)
    _need(request, "documents.change_document", version.document)
    form = VersionForm(request.POST, request.FILES, version=version)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("structured", "")
        if call_service(form, lambda: services.version_update(user=request.user, version=version, **data)):
            messages.success(request, _("Draft saved."))
            return redirect(version)
    return version_page(request, version, form=form, status=400)


@login_required
def version_file(request, pk):
    version = get_object_or_404(visible_versions(request), pk=pk)
    att = selectors.body_file(version)
    if att is None:
        raise Http404
    return attachment_response(
        att, filename=f"{version.document.number}-v{version.number}.{att.download_name.rsplit('.', 1)[-1]}"
    )


# --- campaigns -----------------------------------------------------------------------------------------


@login_required
def campaign_create(request, pk):
    _need(request, "documents.manage_campaigns")
    version = get_object_or_404(visible_versions(request), pk=pk)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = call_service(
            form, lambda: services.campaign_start(user=request.user, version=version, **form.cleaned_data)
        )
        if campaign is not None:
            messages.success(request, _("Campaign started; everyone in scope has been asked to acknowledge."))
            return redirect(campaign)
    return render(
        request, "documents/campaign_form.html", {"form": form, "version": version}, status=400 if form.errors else 200
    )


@login_required
def campaign_list(request):
    campaigns = selectors.campaign_list(user=request.user)
    return render(request, "documents/campaign_list.html", {"page": paginate(request, campaigns, PAGE_SIZE)})


def _campaign_or_404(request, pk):
    return get_object_or_404(selectors.campaign_detail_qs(), pk=pk)


@login_required
def campaign_detail(request, pk):
    campaign = _campaign_or_404(request, pk)
    user = request.user
    company_wide = user.has_perm("documents.view_campaign_status")
    in_scope = selectors.campaign_people(campaign).filter(pk=user.pk).exists()
    heads = user.headed_department_ids
    if not (company_wide or heads or in_scope):
        raise Http404
    context = {
        "campaign": campaign,
        "version": campaign.version,
        "in_scope": in_scope,
        "mine": selectors.acknowledgement_of(campaign=campaign, user=user),
        "company_wide": company_wide,
        "can_manage": user.has_perm("documents.manage_campaigns"),
    }
    if company_wide:
        context["by_department"] = selectors.campaign_by_department(campaign)
        context["counts"] = selectors.counts_of(context["by_department"])
    if heads:
        context["head_counts"] = selectors.campaign_counts(campaign, department_ids=heads)
        context["pending"] = paginate(request, selectors.campaign_pending(campaign, department_ids=heads), PAGE_SIZE)
    return render(request, "documents/campaign_detail.html", context)


@login_required
@require_POST
def campaign_acknowledge(request, pk):
    campaign = _campaign_or_404(request, pk)
    try:
        services.acknowledge(user=request.user, campaign=campaign)
    except NotAllowed:
        raise PermissionDenied from None
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Thank you: your acknowledgement of %(label)s is recorded.") % {"label": campaign.version.label}
        )
    return redirect(campaign)


@login_required
@require_POST
def campaign_close(request, pk):
    campaign = _campaign_or_404(request, pk)
    _need(request, "documents.manage_campaigns")
    try:
        services.campaign_close(user=request.user, campaign=campaign)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(campaign)


def _export_rows(campaign):
    for p in selectors.campaign_export_rows(campaign):
        yield [
            p.department.display_name if p.department_id else "",
            p.full_name or p.username,
            p.employee_number or "",
            p.post.display_name if p.post_id else "",
            f"v{p.acked_version}" if p.acked_version else "",
            p.acked_at,
        ]


def _export_header():
    return [
        _("Department"),
        _("Name"),
        _("Employee number"),
        _("Post"),
        _("Version acknowledged"),
        _("Acknowledged at"),
    ]


@login_required
def campaign_export_csv(request, pk):
    _need(request, "documents.export_campaign")
    campaign = _campaign_or_404(request, pk)
    rows = ([*r[:-1], r[-1].isoformat() if r[-1] else ""] for r in _export_rows(campaign))
    return csv_response(filename=f"acknowledgements-{campaign.pk}", header=_export_header(), rows=rows)


@login_required
def campaign_export_xlsx(request, pk):
    _need(request, "documents.export_campaign")
    campaign = _campaign_or_404(request, pk)
    return xlsx_response(
        filename=f"acknowledgements-{campaign.pk}", header=_export_header(), rows=_export_rows(campaign)
    )


@login_required
def my_acknowledgements(request):
    pending = selectors.campaigns_for(user=request.user)
    return render(request, "documents/my_acknowledgements.html", {"pending": pending})
