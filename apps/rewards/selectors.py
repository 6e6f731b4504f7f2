"""What people may read of rewards and penalties (R8).

Everyone sees the rewards announced on the notice board. A penalty is seen only by management,
safety officers, the person concerned and the head of their department; a proposal by management,
officers, the head of its department and whoever proposed it. Amounts are for management and officers
(``rewards.view_amount``; the templates ask)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from apps.core.permissions import department_scope

from .models import Decision, Evidence
from .workflow import PUBLISHED

S = Decision.Status


def _base():
    return Decision.objects.select_related("person", "department__head", "proposed_by")


def board_q() -> Q:
    return Q(kind__in=Decision.REWARD_KINDS, status=S.ANNOUNCED)


def decision_list(*, user):
    """The decisions ``user`` may see."""
    qs = _base()
    scope = department_scope(user)
    if scope is None:
        return qs
    return qs.filter(
        board_q() | Q(person=user, status__in=PUBLISHED) | Q(department_id__in=scope) | Q(proposed_by=user)
    )


def notice_board(*, year=None):
    """Announced rewards, newest first: the company notice board (everyone)."""
    qs = _base().filter(board_q()).order_by("-published_at", "-id")
    if year:
        qs = qs.filter(effective_date__year=year)
    return qs


def evidence_of(decision):
    return list(Evidence.objects.filter(decision=decision).select_related("content_type"))


def decisions_citing(*, user, record):
    """The decisions ``user`` may see that cite ``record`` as evidence (the source record's link back)."""
    ct = ContentType.objects.get_for_model(record)
    ids = Evidence.objects.filter(content_type=ct, object_id=record.pk).values("decision_id")
    return decision_list(user=user).filter(pk__in=ids).order_by("-effective_date", "-id")
