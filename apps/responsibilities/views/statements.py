from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.pagination import paginate, paginate_ids_first
from apps.core.params import parse_id
from apps.core.permissions import department_scope
from apps.core.selectors import timeline_for
from apps.core.workflow_views import move_items

from .. import services
from ..filters import StatusFilterForm
from ..forms import IssueForm, StatementTemplateForm
from ..models import Statement, StatementRound, StatementTemplate
from ..pdf import statement_pdf_response
from ..selectors import statement_completion, statement_list, statements_to_countersign
from ..workflow import STATEMENT_FLOW
from .common import act_and_return, chosen_year, require_perm, run

PAGE = 50


def visible_statements(request):
    return statement_list(user=request.user)


@login_required
def statement_list_view(request):
    """My statements, those waiting for my countersignature, and (officers, management) issuing a year."""
    user = request.user
    year = chosen_year(request)
    can_issue = user.has_perm("responsibilities.issue_statements")
    context = {
        "year": year,
        "mine": Statement.objects.filter(person=user).select_related("department").order_by("-year"),
        "to_countersign": paginate(request, statements_to_countersign(user=user), per_page=PAGE),
        "issue_form": IssueForm(initial={"year": year}) if can_issue else None,
        "rounds": StatementRound.objects.select_related("issued_by")[:5] if can_issue else [],
        "can_view_status": user.has_perm("responsibilities.view_statement_status"),
        "can_manage_templates": user.has_perm("responsibilities.manage_templates"),
    }
    return render(request, "responsibilities/statement_list.html", context)


@login_required
def statement_status(request):
    """Completion by department (management, officers, heads for theirs) and who has not signed yet."""
    require_perm(request, "responsibilities.view_statement_status")
    user = request.user
    year = chosen_year(request)
    filters = StatusFilterForm(request.GET or None)
    qs = statement_list(user=user).filter(year=year)
    scope = department_scope(user)
    if scope is not None:
        qs = qs.filter(department_id__in=scope)  # a head sees their departments' people, not only their own
    status = Statement.Status.ISSUED
    if filters.is_valid():
        if filters.cleaned_data.get("department"):
            qs = qs.filter(department_id=filters.cleaned_data["department"])
        status = filters.cleaned_data.get("status") or status
    # Ids first: at 50 k people the sort over every issued statement's full row and its joins (the statement's
    # text, the person, the head, the countersigner) cost 110–140 ms; the page's 50 rows are loaded after.
    ordered = qs.filter(status=status).order_by("department__name", "person__full_name", "id")
    page = paginate_ids_first(request, ordered, PAGE)
    rows = statement_completion(user=user, year=year)
    totals = {k: sum(r[k] for r in rows) for k in ("total", "signed", "countersigned", "unsigned")}
    totals["percent"] = round(100 * totals["signed"] / totals["total"]) if totals["total"] else 0
    context = {
        "year": year,
        "rows": rows,
        "totals": totals,
        "page": page,
        "status": status,
        "statuses": Statement.Status.choices,
        "issued": StatementRound.objects.filter(year=year).first(),
    }
    return render(request, "responsibilities/statement_status.html", context)


@login_required
@require_POST
def statement_issue(request):
    require_perm(request, "responsibilities.issue_statements")
    form = IssueForm(request.POST)
    made = run(request, form, lambda data: services.statements_issue(user=request.user, **data))
    if made is None:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("responsibilities:statement_list")
    year = form.cleaned_data["year"]
    messages.success(request, _("%(n)s statements issued for %(year)s.") % {"n": made, "year": year})
    return redirect(f"{reverse('responsibilities:statement_status')}?year={year}")


def statement_page(request, statement, *, bound_form=None, status=200):
    user = request.user
    if not user.has_perm("responsibilities.view_statement", statement):
        raise Http404
    context = {
        "statement": statement,
        "moves": move_items(STATEMENT_FLOW, statement, user, bound_form=bound_form),
        "timeline": timeline_for(statement),
        "can_refresh": statement.status == Statement.Status.ISSUED
        and user.has_perm("responsibilities.manage_templates"),
    }
    return render(request, "responsibilities/statement_detail.html", context, status=status)


@login_required
def statement_detail(request, pk):
    return statement_page(request, get_object_or_404(visible_statements(request), pk=pk))


@login_required
def statement_pdf(request, pk):
    """The statement with both signatures and their times, in the reader's language."""
    statement = get_object_or_404(visible_statements(request), pk=pk)
    if not request.user.has_perm("responsibilities.view_statement", statement):
        raise Http404
    return statement_pdf_response(statement, request)


@login_required
@require_POST
def statement_refresh(request, pk):
    statement = get_object_or_404(visible_statements(request), pk=pk)
    require_perm(request, "responsibilities.manage_templates")
    return act_and_return(
        request, lambda: services.statement_refresh(statement=statement, user=request.user),
        success=_("The text was renewed from the current template."), back=statement,
    )  # fmt: skip


@login_required
def template_list(request):
    require_perm(request, "responsibilities.manage_templates")
    year = chosen_year(request)
    templates = StatementTemplate.objects.filter(year=year).select_related("post").order_by("level", "post__name", "id")
    return render(request, "responsibilities/template_list.html", {"year": year, "templates": templates})


@login_required
@require_POST
def template_defaults(request):
    """Create the year's default templates (copied from last year, else written from R2.3)."""
    require_perm(request, "responsibilities.manage_templates")
    year = chosen_year(request)
    made = services.statement_templates_ensure(year=year)
    messages.success(request, _("%(n)s templates created for %(year)s.") % {"n": len(made), "year": year})
    return redirect(f"{reverse('responsibilities:template_list')}?year={year}")


@login_required
def template_edit(request, pk=None):
    require_perm(request, "responsibilities.manage_templates")
    template = get_object_or_404(StatementTemplate, pk=pk) if pk else None
    if template is None and request.method != "POST":
        source = parse_id(request.GET.get("from"))
        copy = StatementTemplate.objects.filter(pk=source).first() if source is not None else None
        initial = {f: getattr(copy, f) for f in StatementTemplateForm.Meta.fields} if copy else {}
        if copy:
            initial["post"] = None
        form = StatementTemplateForm(initial=initial or {"year": chosen_year(request)})
    else:
        form = StatementTemplateForm(request.POST or None, instance=template)
    if request.method == "POST":
        saved = run(
            request, form,
            lambda data: services.statement_template_save(user=request.user, template=template, **data),
            success=_("Template saved. Statements already issued keep the text they were issued with."),
        )  # fmt: skip
        if saved is not None:
            return redirect(f"{reverse('responsibilities:template_list')}?year={saved.year}")
        return render(request, "responsibilities/template_form.html", {"form": form, "template": template}, status=400)
    return render(request, "responsibilities/template_form.html", {"form": form, "template": template})
