"""The approval moves shared by objectives, budgets and work plans (R2.1.2): submit, approve and
return, declared per model with ``workflow._approval_moves``. Management is told when something waits
for it (never the manager who prepared or submitted it); the preparer is told of the decision."""

from django.utils import timezone

from .common import management, send, subject


def _tell_approvers(obj, text):
    send(
        recipients=[m for m in management() if m.pk not in {obj.created_by_id, obj.submitted_by_id}],
        key=f"{obj._meta.model_name}:{obj.pk}:submitted:{obj.submitted_at:%Y%m%d%H%M%S}",
        subject=subject(obj.number, text),
        url=obj.get_absolute_url(),
    )


def _tell_preparer(obj, text, stamp, comment=""):
    send(
        recipients=[obj.submitted_by, obj.created_by],
        key=f"{obj._meta.model_name}:{obj.pk}:{stamp}",
        subject=subject(obj.number, text),
        body=comment,
        url=obj.get_absolute_url(),
    )


def submit(flow, obj, *, user, comment="", waiting_text, check=None):
    """``check(locked)`` refuses an incomplete submission (an ApplicationError rolls back)."""
    flow.apply(
        obj, "submit", user=user, comment=comment, apply=check, on_commit=lambda o: _tell_approvers(o, waiting_text)
    )
    return obj


def approve(flow, obj, *, user, comment="", approved_text, apply=None, also=None):
    """``apply(locked)`` changes what approval changes; ``also(saved)`` tells whoever else must know."""

    def tell(o):
        _tell_preparer(o, approved_text, f"approved:{o.approved_at:%Y%m%d%H%M%S}")
        if also is not None:
            also(o)

    flow.apply(obj, "approve", user=user, comment=comment, apply=apply, on_commit=tell)
    return obj


def return_(flow, obj, *, user, comment, returned_text):
    stamp = f"returned:{timezone.now():%Y%m%d%H%M%S%f}"
    flow.apply(
        obj, "return", user=user, comment=comment,
        on_commit=lambda o: _tell_preparer(o, returned_text, stamp, comment),
    )  # fmt: skip
    return obj
