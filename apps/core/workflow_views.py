"""The one view behind every move's button, and what ``templates/inc/moves.html`` renders.

An app mounts its moves with ``FLOW.urlpatterns(queryset=..., render_detail=...)`` (see
``apps/core/workflow.py``): ``queryset(request)`` is the app's selector (another department's record
is a 404), ``render_detail(request, obj, *, bound_form, status)`` renders the record's page, so a
refused move shows that page again with the form as typed and the reason (status 400).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .exceptions import ApplicationError
from .workflow import Workflow


def move_items(workflow: Workflow, obj, user, bound_form=None, button_ids: dict | None = None) -> list[dict]:
    """The context of ``inc/moves.html``: one ``{move, form, url}`` per move ``user`` may make now,
    with ``bound_form`` (a refused submission) in place of a fresh form for its move. ``button_ids``
    (move name -> HTML id) gives a page's buttons the ids its links and tests know them by."""
    items = []
    for move in workflow.moves_for(obj, user):
        if bound_form is not None and bound_form.move.name == move.name:
            form = bound_form
        else:
            form = workflow.form_for(move, obj=obj, user=user)
        url = reverse(workflow.url_name(move), args=[obj.pk])
        items.append({"move": move, "form": form, "url": url, "button_id": (button_ids or {}).get(move.name, "")})
    return items


@login_required
@require_POST
def move_view(request, pk, *, workflow: Workflow, move: str, queryset, render_detail):
    obj = get_object_or_404(queryset(request), pk=pk)
    the_move = workflow.moves.get(move)
    if the_move is None or not the_move.offered:
        raise Http404
    form = workflow.form_for(the_move, obj=obj, user=request.user, data=request.POST, files=request.FILES)
    if not workflow.can_start_from(obj, the_move):
        # Someone was faster (or the page is old): say so; the form is no longer on offer.
        messages.error(request, workflow.conflict(obj, the_move).message)
        return render_detail(request, obj, bound_form=form, status=400)
    # In the right state but not this user's move: a 403, as for any action the user may not take.
    if not request.user.has_perm(the_move.perm, obj):
        raise PermissionDenied
    if form.is_valid():
        service = workflow.service_for(the_move)
        try:
            service(**{workflow.subject: obj}, user=request.user, **form.service_kwargs())
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            # Show the record as it is now (someone may have moved it meanwhile).
            obj = get_object_or_404(queryset(request), pk=pk)
            if the_move.name not in {m.name for m in workflow.moves_for(obj, request.user)}:
                messages.error(request, exc.message)  # the form is gone from the page; say why
        else:
            messages.success(
                request, _("%(number)s: %(move)s.") % {"number": workflow.record_label(obj), "move": the_move.label}
            )
            return redirect(obj)
    return render_detail(request, obj, bound_form=form, status=400)


def move_urlpatterns(workflow: Workflow, *, queryset, render_detail, prefix: str = "<int:pk>/") -> list:
    """``<pk>/<move-name>/`` named ``<model>_<move>`` for every move people ask for (not a start or
    system move)."""
    return [
        path(
            f"{prefix}{move.name.replace('_', '-')}/",
            move_view,
            {"workflow": workflow, "move": move.name, "queryset": queryset, "render_detail": render_detail},
            name=f"{workflow.model_name}_{move.name}",
        )
        for move in workflow.moves.values()
        if move.offered
    ]
