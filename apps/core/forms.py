"""Form handling shared by every module's views."""

from .exceptions import ApplicationError, NotAllowed


def submit_form(form, call) -> bool:
    """Validate ``form`` and run ``call(form)``; a service's refusal becomes the form's error, so the view
    re-renders the form with what the user typed (``NotAllowed`` still propagates as a 403).
    True when the form was valid and the call succeeded."""
    if not form.is_valid():
        return False
    try:
        call(form)
    except NotAllowed:
        raise
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return False
    return True
