"""Responsibilities demo data (R2): this year's objectives (live ones from the other modules, one by
hand, a department break-down), an approved budget with spending (one line past 90 %, one entry waiting
for management's over-budget decision, one funding a major hazard), the approved work plan in progress,
four meetings with decisions and action items (some overdue) and this year's statements, partly signed.

Everything goes through the services. Past meeting times and past due dates cannot be set through them
(they refuse the past), so those are back-dated after the walk — on purpose, as the hazards seeder does.
Idempotent: objectives are keyed by (year, title), the budget and the plan by year, meetings by title,
statements by (year, person).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.hazards.models import Hazard
from apps.organization.models import Area, Department, User
from apps.responsibilities import services
from apps.responsibilities.models import Action, Budget, Meeting, Objective, Spending, Statement, WorkPlan

# (title, title_zh, metric, direction, target, unit, clause)
OBJECTIVES = [
    ("No major incidents", "零重大事故", "incidents.major_count", "at_most", 0, "", "R5.2"),
    ("Every new hire passes induction before starting work", "新员工100%通过岗前安全培训",
     "training.induction_on_time_rate", "at_least", 100, "%", "R6.4.1"),
    ("95 % of inspections done on time", "95%的安全检查按期完成", "inspections.on_time_rate", "at_least", 95, "%",
     "R7.1"),
    ("Every major hazard closed by its deadline", "重大隐患100%按期整改销号",
     "hazards.major_closed_on_time_rate", "at_least", 100, "%", "R7.3"),
    ("Every responsibility statement signed", "安全责任书100%签订", "responsibilities.statements_signed_rate",
     "at_least", 100, "%", "R2.3.1"),
    ("At least four fire drills a year", "每年至少组织4次消防演练", "", "at_least", 4, "drills", "R3.1.4"),
]  # fmt: skip

# (category, description, requested, spent entries)
BUDGET_LINES = [
    ("equipment", "灭火器及消火栓水带", 48000, [(2, 18000, "ABC干粉灭火器60具"), (5, 26500, "1–7层消火栓水带")]),
    ("training", "外聘消防安全培训讲师", 20000, [(3, 6000, "春季培训讲师费")]),
    ("inspection", "机房电气检测", 15000, [(4, 9800, "年度电气检测")]),
    ("emergency", "急救箱及应急照明", 12000, [(1, 4200, "急救箱12个")]),
    ("ppe", "劳动防护用品", 5000, []),
]  # fmt: skip

# (month, title, title_zh, owner key, clause)
TASKS = [
    (1, "Issue this year's responsibility statements", "签订年度安全责任书", "officer", "R2.3.1"),
    (2, "Spring fire drill, Pudong office", "春季消防演练（浦东）", "officer", "R3.1.4"),
    (3, "Electrical safety inspection of all floors", "全楼层电气安全检查", "it_head", "R3.2.2"),
    (4, "Induction training refresh for team leaders", "班组长安全培训复训", "safety_head", "R6.3"),
    (5, "Network vulnerability scan and firewall review", "网络漏洞扫描及防火墙检查", "it_head", "R3.3.2"),
    (6, "Summer fire drill and evacuation", "夏季消防疏散演练", "officer", "R5.1.2"),
    (7, "Mid-year safety performance review", "年中安全绩效评审", "officer", "R2.1.4"),
    (8, "Emergency supplies check", "应急物资检查", "head", "R5.1.4"),
    (9, "Information security awareness month", "信息安全宣传月", "it_head", "R4.1.3"),
    (10, "Autumn fire drill, Hangzhou office", "秋季消防演练（杭州）", "officer", "R3.1.4"),
    (11, "Review of contingency plans", "应急预案评审修订", "safety_head", "R5.1.1"),
    (12, "Annual safety report and next year's plan", "年度安全工作总结及下年计划", "officer", "R2.2.2"),
]  # fmt: skip

# (title, title_zh, type, days from today, chair key, held, decisions: [(text, action, owner key, due in days)])
MEETINGS = [
    ("Q1 management safety meeting", "一季度管理层安全工作会议", "management", -75, "manager", True, [
        ("审议通过年度安全预算和工作计划", "", None, None),
        ("更换5层过期灭火器", "更换12具过期灭火器", "officer", -40),
        ("B1机房增设应急照明", "B1机房安装应急照明", "it_head", -10),
    ]),
    ("Safety committee: hazard review", "安全委员会：隐患排查评审", "committee", -30, "deputy", True, [
        ("彻底清理5层被堵塞的安全出口", "东侧出口划定禁止堆放区", "head", -5),
        ("检查各茶水间的插线板", "全楼层茶水间插线板检查", "employee", 10),
    ]),
    ("Customer Service 1 department safety meeting", "客服一部部门安全会议", "department", -12, "head", True, [
        ("全员完成数据保护复训", "提醒团队完成复训", "employee", 5),
    ]),
    ("Special meeting: typhoon season preparedness", "专题会议：防台风准备", "special", 6, "manager", False, []),
]  # fmt: skip


def _user(ctx, key):
    users = ctx.data.get("users") or {}
    return users.get(key) or User.objects.filter(username=key).first()


def seed(ctx):
    officer, manager = _user(ctx, "officer"), _user(ctx, "manager")
    deputy = _user(ctx, "deputy") or manager
    if officer is None or manager is None:
        ctx.log("    responsibilities: organisation data missing, skipped")
        return
    year = timezone.localdate().year
    _objectives(ctx, year, officer, manager, deputy)
    _budget(ctx, year, officer, manager, deputy)
    _plan(ctx, year, officer, manager)
    _meetings(ctx, officer)
    _statements(ctx, year, officer, manager)


def _objectives(ctx, year, officer, manager, deputy):
    today = timezone.localdate()
    for title, title_zh, metric, direction, target, unit, clause in OBJECTIVES:
        if Objective.objects.filter(year=year, title=title).exists():
            continue
        owner = manager if metric == "incidents.major_count" else None
        objective = services.objective_create(
            user=officer, year=year, title=title, title_zh=title_zh, metric=metric, direction=direction,
            target=Decimal(target), unit=unit, clause_ref=clause, owner=owner,
        )  # fmt: skip
        services.objective_submit(objective=objective, user=officer)
        services.objective_approve(objective=objective, user=manager)
        if not metric:
            for month, value in ((2, 1), (6, 2)):
                if datetime.date(year, month, 15) <= today:
                    services.objective_figure_add(objective=objective, user=officer,
                                                  date=datetime.date(year, month, 15), value=value)  # fmt: skip
    # Broken down: Customer Service 1 keeps no hazard overdue (owner: its head, who proposes it).
    cs1 = Department.objects.filter(code="cs-1").select_related("head").first()
    parent = Objective.objects.filter(year=year, metric="hazards.major_closed_on_time_rate").first()
    title = "No overdue hazards in Customer Service 1"
    if cs1 and cs1.head and parent and not Objective.objects.filter(year=year, title=title).exists():
        child = services.objective_create(
            user=cs1.head, year=year, title=title, title_zh="客服一部隐患零逾期", metric="hazards.overdue_count",
            direction="at_most", target=Decimal(0), department=cs1, parent=parent, clause_ref="R7.3",
        )  # fmt: skip
        services.objective_submit(objective=child, user=cs1.head)
        services.objective_approve(objective=child, user=deputy)


def _budget(ctx, year, officer, manager, deputy):
    if Budget.objects.filter(year=year).exists():
        return
    budget = services.budget_create(user=officer, year=year, note="一季度管理层安全工作会议审议通过。")
    lines = [
        (services.budget_line_add(budget=budget, user=officer, category=c, description=d, amount_requested=a), spent)
        for c, d, a, spent in BUDGET_LINES
    ]
    services.budget_submit(budget=budget, user=officer)
    services.budget_approve(budget=budget, user=deputy, comment="按一季度会议讨论意见执行。")
    today = timezone.localdate()
    for line, spent in lines:
        for month, amount, description in spent:
            date = min(datetime.date(year, month, 10), today)
            services.spending_record(line=line, user=officer, date=date, amount=amount, description=description)
    # The major hazard's rectification draws on the equipment line; the PPE line gets an over-budget request.
    equipment, ppe = lines[0][0], lines[-1][0]
    hazard = Hazard.objects.filter(grade=Hazard.Grade.MAJOR).order_by("id").first()
    if hazard is not None:
        services.spending_record(line=equipment, user=officer, date=today, amount=1800,
                                 description="B1机房接水盘及漏水传感器", source=hazard)  # fmt: skip
    services.spending_record(line=ppe, user=officer, date=today, amount=6400, request_override=True,
                             description="5层每个工位配备防烟面罩")  # fmt: skip
    ctx.log(f"    budget {year}: {Spending.objects.filter(line__budget=budget).count()} spending entries")


def _plan(ctx, year, officer, manager):
    if WorkPlan.objects.filter(year=year).exists():
        return
    plan = services.workplan_create(user=officer, year=year, note="安全管理部编制。")
    tasks = []
    for month, title, title_zh, owner_key, clause in TASKS:
        owner = _user(ctx, owner_key) or officer
        tasks.append(
            services.task_add(
                plan=plan,
                user=officer,
                title=title,
                title_zh=title_zh,
                month=month,
                owner=owner,
                department=owner.department,
                clause_ref=clause,
            )  # fmt: skip
        )
    services.workplan_submit(workplan=plan, user=officer)
    services.workplan_approve(workplan=plan, user=manager)
    this_month = timezone.localdate().month
    for task in tasks:
        if task.month < this_month - 1:
            services.task_done(
                task=task, user=officer if task.owner_id != officer.pk else task.owner, outcome="已按计划完成。"
            )
        elif task.month == this_month - 1:
            services.task_start(task=task, user=officer)  # in progress and now overdue
        elif task.month == this_month:
            services.task_start(task=task, user=task.owner)
    if len(tasks) > 8 and tasks[8].is_open:
        services.task_cancel(task=tasks[8], user=officer, comment="并入11月的国家安全宣传周。")


def _meetings(ctx, officer):
    areas = {a.code: a for a in Area.objects.filter(code__in=["sh-7-meeting"])}
    now = timezone.now()
    for title, title_zh, kind, days, chair_key, held, decisions in MEETINGS:
        if Meeting.objects.filter(title=title).exists():
            continue
        chair = _user(ctx, chair_key) or officer
        organiser = chair if kind == "department" else officer
        department = chair.department if kind == "department" else None
        starts = now.replace(hour=2, minute=0, second=0, microsecond=0) + datetime.timedelta(days=max(days, 1))
        meeting = services.meeting_create(
            user=organiser, type=kind, title=title, title_zh=title_zh, starts_at=starts, duration_minutes=90,
            area=areas.get("sh-7-meeting"), chair=chair, department=department,
        )  # fmt: skip
        if department is not None:
            services.meeting_invite(meeting=meeting, user=organiser, department=department)
        else:
            for key in ("manager", "deputy", "officer", "safety_head", "it_head", "head"):
                person = _user(ctx, key)
                if person is not None:
                    services.meeting_invite(meeting=meeting, user=organiser, person=person)
        services.agenda_item_add(
            meeting=meeting, user=organiser, title="上次会议以来的隐患与检查情况",
            presenter=officer, notes="上报隐患12项，已关闭9项，逾期2项。",
        )  # fmt: skip
        services.meeting_schedule(meeting=meeting, user=organiser)
        back_dated = {}
        for text, action_title, owner_key, due in decisions:
            owner = _user(ctx, owner_key) if owner_key else None
            decision = services.decision_add(
                meeting=meeting, user=organiser, text=text, action_title=action_title if owner else "",
                owner=owner, due_date=timezone.localdate() + datetime.timedelta(days=30) if owner else None,
            )  # fmt: skip
            if owner is not None:
                back_dated[decision.actions.get().pk] = timezone.localdate() + datetime.timedelta(days=due)
        if held:
            for invitation in meeting.invitations.select_related("person"):
                absent = invitation.person == _user(ctx, "it_head")
                services.invitation_record_attendance(
                    invitation=invitation, user=organiser, attendance="absent" if absent else "present",
                    absence_reason="休假" if absent else "",
                )  # fmt: skip
            services.meeting_hold(meeting=meeting, user=organiser,
                                  minutes=f"{title_zh}：听取汇报，形成以下决议并落实整改措施。")  # fmt: skip
        # Back-date what the services only accept in the future (see the module's docstring).
        if days < 0:
            Meeting.objects.filter(pk=meeting.pk).update(starts_at=now + datetime.timedelta(days=days))
        for pk, due in back_dated.items():
            Action.objects.filter(pk=pk).update(due_date=due)
        if days < -60:
            first = meeting.actions.order_by("id").first()
            if first is not None:
                services.action_done(action=first, user=first.owner, note="已更换，旧灭火器已退回供应商。")


def _statements(ctx, year, officer, manager):
    made = services.statements_issue(user=officer, year=year)
    if not made:
        return
    statements = list(
        Statement.objects.filter(year=year, status=Statement.Status.ISSUED)
        .exclude(person__username__in=["employee", "newhire"])
        .select_related("person", "department__head")
        .order_by("id")
    )
    # About two thirds sign; of those, heads' statements are countersigned by management and most
    # employees' by their head.
    for index, statement in enumerate(statements):
        if index % 3 == 2:
            continue
        person = statement.person
        services.statement_sign(statement=statement, user=person, typed_name=str(person), confirm_read=True)
        if statement.level == "head":
            signer = manager if person.pk != manager.pk else _user(ctx, "deputy")
            if signer is not None and signer.pk != person.pk:
                services.statement_countersign(statement=statement, user=signer, typed_name=str(signer))
        elif statement.department and statement.department.head and index % 2 == 0:
            head = statement.department.head
            if head.pk != person.pk:
                services.statement_countersign(statement=statement, user=head, typed_name=str(head))
    ctx.log(f"    statements {year}: {made} issued")
