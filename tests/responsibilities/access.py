"""Access matrix entries for /responsibilities/ (tests/test_access_matrix.py walks them with every persona).

Records are made with the services as each case needs them. Empty POSTs: whoever may make the move
gets the form back with errors (400), or the move is made when it needs nothing (302); anyone who can
see the record but may not act gets 403; anyone who cannot see it gets 404."""

from tests.access import COMPANY_WIDE, HEADS_AND_COMPANY, LOGIN, Case, everyone, only

PERSONAS = ("employee", "outsider", "head", "other_head", "officer", "manager")


def _expect(default, **overrides):
    result = {"anonymous": LOGIN, **dict.fromkeys(PERSONAS, default)}
    result.update(overrides)
    return result


def _year():
    from django.utils import timezone

    return timezone.localdate().year


# -- builders ---------------------------------------------------------------------------------------


def _objective(step="draft", metric="incidents.major_count"):
    def build(p):
        from apps.responsibilities import services
        from tests.responsibilities.conftest import make_objective

        objective = make_objective(p["officer"], department=p["head"].department, metric=metric,
                                   direction="at_least")  # fmt: skip
        if step == "submitted":
            services.objective_submit(objective=objective, user=p["officer"])
        return {"pk": objective.pk}

    return build


def _budget(step="draft"):
    def build(p):
        from apps.responsibilities import services
        from tests.responsibilities.conftest import approved_budget

        if step == "approved":
            budget, _line = approved_budget(p["officer"], p["manager"])
            return {"pk": budget.pk}
        budget = services.budget_create(user=p["officer"], year=_year())
        line = services.budget_line_add(budget=budget, user=p["officer"], category="ppe", description="Gloves",
                                        amount_requested=100)  # fmt: skip
        if step == "line":
            return {"pk": line.pk}
        if step == "submitted":
            services.budget_submit(budget=budget, user=p["officer"])
        return {"pk": budget.pk}

    return build


def _spending_waiting(p):
    import datetime

    from apps.responsibilities import services
    from tests.responsibilities.conftest import approved_budget

    _budget, line = approved_budget(p["officer"], p["manager"], amount=10)
    spending = services.spending_record(line=line, user=p["officer"], date=datetime.date(_year(), 1, 1), amount=50,
                                        description="Hydrant", request_override=True)  # fmt: skip
    return {"pk": spending.pk}


def _hazard_source(p):
    from django.contrib.contenttypes.models import ContentType

    from tests.hazards.factories import HazardFactory

    hazard = HazardFactory(grade="major", department=p["head"].department)
    return {"type_id": ContentType.objects.get_for_model(hazard).pk, "object_id": hazard.pk}


def _plan(step="draft"):
    def build(p):
        from apps.responsibilities import services

        plan = services.workplan_create(user=p["officer"], year=_year())
        task = services.task_add(plan=plan, user=p["officer"], title="Drill", month=3, owner=p["head"])
        if step == "task":
            return {"pk": task.pk}
        if step in ("submitted", "approved", "task_done", "approved_task"):
            services.workplan_submit(workplan=plan, user=p["officer"])
        if step in ("approved", "task_done", "approved_task"):
            services.workplan_approve(workplan=plan, user=p["manager"])
        if step == "approved_task":
            return {"pk": task.pk}
        if step == "task_done":
            services.task_done(task=task, user=p["head"])
            return {"pk": task.pk}
        return {"pk": plan.pk}

    return build


def _meeting(step="draft"):
    def build(p):
        from apps.responsibilities import services
        from tests.responsibilities.conftest import make_meeting

        meeting = make_meeting(p["officer"], chair=p["manager"])
        services.meeting_invite(meeting=meeting, user=p["officer"], person=p["employee"])
        if step in ("scheduled", "attendance"):
            services.meeting_schedule(meeting=meeting, user=p["officer"])
        if step == "attendance":
            return {"pk": meeting.pk, "invitation_pk": meeting.invitations.get(person=p["employee"]).pk}
        return {"pk": meeting.pk}

    return build


def _action(step="open"):
    def build(p):
        from apps.responsibilities import services
        from tests.responsibilities.conftest import make_action

        action = make_action(p["officer"], p["employee"])
        if step == "done":
            services.action_done(action=action, user=p["employee"], note="Done")
        return {"pk": action.pk}

    return build


def _statement(step="issued"):
    def build(p):
        from apps.responsibilities import services
        from apps.responsibilities.models import Statement

        services.statements_issue(user=p["officer"], year=_year())
        statement = Statement.objects.get(person=p["employee"])
        if step == "signed":
            services.statement_sign(statement=statement, user=p["employee"], typed_name="李娜", confirm_read=True)
        return {"pk": statement.pk}

    return build


def _template(p):
    from apps.responsibilities import services

    return {"pk": services.statement_templates_ensure(year=_year())[0].pk}


# -- expectations -----------------------------------------------------------------------------------

# A department objective of the head's department, in draft: company-wide roles and that head see it.
DEPT_OBJECTIVE = {"employee": 404, "outsider": 404, "other_head": 404}
BUDGET_VIEWERS = HEADS_AND_COMPANY
# A committee meeting organised by the officer, chaired by the manager, the employee invited.
MEETING = {"outsider": 404, "head": 404, "other_head": 404}
# The employee's statement: the employee, their head and company-wide roles see it.
STATEMENT = {"outsider": 404, "other_head": 404}

ACCESS = {
    # Objectives
    "responsibilities:objective_list": Case(expect=everyone()),
    "responsibilities:objective_create": Case(expect=only(HEADS_AND_COMPANY)),
    "responsibilities:objective_detail": Case(kwargs=_objective(), expect=_expect(200, **DEPT_OBJECTIVE)),
    "responsibilities:objective_edit": Case(kwargs=_objective(), expect=_expect(200, **DEPT_OBJECTIVE)),
    "responsibilities:objective_figure_add": Case(
        method="post", kwargs=_objective(metric=""), expect=_expect(400, **DEPT_OBJECTIVE)
    ),
    "responsibilities:objective_submit": Case(
        method="post", kwargs=_objective(), expect=_expect(302, **DEPT_OBJECTIVE)
    ),
    "responsibilities:objective_approve": Case(
        method="post", kwargs=_objective("submitted"), expect=_expect(403, manager=302, **DEPT_OBJECTIVE)
    ),
    "responsibilities:objective_return": Case(
        method="post", kwargs=_objective("submitted"), expect=_expect(403, manager=400, **DEPT_OBJECTIVE)
    ),
    # Budget
    "responsibilities:budget_overview": Case(expect=only(BUDGET_VIEWERS)),
    "responsibilities:budget_create": Case(method="post", expect=only(COMPANY_WIDE, status=400)),
    "responsibilities:budget_detail": Case(kwargs=_budget(), expect=only(BUDGET_VIEWERS)),
    "responsibilities:budget_line_add": Case(method="post", kwargs=_budget(), expect=only(COMPANY_WIDE, status=400)),
    "responsibilities:budget_line_remove": Case(
        method="post", kwargs=_budget("line"), expect=only(COMPANY_WIDE, status=302)
    ),
    "responsibilities:spending_add": Case(
        method="post", kwargs=_budget("approved"), expect=only(COMPANY_WIDE, status=400)
    ),
    "responsibilities:spending_detail": Case(kwargs=_spending_waiting, expect=only(BUDGET_VIEWERS)),
    "responsibilities:funds_draw": Case(kwargs=_hazard_source, expect=_expect(404, head=403, officer=200, manager=200)),
    "responsibilities:budget_submit": Case(method="post", kwargs=_budget(), expect=only(COMPANY_WIDE, status=302)),
    "responsibilities:budget_approve": Case(
        method="post", kwargs=_budget("submitted"), expect=only({"manager"}, status=302)
    ),
    "responsibilities:budget_return": Case(
        method="post", kwargs=_budget("submitted"), expect=only({"manager"}, status=400)
    ),
    "responsibilities:spending_override": Case(
        method="post", kwargs=_spending_waiting, expect=only({"manager"}, status=400)
    ),
    "responsibilities:spending_reject": Case(
        method="post", kwargs=_spending_waiting, expect=only({"manager"}, status=400)
    ),
    # Work plan (drafts are for officers and management)
    "responsibilities:plan_overview": Case(expect=everyone()),
    "responsibilities:plan_create": Case(method="post", expect=only(COMPANY_WIDE, status=400)),
    "responsibilities:plan_detail": Case(kwargs=_plan(), expect=only(COMPANY_WIDE, denied=404)),
    "responsibilities:task_add": Case(method="post", kwargs=_plan(), expect=only(COMPANY_WIDE, status=400, denied=404)),
    "responsibilities:task_detail": Case(kwargs=_plan("approved_task"), expect=everyone()),
    "responsibilities:task_remove": Case(
        method="post", kwargs=_plan("task"), expect=only(COMPANY_WIDE, status=302, denied=404)
    ),
    "responsibilities:workplan_submit": Case(
        method="post", kwargs=_plan(), expect=only(COMPANY_WIDE, status=302, denied=404)
    ),
    "responsibilities:workplan_approve": Case(
        method="post", kwargs=_plan("submitted"), expect=_expect(404, officer=403, manager=302)
    ),
    "responsibilities:workplan_return": Case(
        method="post", kwargs=_plan("submitted"), expect=_expect(404, officer=403, manager=400)
    ),
    "responsibilities:task_start": Case(
        method="post", kwargs=_plan("approved_task"), expect=_expect(403, head=302, officer=302)
    ),
    "responsibilities:task_done": Case(
        method="post", kwargs=_plan("approved_task"), expect=_expect(403, head=302, officer=302)
    ),
    "responsibilities:task_cancel": Case(
        method="post", kwargs=_plan("approved_task"), expect=_expect(403, officer=400, manager=400)
    ),
    "responsibilities:task_reopen": Case(
        method="post", kwargs=_plan("task_done"), expect=_expect(403, officer=400, manager=400)
    ),
    # Meetings and action items
    "responsibilities:meeting_list": Case(expect=everyone()),
    "responsibilities:meeting_create": Case(expect=only(HEADS_AND_COMPANY)),
    "responsibilities:meeting_detail": Case(kwargs=_meeting(), expect=_expect(200, **MEETING)),
    "responsibilities:meeting_edit": Case(kwargs=_meeting(), expect=_expect(200, employee=403, **MEETING)),
    "responsibilities:meeting_invite": Case(
        method="post", kwargs=_meeting(), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:meeting_attendance": Case(
        method="post", kwargs=_meeting("attendance"), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:meeting_agenda_add": Case(
        method="post", kwargs=_meeting(), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:meeting_decision_add": Case(
        method="post", kwargs=_meeting(), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:meeting_minutes_pdf": Case(kwargs=_meeting(), expect=_expect(200, **MEETING)),
    "responsibilities:meeting_schedule": Case(
        method="post", kwargs=_meeting(), expect=_expect(302, employee=403, **MEETING)
    ),
    "responsibilities:meeting_hold": Case(
        method="post", kwargs=_meeting("scheduled"), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:meeting_cancel": Case(
        method="post", kwargs=_meeting(), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:action_list": Case(expect=everyone()),
    "responsibilities:action_detail": Case(kwargs=_action(), expect=_expect(200, **MEETING)),
    "responsibilities:action_done": Case(method="post", kwargs=_action(), expect=_expect(403, employee=400, **MEETING)),
    "responsibilities:action_cancel": Case(
        method="post", kwargs=_action(), expect=_expect(400, employee=403, **MEETING)
    ),
    "responsibilities:action_reopen": Case(
        method="post", kwargs=_action("done"), expect=_expect(400, employee=403, **MEETING)
    ),
    # Statements
    "responsibilities:statement_list": Case(expect=everyone()),
    "responsibilities:statement_status": Case(expect=only(HEADS_AND_COMPANY)),
    "responsibilities:statement_issue": Case(method="post", expect=only(COMPANY_WIDE, status=302)),
    "responsibilities:statement_detail": Case(kwargs=_statement(), expect=_expect(200, **STATEMENT)),
    "responsibilities:statement_pdf": Case(kwargs=_statement(), expect=_expect(200, **STATEMENT)),
    "responsibilities:statement_refresh": Case(
        method="post", kwargs=_statement(), expect=_expect(403, officer=302, **STATEMENT)
    ),
    "responsibilities:template_list": Case(expect=only({"officer"})),
    "responsibilities:template_defaults": Case(method="post", expect=only({"officer"}, status=302)),
    "responsibilities:template_create": Case(expect=only({"officer"})),
    "responsibilities:template_edit": Case(kwargs=_template, expect=only({"officer"})),
    "responsibilities:statement_sign": Case(
        method="post", kwargs=_statement(), expect=_expect(403, employee=400, **STATEMENT)
    ),
    "responsibilities:statement_countersign": Case(
        method="post", kwargs=_statement("signed"), expect=_expect(403, head=400, **STATEMENT)
    ),
    "responsibilities:statement_withdraw": Case(
        method="post", kwargs=_statement(), expect=_expect(403, officer=400, **STATEMENT)
    ),
}
