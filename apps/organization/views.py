import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core.csv_export import csv_response
from apps.core.exceptions import ApplicationError
from apps.core.filters import refuse_invalid_filter
from apps.core.pagination import paginate
from apps.core.params import text_param

from . import panels, selectors, services
from .csv_import import ImportFileError, parse_people_csv
from .filters import PersonFilter
from .forms import (
    AreaForm,
    CompanyProfileForm,
    DepartmentForm,
    FloorForm,
    HistoryFilterForm,
    PersonForm,
    PersonImportForm,
    PostForm,
    SiteForm,
)
from .models import Area, Department, Floor, Post, Site, User

IMPORT_SESSION_KEY = "organization_person_import"


def _require_perm(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _person_to_change(request, pk, perm):
    """The person at ``pk``: a 404 for those who may not see them, a 403 for those who may not do ``perm``."""
    person = get_object_or_404(User, pk=pk)
    if not request.user.has_perm("organization.view_user", person):
        raise Http404
    _require_perm(request, perm, person)
    return person


def _save_form(request, form, save, *, template, context):
    """Render ``form``; on a valid POST call ``save(cleaned_data)`` and redirect to what it returns.

    An ApplicationError from the service becomes a form error, never a 500.
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(obj.get_absolute_url())
    return render(request, template, {"form": form, **context})


def _changed(form):
    return {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}


# --- structure ----------------------------------------------------------------------------------------


@login_required
def structure(request):
    company = selectors.company_profile(request)
    context = {
        "company": company,
        "company_logo": selectors.company_logo(company),
        "departments": selectors.department_list(),
        "posts": selectors.post_list(),
        "sites": selectors.site_tree(),
    }
    return render(request, "organization/structure.html", context)


@login_required
def company_update(request):
    """Officers edit the company's particulars that every document's letterhead prints."""
    _require_perm(request, "organization.manage_company")
    form = CompanyProfileForm(request.POST or None, request.FILES or None, instance=selectors.company_profile())
    return _save_form(
        request,
        form,
        lambda data: services.company_profile_update(
            actor=request.user,
            data={name: value for name, value in _changed(form).items() if name in services.COMPANY_FIELDS},
            logo=data.get("logo") or None,
            remove_logo=data.get("remove_logo", False),
        ),
        template="organization/company_form.html",
        context={"title": _("Company profile")},
    )


@login_required
def department_detail(request, pk):
    department = get_object_or_404(selectors.department_list(), pk=pk)
    members = None
    if request.user.has_perm("organization.view_members", department):
        members = department.members.select_related("post").order_by("full_name", "id")
    return render(request, "organization/department_detail.html", {"department": department, "members": members})


@login_required
def site_detail(request, pk):
    site = get_object_or_404(selectors.site_tree(), pk=pk)
    return render(request, "organization/site_detail.html", {"site": site})


@login_required
def department_create(request):
    _require_perm(request, "organization.manage_structure")
    form = DepartmentForm(request.POST or None, user=request.user)
    return _save_form(
        request,
        form,
        lambda data: services.department_create(actor=request.user, **data),
        template="organization/structure_form.html",
        context={"title": _("New department")},
    )


@login_required
def department_update(request, pk):
    _require_perm(request, "organization.manage_structure")
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department, user=request.user)
    return _save_form(
        request,
        form,
        lambda data: services.department_update(
            actor=request.user, department=Department.objects.get(pk=pk), data=_changed(form)
        ),
        template="organization/structure_form.html",
        context={"title": _("Edit department"), "object": department},
    )


@login_required
def post_create(request):
    _require_perm(request, "organization.manage_structure")
    return _save_form(
        request,
        PostForm(request.POST or None),
        lambda data: services.post_create(actor=request.user, **data),
        template="organization/structure_form.html",
        context={"title": _("New post")},
    )


@login_required
def post_update(request, pk):
    _require_perm(request, "organization.manage_structure")
    post = get_object_or_404(Post, pk=pk)
    form = PostForm(request.POST or None, instance=post)
    return _save_form(
        request,
        form,
        lambda data: services.post_update(actor=request.user, post=Post.objects.get(pk=pk), data=_changed(form)),
        template="organization/structure_form.html",
        context={"title": _("Edit post"), "object": post},
    )


@login_required
def site_create(request):
    _require_perm(request, "organization.manage_structure")
    return _save_form(
        request,
        SiteForm(request.POST or None),
        lambda data: services.site_create(actor=request.user, **data),
        template="organization/structure_form.html",
        context={"title": _("New site")},
    )


@login_required
def site_update(request, pk):
    _require_perm(request, "organization.manage_structure")
    site = get_object_or_404(Site, pk=pk)
    form = SiteForm(request.POST or None, instance=site)
    return _save_form(
        request,
        form,
        lambda data: services.site_update(actor=request.user, site=Site.objects.get(pk=pk), data=_changed(form)),
        template="organization/structure_form.html",
        context={"title": _("Edit site"), "object": site},
    )


@login_required
def floor_create(request):
    _require_perm(request, "organization.manage_structure")
    form = FloorForm(request.POST or None, initial={"site": request.GET.get("site")})
    return _save_form(
        request,
        form,
        lambda data: services.floor_create(actor=request.user, **data),
        template="organization/structure_form.html",
        context={"title": _("New floor")},
    )


@login_required
def floor_update(request, pk):
    _require_perm(request, "organization.manage_structure")
    floor = get_object_or_404(Floor, pk=pk)
    form = FloorForm(request.POST or None, instance=floor)
    return _save_form(
        request,
        form,
        lambda data: services.floor_update(actor=request.user, floor=Floor.objects.get(pk=pk), data=_changed(form)),
        template="organization/structure_form.html",
        context={"title": _("Edit floor"), "object": floor},
    )


@login_required
def area_create(request):
    _require_perm(request, "organization.manage_structure")
    form = AreaForm(request.POST or None, initial={"floor": request.GET.get("floor")})
    return _save_form(
        request,
        form,
        lambda data: services.area_create(actor=request.user, **data),
        template="organization/structure_form.html",
        context={"title": _("New area")},
    )


@login_required
def area_update(request, pk):
    _require_perm(request, "organization.manage_structure")
    area = get_object_or_404(Area, pk=pk)
    form = AreaForm(request.POST or None, instance=area)
    return _save_form(
        request,
        form,
        lambda data: services.area_update(actor=request.user, area=Area.objects.get(pk=pk), data=_changed(form)),
        template="organization/structure_form.html",
        context={"title": _("Edit area"), "object": area},
    )


# --- people -------------------------------------------------------------------------------------------


def _filtered_people(request):
    return PersonFilter(request.GET or None, queryset=selectors.person_list(user=request.user))


@login_required
def person_list(request):
    _require_perm(request, "organization.list_people")
    people = _filtered_people(request)
    page = paginate(request, people.qs)
    return render(request, "organization/person_list.html", {"page": page, "filter": people})


EXPORT_HEADER = [
    "employee_number",
    "full_name",
    "username",
    "email",
    "department",
    "post",
    "hire_date",
    "phone",
    "role",
    "active",
]


@login_required
def person_export(request):
    """The filtered people list as CSV, in the columns the import reads (export → edit → re-import)."""
    _require_perm(request, "organization.list_people")
    people_filter = _filtered_people(request)
    refuse_invalid_filter(people_filter.form)
    people = people_filter.qs
    rows = (
        [
            p.employee_number,
            p.full_name,
            p.username,
            p.email,
            p.department.code if p.department else "",
            p.post.code if p.post else "",
            p.hire_date.isoformat() if p.hire_date else "",
            p.phone,
            p.role,
            "yes" if p.is_active else "no",
        ]
        for p in people.iterator(chunk_size=500)
    )
    return csv_response(filename="people", header=EXPORT_HEADER, rows=rows)


@login_required
@require_GET
def person_autocomplete(request):
    """JSON for the person picker: the people of the picker's ``scope`` (default: those the user may
    list) matching ``q``; the picker's field accepts exactly these people (``PersonChoiceField``)."""
    scope = text_param(request, "scope") or selectors.DEFAULT_PERSON_SCOPE
    people = selectors.person_search(user=request.user, query=text_param(request, "q"), scope=scope)
    results = [
        {
            "id": p.pk,
            "username": p.username,
            "text": " · ".join(str(x) for x in (p, p.employee_number, p.department) if x),
        }
        for p in people
    ]
    return JsonResponse({"results": results})


@login_required
def person_detail(request, pk):
    person = get_object_or_404(User.objects.select_related("department", "post"), pk=pk)
    if not request.user.has_perm("organization.view_user", person):
        raise Http404
    history = None
    if request.user.has_perm("organization.view_history"):
        history = selectors.history_entries(selectors.history_list(kind="person", object_id=person.pk)[:10])
    can_unlock = request.user.has_perm("organization.unlock_sign_in", person)
    context = {
        "person": person,
        "history": history,
        "panels": panels.person_panels(request=request, person=person),
        "can_unlock": can_unlock,
        "sign_in_lock": selectors.sign_in_lock(person=person) if can_unlock else None,
    }
    return render(request, "organization/person_detail.html", context)


@login_required
def person_create(request):
    _require_perm(request, "organization.manage_people")
    form = PersonForm(request.POST or None, initial={"role": User.Role.EMPLOYEE, "is_active": True})
    return _save_form(
        request,
        form,
        lambda data: services.person_create(actor=request.user, **data),
        template="organization/person_form.html",
        context={"title": _("New person")},
    )


@login_required
def person_update(request, pk):
    person = _person_to_change(request, pk, "organization.manage_people")
    form = PersonForm(request.POST or None, instance=person)
    return _save_form(
        request,
        form,
        lambda data: services.person_update(actor=request.user, person=User.objects.get(pk=pk), data=_changed(form)),
        template="organization/person_form.html",
        context={"title": _("Edit person"), "object": person},
    )


@login_required
@require_POST
def person_send_sign_in_link(request, pk):
    person = _person_to_change(request, pk, "organization.manage_people")
    try:
        services.person_send_sign_in_link(actor=request.user, person=person, request=request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A sign-in link was sent to %(email)s.") % {"email": person.email})
    return redirect(person.get_absolute_url())


@login_required
@require_POST
def person_unlock_sign_in(request, pk):
    person = _person_to_change(request, pk, "organization.unlock_sign_in")
    if services.person_unlock_sign_in(actor=request.user, person=person, request=request):
        messages.success(request, _("%(person)s can sign in again.") % {"person": person})
    else:
        messages.info(request, _("%(person)s was not locked out of sign-in.") % {"person": person})
    return redirect(person.get_absolute_url())


# --- CSV import ---------------------------------------------------------------------------------------
# The uploaded text waits in the (database-backed) session between preview and confirmation, under a
# random token the confirm form carries: nothing is written to disk, a second preview in another tab
# replaces it, and a stale confirm is refused. The confirm step parses the text again.


@login_required
def person_import(request):
    _require_perm(request, "organization.import_people")
    form = PersonImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            preview = parse_people_csv(text)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            context["preview"] = preview
            if preview.is_clean:
                token = uuid.uuid4().hex
                request.session[IMPORT_SESSION_KEY] = {
                    "token": token,
                    "name": form.cleaned_data["file"].name,
                    "text": text,
                }
                context["token"] = token
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
    return render(request, "organization/person_import.html", context)


@login_required
@require_POST
def person_import_confirm(request):
    _require_perm(request, "organization.import_people")
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, _("That import preview has expired. Upload the file again."))
        return redirect("organization:person_import")
    try:
        result = services.person_import(actor=request.user, content=pending["text"])
    except (ApplicationError, ImportFileError) as exc:
        # The database changed since the preview (say, a department was renamed): show the new problems.
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.error(request, str(exc))
        try:
            preview = parse_people_csv(pending["text"])
        except ImportFileError:
            return redirect("organization:person_import")
        return render(request, "organization/person_import.html", {"form": PersonImportForm(), "preview": preview})
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        _("Import finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("organization:person_list")


# --- audit trail --------------------------------------------------------------------------------------


@login_required
def history(request):
    _require_perm(request, "organization.view_history")
    form = HistoryFilterForm(request.GET or None)
    kind = object_id = None
    if form.is_valid():
        kind = form.cleaned_data["kind"] or None
        object_id = form.cleaned_data["object"]
    page = paginate(request, selectors.history_list(kind=kind, object_id=object_id))
    entries = selectors.history_entries(page.object_list)
    return render(request, "organization/history.html", {"form": form, "page": page, "entries": entries})
