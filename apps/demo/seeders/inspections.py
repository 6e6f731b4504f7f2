"""Demo inspections: this year's approved plan and its schedule, past inspections with results (a few
failed items raising hazards, a couple left overdue), the equipment register with some checks overdue,
appliance requests and visitors. Idempotent: rows are found by natural keys before anything is created.
"""

import datetime
import random

from django.utils import timezone

from apps.demo.clock import morning_of, retime, retime_messages, spread_steps, step_times
from apps.demo.seeders.hazards import message_step
from apps.inspections import services
from apps.inspections.models import (
    ApplianceRequest,
    ChecklistTemplate,
    Equipment,
    Inspection,
    InspectionPlan,
    Visit,
)
from apps.organization.models import Area, Department, Site, User

# template code, frequency, scope kind, scope code, inspector ("officer", "head", a department code's head,
# or "role:<InspectorRole>" for a line assigned to a role: resolved to the head, or claimed by any officer)
PLAN_LINES = [
    ("fire-safety", "monthly", "site", "sh-pudong", "officer"),
    ("fire-safety", "monthly", "site", "hefei", "officer"),
    ("fire-safety", "weekly", "area", "sh-5-floor-a", "head"),
    ("electrical-safety", "monthly", "department", "cs-1", "head"),
    ("electrical-safety", "quarterly", "site", "sh-pudong", "officer"),
    ("premises-personnel", "monthly", "department", "cs-1", "head"),
    ("premises-personnel", "quarterly", "site", "sh-pudong", "officer"),
    ("network-security", "quarterly", "department", "it", "it"),
    ("information-security", "quarterly", "department", "it", "role:department_head"),
    ("information-security", "quarterly", "department", "cs-1", "head"),
    ("rule-compliance", "quarterly", "department", "safety", "role:safety_officer"),
]
# Hefei's electrical and premises checks are deliberately missing: the coverage report shows the gap.

# asset tag, kind, area code, spot, serial, interval days, days until next check (negative = overdue),
# days until expiry (None = no expiry)
EQUIPMENT = [
    ("FE-SH5-01", "extinguisher", "sh-5-floor-a", "A3 立柱旁", "MFZ4-2291", 30, 12, 400),
    ("FE-SH5-02", "extinguisher", "sh-5-floor-b", "打印机旁", "MFZ4-2292", 30, -5, 380),
    ("FE-SH5-03", "extinguisher", "sh-5-pantry", "水槽柜下方", "MFZ4-2293", 30, 3, 20),
    ("FE-SH6-01", "extinguisher", "sh-6-it", "门口右侧", "MT3-0081", 30, 20, 300),
    ("FE-SHB1-01", "extinguisher", "sh-b1-server", "二氧化碳灭火器，机房入口", "MT5-1120", 30, -12, -3),
    ("FH-SH1-01", "hydrant", "sh-1-fire-exit", "东侧消火栓箱", "SG65-07", 90, 40, None),
    ("FH-SH5-01", "hydrant", "sh-5-stairs", "北楼梯消火栓箱", "SG65-21", 90, -2, None),
    ("EL-SH5-01", "emergency_light", "sh-5-stairs", "楼梯平台", "EL-5F-1", 30, 8, None),
    ("EX-SH7-01", "exit_sign", "sh-7-stairs", "防火门上方", "EX-7F-1", 90, 60, None),
    ("SD-SH7-01", "smoke_detector", "sh-7-archive", "天花板中央", "SD-7F-4", 180, 100, None),
    ("FA-SH5-01", "first_aid_kit", "sh-5-pantry", "墙柜内", "FA-5F", 30, -1, 45),
    ("EP-SHB1-01", "electrical_panel", "sh-b1-power", "总配电柜", "GGD-01", 30, 15, None),
    ("AED-SH1-01", "aed", "sh-1-reception", "前台后方", "AED-PL-77", 30, 5, 700),
    ("FE-HF2-01", "extinguisher", "hf-2-floor", "班组长工位旁", "MFZ4-3301", 30, 9, 500),
    ("FE-HF2-02", "extinguisher", "hf-2-pantry", "门口右侧", "MFZ4-3302", 30, -8, 500),
    ("FE-HF3-01", "extinguisher", "hf-3-server", "二氧化碳灭火器，机房入口", "MT5-3310", 30, 18, 365),
]


def _head_of(code):
    dept = Department.objects.filter(code=code).select_related("head").first()
    return dept.head if dept and dept.head else None


def seed(ctx):
    officer = User.objects.get(username="officer")
    manager = User.objects.get(username="manager")
    head = User.objects.get(username="head")
    employee = User.objects.get(username="employee")
    today = timezone.localdate()
    plan = _plan(ctx, officer, manager, head, today)
    _past_results(ctx, plan, officer, today)
    _equipment(officer, today)
    _appliances(officer, employee)
    _visitors(officer, employee, head, today)


def _plan(ctx, officer, manager, head, today):
    plan = InspectionPlan.objects.filter(year=today.year).first()
    if plan is None:
        plan = services.inspection_plan_create(user=officer, year=today.year, title=f"{today.year} 年度安全检查计划")
    if plan.status == InspectionPlan.Status.DRAFT and not plan.lines.exists():
        for code, frequency, kind, scope_code, who in PLAN_LINES:
            template = ChecklistTemplate.objects.filter(code=code, is_current=True).first()
            if template is None:
                continue
            scope = {
                "site": lambda c: {"site": Site.objects.get(code=c)},
                "area": lambda c: {"area": Area.objects.get(code=c)},
                "department": lambda c: {"department": Department.objects.get(code=c)},
            }[kind](scope_code)
            if who.startswith("role:"):
                who_kwargs = {"inspector_role": who.removeprefix("role:")}
            else:
                who_kwargs = {"inspector": {"officer": officer, "head": head}.get(who) or _head_of(who) or officer}
            services.plan_line_add(
                plan=plan, user=officer, template=template, frequency=frequency, **who_kwargs, **scope
            )
    if plan.status == InspectionPlan.Status.DRAFT:
        services.inspection_plan_approve(plan=plan, user=manager, comment="经第一季度安全生产委员会会议审议通过。")
        _plan_history(plan)
    # Today's inspection for the demo inspector (the plan's weekly one falls on Fridays).
    if not Inspection.objects.filter(inspector=head, due_date=today).exists():
        template = ChecklistTemplate.objects.get(code="fire-safety", is_current=True)
        services.inspection_create(
            user=officer, template=template, inspector=head, due_date=today, area=Area.objects.get(code="sh-5-floor-b")
        )
    return plan


def _plan_history(plan):
    """Drafted in the first days of January, approved at the first safety meeting a week later."""
    rng = random.Random(f"plan-{plan.year}")
    january = timezone.make_aware(datetime.datetime(plan.year, 1, 5, 9, rng.randrange(60)))
    start = min(january, timezone.now() - datetime.timedelta(days=2))
    lines = plan.lines.count()
    # created, one row per line added (minutes apart), approved a week later, schedule generated.
    times = step_times(start, [0.2] * lines + [24 * 7, 0.01], rng, count=lines + 3)
    retime(plan, times, stamps={"approved": "approved_at", "schedule generated": "generated_at"})
    Inspection.objects.filter(plan_line__plan=plan).update(created_at=times[-1])


def _on_its_due_date(inspection, rng):
    """Scheduled when the plan was approved; started and finished on its due date, in office hours."""
    started = morning_of((timezone.localdate() - inspection.due_date).days, rng)
    approved = inspection.plan_line.plan.approved_at if inspection.plan_line_id else None
    retime(
        inspection,
        [approved or started - datetime.timedelta(days=7), started, started + datetime.timedelta(minutes=40)],
        stamps={"started": "started_at", "finished": "finished_at"},
    )
    inspection.results.update(answered_at=started + datetime.timedelta(minutes=20))
    # A failed item raised a hazard when the inspection was signed off.
    for result in inspection.results.filter(hazard__isnull=False).select_related("hazard"):
        spread_steps(result.hazard, start=started + datetime.timedelta(minutes=41), gaps_hours=[1], rng=rng)
        retime_messages(result.hazard, message_step)


def _past_results(ctx, plan, officer, today):
    """Finish the plan's past inspections of the last four months, leaving the latest two of them overdue;
    older ones are finished too so the year looks lived in. About one in five has one failed item."""
    past = list(
        Inspection.objects.filter(plan_line__plan=plan, status=Inspection.Status.SCHEDULED, due_date__lt=today)
        .select_related("inspector")
        .order_by("due_date", "id")
    )
    leave_overdue = {i.pk for i in past[-2:]}
    if ctx.compact:  # the latest few results are enough to show finished, failed and overdue
        past = past[-8:]
    rng = ctx.rng
    for inspection in past:
        if inspection.pk in leave_overdue:
            continue
        # A role-assigned inspection (any safety officer) is claimed by whoever starts it: here the officer.
        inspector = inspection.inspector or officer
        inspection = services.inspection_start(inspection=inspection, user=inspector)
        results = list(inspection.results.select_related("item").order_by("pk"))
        failing = rng.randrange(len(results)) if results and rng.random() < 0.2 else None
        for n, result in enumerate(results):
            if n == failing:
                outcome, note = "fail", "巡查中发现，照片已交安全管理部存档。"
            elif rng.random() < 0.05:
                outcome, note = "na", "本次不适用。"
            else:
                outcome, note = "pass", ""
            services.inspection_result_save(result=result, user=inspector, outcome=outcome, note=note)
        services.inspection_finish(inspection=inspection, user=inspector, signature_name=str(inspector))
        _on_its_due_date(inspection, rng)


def _equipment(officer, today):
    for code, kind, area_code, spot, serial, interval, due_in, expires_in in EQUIPMENT:
        if Equipment.objects.filter(code=code).exists():
            continue
        area = Area.objects.filter(code=area_code).first()
        if area is None:
            continue
        equipment = services.equipment_create(
            user=officer,
            code=code,
            kind=kind,
            area=area,
            location_note=spot,
            serial_number=serial,
            check_interval_days=interval,
            next_check_due=today + datetime.timedelta(days=due_in),
            expires_on=None if expires_in is None else today + datetime.timedelta(days=expires_in),
        )
        rng = random.Random(code)
        spread_steps(equipment, start=morning_of(rng.randint(200, 400), rng), gaps_hours=[1], rng=rng)


def _appliances(officer, employee):
    if ApplianceRequest.objects.exists():
        return
    pantry = Area.objects.get(code="sh-5-pantry")
    floor = Area.objects.get(code="sh-5-floor-a")
    approved = services.appliance_request_create(
        user=employee, appliance="微波炉", power_watts=1200, area=pantry, purpose="午餐加热"
    )
    services.appliance_request_decide(
        appliance_request=approved, user=officer, approve=True, comment="使用独立插座，用后断电。"
    )
    rejected = services.appliance_request_create(
        user=employee, appliance="暖风机", power_watts=2000, area=floor, purpose="靠窗工位冬季较冷"
    )
    services.appliance_request_decide(
        appliance_request=rejected,
        user=officer,
        approve=False,
        comment="工位区禁止使用取暖电器；已请行政部处理窗户漏风。",
    )
    pending = services.appliance_request_create(
        user=employee,
        appliance="电热水壶",
        power_watts=1800,
        area=pantry,
        purpose="夜班用热水",
    )
    # Asked over the past weeks, each decided the next working day.
    for request, days_ago in ((approved, 40), (rejected, 18), (pending, 1)):
        rng = random.Random(f"appliance-{days_ago}")
        spread_steps(
            request, start=morning_of(days_ago, rng), gaps_hours=[20], rng=rng, stamps={"decided": "decided_at"}
        )
        retime_messages(request, lambda key: key.split(":")[-1])  # appliance:<id>:requested / :decided


def _visitors(officer, employee, head, today):
    reception = Area.objects.get(code="sh-1-reception")
    meeting = Area.objects.get(code="sh-7-meeting")
    yesterday = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(9)))
    past = [
        ("孙伟", "上海消防维保有限公司", head, "灭火器充装", meeting, "V-101", 0, 3),
        ("Anna Müller", "TelcoVendor GmbH", officer, "电话交换机维护", reception, "V-102", 1, 5),
        ("周敏", "区应急管理局", officer, "安全生产检查", meeting, "V-103", 2, 4),
    ]
    for name, org, host, purpose, area, badge, start_h, hours in past:
        if Visit.objects.filter(visitor_name=name, badge_number=badge).exists():
            continue
        signed_in = yesterday + datetime.timedelta(hours=start_h)
        Visit.objects.create(
            visitor_name=name,
            organisation=org,
            host=host,
            purpose=purpose,
            area=area,
            badge_number=badge,
            signed_in_at=signed_in,
            signed_out_at=signed_in + datetime.timedelta(hours=hours),
            registered_by=officer,
            signed_out_by=officer,
        )
    for name, org, host, purpose, badge in [
        ("陈浩", "客户：某银行信用卡中心", head, "服务质量回顾会议", "V-201"),
        ("李伟", "洁丽保洁服务有限公司", employee, "地毯清洗", "V-202"),
    ]:
        if Visit.objects.filter(visitor_name=name, signed_out_at__isnull=True).exists():
            continue
        if Visit.objects.filter(badge_number=badge, signed_out_at__isnull=True).exists():
            continue
        services.visit_register(
            user=officer,
            visitor_name=name,
            organisation=org,
            host=host,
            purpose=purpose,
            area=meeting,
            badge_number=badge,
        )
