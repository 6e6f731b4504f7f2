"""Every write of inspections, equipment, appliance approvals and the visitor log.

Services are keyword-only, check permission with :func:`require`, run inside one transaction, lock
the row they change (``select_for_update``) and leave a timeline row. Plans, inspections and appliance
requests change state only through their workflows (``workflow.py``, the engine in
``apps.core.workflow``), which lock, check the state and the permission and write the timeline.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

from apps.core.exceptions import ApplicationError, Conflict
from apps.core.i18n import in_each_language
from apps.core.i18n_messages import lazy_display
from apps.core.permissions import require
from apps.core.selectors import attachments_for
from apps.core.services import attachment_add, timeline_record
from apps.hazards.services import hazard_raise
from apps.notifications.services import notify
from apps.organization.models import User
from apps.regulation.selectors import clauses_by_refs

from .models import (
    ApplianceRequest,
    ChecklistTemplate,
    ClauseGroup,
    Equipment,
    EquipmentCheck,
    Frequency,
    Inspection,
    InspectionPlan,
    InspectionResult,
    InspectorRole,
    PlanLine,
    TemplateItem,
    TemplateSection,
    Visit,
)
from .schedule import due_dates
from .workflow import APPLIANCE_FLOW, INSPECTION_FLOW, PLAN_FLOW

HAZARD_CATEGORY = {
    ClauseGroup.RULES: "other",
    ClauseGroup.FIRE: "fire",
    ClauseGroup.ELECTRICAL: "electrical",
    ClauseGroup.NETWORK: "network",
    ClauseGroup.PREMISES: "premises",
    ClauseGroup.INFOSEC: "infosec",
}
EQUIPMENT_HAZARD_CATEGORY = {Equipment.Kind.ELECTRICAL_PANEL: "electrical", Equipment.Kind.FIRST_AID_KIT: "premises"}


logger = logging.getLogger(__name__)


def _attach_photo(*, subject, photo, user, role="photo"):
    if photo is None:
        return None
    try:
        return attachment_add(subject=subject, upload=photo, user=user, role=role)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from None


def _photo_copies(subject) -> list[ContentFile]:
    """The photos attached to ``subject`` as fresh uploads, to hand to the hazards service."""
    copies = []
    for att in attachments_for(subject):
        try:
            with att.file.open("rb") as handle:
                copies.append(ContentFile(handle.read(), name=att.original_name))
        except FileNotFoundError:
            # A photo lost from storage must not block finishing the inspection; the hazard is raised
            # without it and the gap is logged for the administrator.
            logger.warning("photo %s of %s is missing from storage", att.token, subject)
    return copies


# --- checklist templates -------------------------------------------------------------------------


def _write_content(*, template: ChecklistTemplate, sections: Iterable[dict]) -> None:
    """Create sections and items: ``sections`` is [{name, name_zh, items: [{text, text_zh, guidance,
    guidance_zh, clause}]}]. An item's clause id also links the regulation's clause (the regulation map)."""
    sections = list(sections)
    clauses = clauses_by_refs(i.get("clause") or "" for s in sections for i in s.get("items", []))
    for s_pos, section_data in enumerate(sections, start=1):
        items = [i for i in section_data.get("items", []) if (i.get("text") or "").strip()]
        if not items or not (section_data.get("name") or "").strip():
            continue
        section = TemplateSection.objects.create(
            template=template,
            position=s_pos,
            name=section_data["name"].strip(),
            name_zh=section_data.get("name_zh", ""),
        )
        TemplateItem.objects.bulk_create(
            TemplateItem(
                template=template,
                section=section,
                position=i_pos,
                text=item["text"].strip(),
                text_zh=(item.get("text_zh") or "").strip(),
                guidance=(item.get("guidance") or "").strip(),
                guidance_zh=(item.get("guidance_zh") or "").strip(),
                clause=(item.get("clause") or "").strip(),
                regulation_clause=clauses.get((item.get("clause") or "").strip()),
            )
            for i_pos, item in enumerate(items, start=1)
        )
    if not template.items.exists():
        raise ApplicationError(_("A checklist needs at least one item."))


def _free_code(name: str) -> str:
    base = (slugify(name)[:50] or "checklist").strip("-") or "checklist"
    code, n = base, 1
    while ChecklistTemplate.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def checklist_template_create(
    *, user, group: str, name: str, code: str = "", name_zh: str = "", description: str = "", sections: list[dict]
) -> ChecklistTemplate:
    """A new checklist, version 1; without a ``code`` one is derived from the English name."""
    require(user, "inspections.manage_templates")
    if group not in ClauseGroup.values:
        raise ApplicationError(_("Choose a clause group."))
    with transaction.atomic():
        code = code or _free_code(name)
        if ChecklistTemplate.objects.filter(code=code).exists():
            raise ApplicationError(_("A checklist with this code already exists."))
        template = ChecklistTemplate.objects.create(
            code=code, version=1, group=group, name=name, name_zh=name_zh, description=description, created_by=user
        )
        _write_content(template=template, sections=sections)
        timeline_record(subject=template, actor=user, action=gettext_noop("created"), to_state="v1")
    return template


def template_content(template: ChecklistTemplate) -> list[dict]:
    """A template's sections and items as plain data (the shape :func:`checklist_template_revise` takes)."""
    sections = []
    for section in template.sections.prefetch_related("items"):
        sections.append(
            {
                "name": section.name,
                "name_zh": section.name_zh,
                "items": [
                    {
                        "text": i.text,
                        "text_zh": i.text_zh,
                        "guidance": i.guidance,
                        "guidance_zh": i.guidance_zh,
                        "clause": i.clause,
                    }
                    for i in section.items.all()
                ],
            }
        )
    return sections


def checklist_template_revise(
    *, template: ChecklistTemplate, user, name: str, name_zh: str = "", description: str = "", sections: list[dict]
) -> ChecklistTemplate:
    """Save an edit as a new version; the old version, and every inspection that used it, stays as it was."""
    require(user, "inspections.manage_templates")
    with transaction.atomic():
        current = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
        if not current.is_current:
            raise Conflict(_("Someone saved a newer version of this checklist; open the current one and edit that."))
        current.is_current = False
        current.save(update_fields=["is_current", "updated_at"])
        new = ChecklistTemplate.objects.create(
            code=current.code,
            version=current.version + 1,
            group=current.group,
            name=name,
            name_zh=name_zh,
            description=description,
            created_by=user,
        )
        _write_content(template=new, sections=sections)
        timeline_record(
            subject=new,
            actor=user,
            action=gettext_noop("new version"),
            from_state=f"v{current.version}",
            to_state=f"v{new.version}",
        )
    return new


def _current_version(template: ChecklistTemplate) -> ChecklistTemplate:
    if template.is_current:
        return template
    return ChecklistTemplate.objects.filter(code=template.code, is_current=True).first() or template


# --- annual plan ----------------------------------------------------------------------------------


def inspection_plan_create(*, user, year: int, title: str) -> InspectionPlan:
    require(user, "inspections.manage_plans")
    try:
        with transaction.atomic():
            plan = InspectionPlan.objects.create(year=year, title=title, created_by=user)
            PLAN_FLOW.start(plan, "create", user=user)
    except IntegrityError:
        raise ApplicationError(_("There is already a plan for %(year)s.") % {"year": year}) from None
    return plan


def plan_line_add(
    *,
    plan: InspectionPlan,
    user,
    template: ChecklistTemplate,
    frequency: str,
    inspector=None,
    inspector_role: str = "",
    area=None,
    site=None,
    department=None,
    interval_days: int | None = None,
) -> PlanLine:
    """Add a line; the inspector is a person or a role (:class:`InspectorRole`), never both."""
    require(user, "inspections.manage_plans")
    if sum(x is not None for x in (area, site, department)) != 1:
        raise ApplicationError(_("Choose exactly one scope: an area, a site or a department."))
    inspector_role = inspector_role or ""
    if (inspector is None) == (not inspector_role):
        raise ApplicationError(_("Name the inspector either as a person or as a role, not both."))
    if inspector_role and inspector_role not in InspectorRole.values:
        raise ApplicationError(_("Choose a valid inspector role."))
    has_department = department is not None or (area is not None and area.department_id is not None)
    if inspector_role == InspectorRole.DEPARTMENT_HEAD and not has_department:
        raise ApplicationError(
            _("“Head of the scoped department” needs a department, or an area with a responsible department.")
        )
    if frequency == Frequency.CUSTOM and not interval_days:
        raise ApplicationError(_("Give the number of days between inspections."))
    if frequency != Frequency.CUSTOM:
        interval_days = None
    with transaction.atomic():
        plan = PLAN_FLOW.lock(plan, states=[InspectionPlan.Status.DRAFT], refused=_PLAN_APPROVED())
        line = PlanLine.objects.create(
            plan=plan,
            template=_current_version(template),
            frequency=frequency,
            interval_days=interval_days,
            inspector=inspector,
            inspector_role=inspector_role,
            area=area,
            site=site,
            department=department,
        )
        timeline_record(subject=plan, actor=user, action=gettext_noop("line added"), comment=line)
    return line


def plan_line_remove(*, line: PlanLine, user) -> None:
    require(user, "inspections.manage_plans")
    with transaction.atomic():
        plan = PLAN_FLOW.lock(line.plan, states=[InspectionPlan.Status.DRAFT], refused=_PLAN_APPROVED())
        timeline_record(subject=plan, actor=user, action=gettext_noop("line removed"), comment=line)
        line.delete()


def inspection_plan_approve(*, plan: InspectionPlan, user, comment: str = "") -> InspectionPlan:
    """Management approves the plan; the year's inspections are generated at once."""

    def needs_lines(p):
        if not p.lines.exists():
            raise ApplicationError(_("A plan needs at least one line before it can be approved."))

    with transaction.atomic():
        approved = PLAN_FLOW.apply(plan, "approve", user=user, comment=comment, apply=needs_lines)
        _generate(plan=approved, user=user)
    return approved


def inspection_plan_generate(*, plan: InspectionPlan, user) -> int:
    """Create the approved plan's scheduled inspections that do not exist yet; returns how many were new."""
    with transaction.atomic():
        locked = PLAN_FLOW.apply(plan, "generate", user=user)
        return _generate(plan=locked, user=user)


def _generate(*, plan: InspectionPlan, user) -> int:
    existing = set(Inspection.objects.filter(plan_line__plan=plan).values_list("plan_line_id", "due_date"))
    new = []
    for line in plan.lines.select_related("template", "area__department", "department"):
        inspector_id, role = _line_assignee(line)
        for due in due_dates(frequency=line.frequency, year=plan.year, interval_days=line.interval_days):
            if (line.pk, due) in existing:
                continue
            new.append(
                Inspection(
                    plan_line=line,
                    template=line.template,
                    area_id=line.area_id,
                    site_id=line.site_id,
                    department_id=line.department_id,
                    inspector_id=inspector_id,
                    inspector_role=role,
                    due_date=due,
                )
            )
    Inspection.objects.bulk_create(new, batch_size=500)
    plan.generated_at = timezone.now()
    plan.save(update_fields=["generated_at", "updated_at"])
    if new:
        timeline_record(
            subject=plan,
            actor=user,
            action=gettext_noop("schedule generated"),
            comment=format_lazy(ngettext_lazy("{n} inspection", "{n} inspections", len(new)), n=len(new)),
        )
    return len(new)


def _PLAN_APPROVED():
    return _("This plan is approved; it can no longer be changed.")


def _line_assignee(line: PlanLine) -> tuple[int | None, str]:
    """(inspector id, role) for the inspections of ``line``: a person stays a person; "head of the scoped
    department" becomes that department's head when it has one; otherwise the role waits to be claimed."""
    if line.inspector_id:
        return line.inspector_id, ""
    if line.inspector_role == InspectorRole.DEPARTMENT_HEAD:
        department = line.scope_department
        if department is not None and department.head_id:
            return department.head_id, ""
    return None, line.inspector_role


# --- inspections ----------------------------------------------------------------------------------


def inspection_create(
    *, user, template: ChecklistTemplate, inspector, due_date: datetime.date, area=None, site=None, department=None
) -> Inspection:
    """An unplanned inspection (a follow-up, a spot check)."""
    require(user, "inspections.create_inspection")
    if sum(x is not None for x in (area, site, department)) != 1:
        raise ApplicationError(_("Choose exactly one scope: an area, a site or a department."))
    with transaction.atomic():
        inspection = Inspection.objects.create(
            template=_current_version(template),
            inspector=inspector,
            due_date=due_date,
            area=area,
            site=site,
            department=department,
        )
        INSPECTION_FLOW.start(inspection, "schedule", user=user)
    return inspection


def inspection_start(*, inspection: Inspection, user) -> Inspection:
    """Open the checklist: fix the template version (the newest at this moment) and create one row per item.

    An inspection assigned to a role is claimed by whoever starts it: they become its inspector. Starting
    one already started by someone allowed to carry it out resumes it (a second tap, another tab)."""
    claimed = inspection.inspector_id is None
    comment = ""
    if claimed:
        comment = format_lazy(
            gettext_lazy("Taken by {name} for the role “{role}”."),
            name=user.get_full_name() or user.get_username(),
            role=InspectorRole(inspection.inspector_role).label,
        )

    def open_checklist(i):
        if i.inspector_id is None:
            i.inspector = user
        i.template = _current_version(i.template)
        items = i.template.items.all()
        InspectionResult.objects.bulk_create(InspectionResult(inspection=i, item=item) for item in items)

    try:
        return INSPECTION_FLOW.apply(inspection, "start", user=user, comment=comment, apply=open_checklist)
    except Conflict:
        # Already started: whoever may carry it on (and finish it) resumes it; anyone else is refused.
        current = Inspection.objects.get(pk=inspection.pk)
        if not user.has_perm("inspections.finish_inspection", current):
            raise
        return current


def inspection_result_save(*, result: InspectionResult, user, outcome: str, note: str = "", photo=None):
    """Save one answer as the inspector goes; a photo is added to the item's photos."""
    inspection = result.inspection
    require(user, "inspections.perform_inspection", inspection)
    if outcome not in InspectionResult.Outcome.values and outcome != "":
        raise ApplicationError(_("Choose pass, fail or not applicable."))
    with transaction.atomic():
        INSPECTION_FLOW.lock(
            inspection,
            states=[Inspection.Status.IN_PROGRESS],
            refused=_("This inspection is not in progress any more."),
        )
        result = InspectionResult.objects.select_for_update().get(pk=result.pk)
        result.outcome = outcome
        result.note = note.strip()
        result.answered_by = user
        result.answered_at = timezone.now()
        result.save(update_fields=["outcome", "note", "answered_by", "answered_at"])
        _attach_photo(subject=result, photo=photo, user=user)
    return result


def _finding_title(item, note: str) -> tuple[str, str]:
    """A failed item's hazard is titled as a finding: the inspector's note when given (in the language
    they wrote it), otherwise "Failed: <criterion>" in English and "不合格：<criterion>" in Chinese."""
    first_line = next((line.strip() for line in (note or "").splitlines() if line.strip()), "")
    if first_line:
        return first_line[:200], ""
    english, chinese = in_each_language(lambda: _("Failed: %(item)s") % {"item": item.display_text or item.text})
    return english[:200], chinese[:200]


def inspection_finish(*, inspection: Inspection, user, signature_name: str, summary: str = "") -> Inspection:
    """Sign the inspection off; each failed item raises a hazard, linked both ways."""
    signature_name = (signature_name or "").strip()

    def sign(inspection):
        if not signature_name:
            raise ApplicationError(_("Sign with your name to finish the inspection."))
        results = list(
            inspection.results.select_related("item__section").select_for_update(of=("self",)).order_by("pk")
        )
        unanswered = [r for r in results if not r.outcome]
        if unanswered:
            raise ApplicationError(
                _("%(n)s items have no answer yet; mark each one pass, fail or not applicable.")
                % {"n": len(unanswered)}
            )
        scope = inspection.scope
        category = HAZARD_CATEGORY.get(inspection.template.group, "other")
        for result in results:
            if result.outcome != InspectionResult.Outcome.FAIL or result.hazard_id:
                continue
            item = result.item
            description = "\n".join(
                x
                for x in (
                    _("Failed in inspection #%(n)s (%(template)s).")
                    % {"n": inspection.pk, "template": inspection.template.display_name},
                    f"{item.clause} {item.text}".strip(),
                    item.text_zh,
                    result.note,
                )
                if x
            )
            title, title_zh = _finding_title(item, result.note)
            hazard = hazard_raise(
                title=title,
                title_zh=title_zh,
                description=description,
                reporter=user,
                area=inspection.area,
                site=inspection.site,
                department=inspection.department,
                location_text="" if inspection.area_id else str(scope)[:200],
                category=category,
                source=result,
                photos=_photo_copies(result),
            )
            result.hazard = hazard
            result.save(update_fields=["hazard"])
        inspection.signature_name = signature_name[:150]
        inspection.summary = summary

    return INSPECTION_FLOW.apply(inspection, "finish", user=user, comment=signature_name, apply=sign)


# --- equipment ------------------------------------------------------------------------------------


def equipment_create(*, user, code, kind, area, check_interval_days, next_check_due=None, **fields) -> Equipment:
    require(user, "inspections.manage_equipment")
    with transaction.atomic():
        if Equipment.objects.filter(code=code).exists():
            raise ApplicationError(_("Another item already has this asset tag."))
        equipment = Equipment.objects.create(
            code=code,
            kind=kind,
            area=area,
            check_interval_days=check_interval_days,
            next_check_due=next_check_due or timezone.localdate(),
            **fields,
        )
        timeline_record(subject=equipment, actor=user, action=gettext_noop("registered"))
    return equipment


def equipment_update(*, equipment: Equipment, user, **fields) -> Equipment:
    require(user, "inspections.manage_equipment")
    allowed = {"kind", "area", "location_note", "serial_number", "check_interval_days", "next_check_due", "expires_on"}
    allowed |= {"is_active"}
    with transaction.atomic():
        equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
        changed = []
        for name, value in fields.items():
            if name in allowed and getattr(equipment, name) != value:
                setattr(equipment, name, value)
                changed.append(name)
        if changed:
            equipment.save()
            # The fields' names (translated), not their codes.
            names = [Equipment._meta.get_field(name).verbose_name for name in changed]
            comment = format_lazy(", ".join(["{}"] * len(names)), *names)
            timeline_record(subject=equipment, actor=user, action=gettext_noop("updated"), comment=comment)
    return equipment


def equipment_check_record(*, equipment: Equipment, user, outcome: str, note: str = "", photo=None) -> EquipmentCheck:
    """Record a quick check (from the QR label); the next check falls due one interval later; a fail raises a hazard."""
    require(user, "inspections.check_equipment", equipment)
    if outcome not in EquipmentCheck.Outcome.values:
        raise ApplicationError(_("Choose pass or fail."))
    if outcome == EquipmentCheck.Outcome.FAIL and not note.strip():
        raise ApplicationError(_("Say what is wrong."))
    with transaction.atomic():
        equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
        check = EquipmentCheck.objects.create(equipment=equipment, checked_by=user, outcome=outcome, note=note.strip())
        _attach_photo(subject=check, photo=photo, user=user)
        now = timezone.now()
        equipment.last_checked_at = now
        equipment.next_check_due = timezone.localdate(now) + datetime.timedelta(days=equipment.check_interval_days)
        equipment.save(update_fields=["last_checked_at", "next_check_due", "updated_at"])
        if outcome == EquipmentCheck.Outcome.FAIL:
            title, title_zh = in_each_language(
                lambda: _("Failed check: %(equipment)s – %(note)s") % {"equipment": equipment, "note": note.strip()}
            )
            check.hazard = hazard_raise(
                title=title[:200],
                title_zh=title_zh[:200],
                description=note.strip(),
                reporter=user,
                area=equipment.area,
                location_text=equipment.location_note,
                category=EQUIPMENT_HAZARD_CATEGORY.get(equipment.kind, "fire"),
                source=check,
                photos=_photo_copies(check),
            )
            check.save(update_fields=["hazard", "updated_at"])
        passed = outcome == EquipmentCheck.Outcome.PASS
        timeline_record(
            subject=equipment,
            actor=user,
            action=gettext_noop("check passed") if passed else gettext_noop("check failed"),
            comment=note.strip(),
        )
    return check


# --- high-power appliances ------------------------------------------------------------------------


def appliance_request_create(*, user, appliance: str, power_watts: int, area, purpose: str) -> ApplianceRequest:
    require(user, "inspections.request_appliance")
    if power_watts <= 0:
        raise ApplicationError(_("Give the appliance's power in watts."))
    with transaction.atomic():
        request = ApplianceRequest.objects.create(
            requester=user, appliance=appliance, power_watts=power_watts, area=area, purpose=purpose
        )
        APPLIANCE_FLOW.start(request, "request", user=user)
    officers = _active_officers()
    transaction.on_commit(
        lambda: notify(
            recipients=officers,
            key=f"appliance:{request.pk}:requested",
            subject=format_lazy(gettext_lazy("High-power appliance request: {request}"), request=request),
            url=request.get_absolute_url(),
            about=request,
            topic=TOPIC_DECIDE,
        )
    )
    return request


def appliance_request_approve(*, appliance_request: ApplianceRequest, user, comment: str = "") -> ApplianceRequest:
    """A safety officer approves; who and when are recorded. A decision is final."""
    return _appliance_decide(appliance_request, "approve", user=user, comment=comment)


def appliance_request_reject(*, appliance_request: ApplianceRequest, user, comment: str) -> ApplianceRequest:
    """A safety officer rejects, with a reason; who and when are recorded. A decision is final."""
    if not (comment or "").strip():
        raise ApplicationError(_("Give a reason for the rejection."))
    return _appliance_decide(appliance_request, "reject", user=user, comment=comment)


def appliance_request_decide(
    *, appliance_request: ApplianceRequest, user, approve: bool, comment: str = ""
) -> ApplianceRequest:
    """Approve or reject (the two moves of ``APPLIANCE_FLOW``)."""
    if approve:
        return appliance_request_approve(appliance_request=appliance_request, user=user, comment=comment)
    return appliance_request_reject(appliance_request=appliance_request, user=user, comment=comment)


def _appliance_decide(appliance_request, move: str, *, user, comment: str) -> ApplianceRequest:
    comment = (comment or "").strip()

    def record_comment(req):
        req.decision_comment = comment

    def tell_requester(req):
        notify(
            recipients=[req.requester],
            key=f"appliance:{req.pk}:decided",
            subject=format_lazy(
                gettext_lazy("{request}: {decision}"), request=req, decision=ApplianceRequest.Status(req.status).label
            ),
            body=req.decision_comment,
            url=req.get_absolute_url(),
        )

    return APPLIANCE_FLOW.apply(
        appliance_request, move, user=user, comment=comment, apply=record_comment, on_commit=tell_requester
    )


# --- visitor log ----------------------------------------------------------------------------------


def visit_register(
    *, user, visitor_name: str, host, purpose: str, area, badge_number: str, organisation: str = ""
) -> Visit:
    require(user, "inspections.use_visitor_log")
    badge_number = badge_number.strip()
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                visitor_name=visitor_name.strip(),
                organisation=organisation.strip(),
                host=host,
                purpose=purpose.strip(),
                area=area,
                badge_number=badge_number,
                registered_by=user,
            )
            timeline_record(subject=visit, actor=user, action=gettext_noop("signed in"), to_state="on_site")
    except IntegrityError:
        raise ApplicationError(
            _("Badge %(badge)s is already given to a visitor on site.") % {"badge": badge_number}
        ) from None
    return visit


def visit_sign_out(*, visit: Visit, user) -> Visit:
    require(user, "inspections.sign_out_visit", visit)
    with transaction.atomic():
        now = timezone.now()
        updated = Visit.objects.filter(pk=visit.pk, signed_out_at__isnull=True).update(
            signed_out_at=now, signed_out_by=user, updated_at=now
        )
        if not updated:
            raise Conflict(_("This visitor has already signed out."))
        visit = Visit.objects.get(pk=visit.pk)
        timeline_record(
            subject=visit, actor=user, action=gettext_noop("signed out"), from_state="on_site", to_state="left"
        )
    return visit


# --- reminders ------------------------------------------------------------------------------------

DUE_SOON_DAYS = 3

# What a message asks (notify(topic=…)); the equipment topics carry the date they were sent for.
TOPIC_DECIDE, TOPIC_CARRY_OUT, TOPIC_CHECK, TOPIC_REPLACE = "decide", "carry_out", "check", "replace"


def notification_still_relevant(record, topic: str) -> bool:
    """Whether a message about an inspection, a piece of equipment or an appliance request still asks for
    something (registered in apps.py): an inspection not yet finished, a check not yet recorded (the due
    date it named still stands), an expiry not yet dealt with, a request not yet decided."""
    kind, _sep, stamp = topic.partition(":")
    if isinstance(record, Inspection):
        return record.status != Inspection.Status.FINISHED
    if isinstance(record, ApplianceRequest):
        return record.status == ApplianceRequest.Status.PENDING
    if isinstance(record, Equipment):
        if not record.is_active:
            return False
        if kind == TOPIC_CHECK:
            return record.next_check_due is not None and record.next_check_due.isoformat() == stamp
        if kind == TOPIC_REPLACE:
            return record.expires_on is not None and record.expires_on.isoformat() == stamp
    return True


def _active_officers():
    return User.objects.filter(role=User.Role.SAFETY_OFFICER, is_active=True)


def inspection_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell inspectors about inspections due within three days and about overdue ones; each once.

    An inspection still assigned to a role goes to every safety officer ("safety officer (any)") or to the
    scoped department's head (falling back to the officers while the department has no head)."""
    today = today or timezone.localdate()
    sent = 0
    open_statuses = [Inspection.Status.SCHEDULED, Inspection.Status.IN_PROGRESS]
    qs = Inspection.objects.filter(status__in=open_statuses).select_related(
        "template", "inspector", "area__department__head", "site", "department__head"
    )
    officers = None

    def recipients(inspection):
        nonlocal officers
        if inspection.inspector_id:
            return [inspection.inspector]
        if inspection.inspector_role == InspectorRole.DEPARTMENT_HEAD:
            department = inspection.department or (inspection.area.department if inspection.area_id else None)
            if department is not None and department.head_id:
                return [department.head]
        # Assigned to "any safety officer", or to a head the department does not have (yet).
        if officers is None:
            officers = list(_active_officers())
        return officers

    for inspection in qs.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)):
        sent += len(
            notify(
                recipients=recipients(inspection),
                key=f"inspection:{inspection.pk}:due_soon",
                subject=format_lazy(
                    gettext_lazy("Inspection due soon: {checklist} ({due})"),
                    checklist=lazy_display(inspection.template),
                    due=inspection.due_date,
                ),
                body=format_lazy(gettext_lazy("Scope: {scope}"), scope=inspection.scope),
                url=inspection.get_absolute_url(),
                about=inspection,
                topic=TOPIC_CARRY_OUT,
            )
        )
    for inspection in qs.filter(due_date__lt=today):
        sent += len(
            notify(
                recipients=recipients(inspection),
                key=f"inspection:{inspection.pk}:overdue",
                subject=format_lazy(
                    gettext_lazy("Inspection overdue: {checklist} ({due})"),
                    checklist=lazy_display(inspection.template),
                    due=inspection.due_date,
                ),
                body=format_lazy(gettext_lazy("Scope: {scope}"), scope=inspection.scope),
                url=inspection.get_absolute_url(),
                about=inspection,
                topic=TOPIC_CARRY_OUT,
            )
        )
    return sent


def equipment_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the safety officers about equipment whose check is due and equipment past expiry; each once
    per due date / expiry date (a new check sets a new due date, so the next reminder is a new one)."""
    today = today or timezone.localdate()
    officers = list(_active_officers())
    if not officers:
        return 0
    sent = 0
    active = Equipment.objects.filter(is_active=True).select_related("area")
    for eq in active.filter(next_check_due__lte=today):
        sent += len(
            notify(
                recipients=officers,
                key=f"equipment:{eq.pk}:check_due:{eq.next_check_due.isoformat()}",
                subject=format_lazy(
                    gettext_lazy("Equipment check due: {equipment} ({due})"), equipment=eq, due=eq.next_check_due
                ),
                body=eq.area,
                url=eq.get_absolute_url(),
                about=eq,
                topic=f"{TOPIC_CHECK}:{eq.next_check_due.isoformat()}",
            )
        )
    for eq in active.filter(expires_on__isnull=False, expires_on__lte=today):
        sent += len(
            notify(
                recipients=officers,
                key=f"equipment:{eq.pk}:expired:{eq.expires_on.isoformat()}",
                subject=format_lazy(
                    gettext_lazy("Equipment expired: {equipment} ({expired})"), equipment=eq, expired=eq.expires_on
                ),
                body=eq.area,
                url=eq.get_absolute_url(),
                about=eq,
                topic=f"{TOPIC_REPLACE}:{eq.expires_on.isoformat()}",
            )
        )
    return sent
