"""Small helpers shared by the responsibilities views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from apps.core.exceptions import ApplicationError, NotAllowed

from ..forms import YearForm


def chosen_year(request) -> int:
    """``?year=`` bounded by the form; anything else is this year."""
    return YearForm(request.GET or None).chosen_year()


def require_perm(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def run(request, form, call, success=None):
    """Call a service with a valid form's data; a refusal becomes an error on the form (nothing lost).
    Returns the service's result, or None when the form was invalid or the service refused."""
    if not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except NotAllowed:
        raise
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return None
    if success:
        messages.success(request, success)
    return result


def render_refused(request, template, context):
    """A refused submission: the page again, with status 400."""
    return render(request, template, context, status=400)


def act_and_return(request, call, *, success, back):
    """A button without a form (remove a line, renew a text): call the service, say how it went as a
    message, go back to ``back`` (a record or URL)."""
    try:
        call()
    except NotAllowed:
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(back)
