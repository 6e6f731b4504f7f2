from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from apps.core.pagination import paginate

from . import selectors
from .models import User


@login_required
def structure(request):
    context = {"departments": selectors.department_list(), "sites": selectors.site_tree()}
    return render(request, "organization/structure.html", context)


@login_required
def person_list(request):
    if not request.user.has_perm("organization.list_people"):
        raise PermissionDenied
    page = paginate(request, selectors.person_list(user=request.user))
    return render(request, "organization/person_list.html", {"page": page})


@login_required
def person_detail(request, pk):
    person = get_object_or_404(User.objects.select_related("department", "post"), pk=pk)
    if not request.user.has_perm("organization.view_user", person):
        raise Http404
    return render(request, "organization/person_detail.html", {"person": person})


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
