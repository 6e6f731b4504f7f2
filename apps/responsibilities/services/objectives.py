"""Annual safety objectives (R2.1.1): drafted by the safety officers, management or a department head
(for the department), submitted, approved by management — never by whoever prepared or submitted them.
Progress comes live from the metrics registry (``apps.core.metrics``) or from dated figures entered by
hand."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.metrics import get_metric
from apps.core.permissions import require
from apps.core.services import timeline_record

from ..models import Objective, ObjectiveFigure
from ..rules import can_prepare_objective
from ..workflow import OBJECTIVE_FLOW
from . import approval
from .common import require_text, send, subject

EDITABLE = ("title", "title_zh", "description", "department", "parent", "owner", "metric", "direction", "target",
            "unit", "clause_ref", "year")  # fmt: skip


def _clean(user, data: dict) -> dict:
    data = dict(data)
    data["title"] = require_text(data.get("title"), _("Give the objective a title."))[:200]
    data["title_zh"] = (data.get("title_zh") or "").strip()[:200]
    department, parent = data.get("department"), data.get("parent")
    if parent is not None:
        if department is None:
            raise ApplicationError(
                _("A department objective that breaks down a company objective needs its department.")
            )
        if parent.department_id is not None:
            raise ApplicationError(_("Break down a company objective, not a department one."))
        if parent.year != data["year"]:
            raise ApplicationError(_("The company objective is of another year."))
    probe = Objective(department=department)
    if not can_prepare_objective(user, probe):
        raise NotAllowed(_("A department head prepares objectives only for their own department."))
    metric_name = (data.get("metric") or "").strip()
    if metric_name:
        metric = get_metric(metric_name)
        if metric is None:
            raise ApplicationError(_("Unknown figure “%(name)s”.") % {"name": metric_name})
        if not (data.get("unit") or "").strip():
            data["unit"] = str(metric.unit)
    data["metric"] = metric_name
    if data.get("owner") is None:
        data["owner"] = department.head if department is not None and department.head_id else user
    if not data["owner"].is_active:
        raise ApplicationError(_("Choose an active person as the owner."))
    if data.get("direction") not in Objective.Direction.values:
        raise ApplicationError(_("Choose whether the figure must stay at most or reach at least the target."))
    if data.get("target") is None or Decimal(data["target"]) < 0:
        raise ApplicationError(_("Give a target of zero or more."))
    return data


def objective_create(*, user, year: int, title: str, target, direction, **fields) -> Objective:
    """Draft an objective; a department objective's owner defaults to the department head."""
    require(user, "responsibilities.add_objective")
    data = _clean(user, {"year": year, "title": title, "target": target, "direction": direction, **fields})
    data = {k: v for k, v in data.items() if k in EDITABLE}
    with transaction.atomic():
        objective = Objective.objects.create(created_by=user, **data)
        OBJECTIVE_FLOW.start(objective, "create", user=user)
    return objective


def objective_update(*, objective: Objective, user, **fields) -> Objective:
    """Change a draft; a submitted or approved objective changes only by being returned first."""
    with transaction.atomic():
        locked = Objective.objects.select_for_update().get(pk=objective.pk)
        if not locked.is_draft:
            raise ApplicationError(_("Only a draft can be changed; ask management to return it first."))
        require(user, "responsibilities.change_objective", locked)
        current = {name: getattr(locked, name) for name in EDITABLE}
        data = _clean(user, {**current, **fields})
        for name in EDITABLE:
            setattr(locked, name, data[name])
        locked.save()
        timeline_record(subject=locked, actor=user, action=gettext_noop("changed"))
    objective.refresh_from_db()
    return objective


def objective_figure_add(*, objective: Objective, user, date: datetime.date, value, note: str = "") -> ObjectiveFigure:
    """A dated figure for an objective no module measures (its owner, the preparers, its department head)."""
    if objective.metric:
        raise ApplicationError(_("This objective's figure is measured live; it takes no figures by hand."))
    if not (user.pk == objective.owner_id or can_prepare_objective(user, objective)):
        raise NotAllowed(_("Only the owner or those who prepare objectives record figures."))
    if date.year != objective.year:
        raise ApplicationError(_("The date must be in %(year)s.") % {"year": objective.year})
    with transaction.atomic():
        figure = ObjectiveFigure.objects.create(
            objective=objective, date=date, value=value, note=(note or "").strip()[:300], recorded_by=user
        )
        timeline_record(
            subject=objective, actor=user, action=gettext_noop("figure recorded"), comment=f"{date}: {value}"
        )
    return figure


def objective_submit(*, objective: Objective, user, comment: str = "") -> Objective:
    return approval.submit(
        OBJECTIVE_FLOW, objective, user=user, comment=comment,
        waiting_text=gettext_lazy("objective waiting for your approval"),
    )  # fmt: skip


def objective_approve(*, objective: Objective, user, comment: str = "") -> Objective:
    """Management approves; the owner hears that the objective is theirs."""

    def tell_owner(o):
        send(
            recipients=[o.owner], key=f"objective:{o.pk}:owner:{o.approved_at:%Y%m%d%H%M%S}",
            subject=subject(o.number, gettext_lazy("you own this approved objective")), url=o.get_absolute_url(),
        )  # fmt: skip

    return approval.approve(
        OBJECTIVE_FLOW, objective, user=user, comment=comment,
        approved_text=gettext_lazy("objective approved"), also=tell_owner,
    )  # fmt: skip


def objective_return(*, objective: Objective, user, comment: str) -> Objective:
    return approval.return_(
        OBJECTIVE_FLOW, objective, user=user, comment=comment,
        returned_text=gettext_lazy("objective returned for changes"),
    )  # fmt: skip
