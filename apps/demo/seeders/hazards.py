"""Demo hazards in every state of the closed loop, some overdue, walked through the real services so
each has its timeline and notifications. Idempotent: a hazard is looked up by its (Chinese) title.

Deadlines in the past cannot be set through the services (they refuse them), so the overdue ones are
back-dated after the walk, and the steps are spread over the days since the report
(:func:`apps.demo.clock.spread_steps`) — the places the demo writes around a service, on purpose.
"""

import datetime
import random

from django.utils import timezone

from apps.demo.clock import morning_of, retime_messages, spread_steps
from apps.hazards import services
from apps.hazards.models import Hazard
from apps.organization.models import Area, User

# (title, description, area code, category, reporter, walk to, grade, likelihood, severity, overdue days)
HAZARDS = [
    ("五层茶水间插线板过载", "微波炉、电水壶和咖啡机共用一个插线板，插线板发热。", "sh-5-pantry", "electrical",
     "employee", "reported", None, 0, 0, 0),
    ("坐席区 A 地面线缆裸露", "3 排工位下网线和电源线散落在过道上，有绊倒风险。", "sh-5-floor-a", "premises",
     "employee", "reported", None, 0, 0, 0),
    ("安全出口被纸箱堵塞", "五层东侧安全出口门前堆放了约 20 个纸箱。", "sh-5-stairs", "fire",
     "newhire", "assess", "general", 4, 4, 0),
    ("灭火器压力不足", "坐席区 B 2 号灭火器压力表指针在红区。", "sh-5-floor-b", "fire",
     "employee", "plan", "general", 3, 4, 0),
    ("机房空调漏水", "机房 2 号精密空调下方有积水，靠近配电柜。", "sh-b1-server", "electrical",
     "officer", "plan", "major", 4, 5, 0),
    ("坐席区 B 应急照明灯不亮", "每月测试时 3 盏应急灯不亮。", "sh-5-floor-b", "fire",
     "head", "plan", "general", 3, 3, 6),
    ("客户资料打印件未及时粉碎", "打印机旁留有含客户手机号的打印件过夜。", "sh-5-floor-a", "infosec",
     "employee", "plan", "general", 3, 3, 12),
    ("会议室电源插座松动", "7 号会议室墙面插座松动，插头接触不良打火。", "sh-5-floor-a", "electrical",
     "employee", "rectify", "general", 2, 4, 0),
    ("楼梯间照明不足", "五层楼梯间两处灯管损坏。", "sh-5-stairs", "premises",
     "newhire", "sign_off", "general", 2, 2, 0),
    ("防火门闭门器损坏", "一层消防通道防火门无法自动关闭。", "sh-1-fire-exit", "fire",
     "officer", "verify", "general", 3, 4, 0),
    ("弱密码账户", "质检系统发现 5 个坐席账户仍使用初始密码。", "sh-5-floor-a", "infosec",
     "officer", "verify", "general", 3, 3, 0),
    ("重复上报：茶水间插线板", "与已上报隐患重复。", "sh-5-pantry", "electrical",
     "newhire", "reject", None, 0, 0, 0),
]  # fmt: skip

STEPS = ["assess", "plan", "rectify", "sign_off", "verify"]

# What the people involved wrote at each step, per hazard: (measures, what was done).
WORK = {
    "安全出口被纸箱堵塞": ("清空出口前纸箱，纸箱移至库房；出口前 1 米内划黄线禁放。", ""),
    "灭火器压力不足": ("联系消防维保单位更换 2 号灭火器，并检查同区其他灭火器压力。", ""),
    "机房空调漏水": ("更换 2 号精密空调冷凝水管并加装漏水报警；配电柜加装防水罩。", ""),
    "坐席区 B 应急照明灯不亮": ("更换 3 盏应急灯电池，纳入每月应急照明测试记录。", ""),
    "客户资料打印件未及时粉碎": ("打印机旁放置带锁文件回收箱，班组长每日下班前检查。", ""),
    "会议室电源插座松动": ("请物业电工更换 7 号会议室墙面插座。", "物业电工已更换插座并测试，接触良好。"),
    "楼梯间照明不足": ("更换五层楼梯间损坏灯管，并检查声控开关。", "已更换 2 根灯管，声控开关正常。"),
    "防火门闭门器损坏": ("更换一层消防通道防火门闭门器。", "闭门器已更换，防火门可自动关闭。"),
    "弱密码账户": ("重置 5 个账户密码并启用首次登录强制改密。", "已重置密码，系统已启用强制改密策略。"),
}
# The step that sent each kind of message (hazard:<id>:<kind>:…), to date the messages with their step.
MESSAGE_STEP = {
    "reported": "report",
    "assessed": "assess",
    "rejected": "reject",
    "plan": "plan",
    "major-plan": "plan",
    "rectified": "rectify",
    "signed-off": "sign_off",
    "returned": "return",
    "closed": "verify",
    "reopened": "reopen",
}


def message_step(key: str) -> str | None:
    parts = key.split(":")
    return MESSAGE_STEP.get(parts[2]) if len(parts) > 2 else None


# Hours between one step and the next: assessed the same day, planned next day, fixed within days, …
STEP_GAPS = [3, 20, 60, 20, 24]
MAJOR_FIXES = {
    "funds": 12000,
    "interim_safeguards": "设置警示隔离带，配电柜加装临时防水罩。",
    "contingency": "IT 值班人员每 2 小时巡检一次，发现积水立即断电并报告。",
}


def _user(ctx, username):
    return (ctx.data.get("users") or {}).get(username) or User.objects.get(username=username)


def _area(code):
    return Area.objects.filter(code=code).select_related("department").first() or Area.objects.order_by("id").first()


def seed(ctx):
    officer, employee = _user(ctx, "officer"), _user(ctx, "employee")
    today = timezone.localdate()
    made = 0
    for index, (
        title,
        description,
        area_code,
        category,
        reporter,
        to,
        grade,
        likelihood,
        severity,
        overdue,
    ) in enumerate(HAZARDS):
        if Hazard.objects.filter(title=title).exists():
            continue
        area = _area(area_code)
        hazard = services.hazard_raise(
            title=title,
            description=description,
            reporter=_user(ctx, reporter),
            area=area,
            category=category,
            is_anonymous=index == 1,
        )
        if to == "reject":
            services.hazard_reject(hazard=hazard, user=officer, reason="与五层茶水间插线板过载隐患重复，已合并处理。")
        elif to != "reported":
            _walk(hazard, to, area, grade, likelihood, severity, category, officer, employee, _user(ctx, "manager"))
        # Reported over the past weeks, each step some hours or days after the one before.
        rng = random.Random(f"hazard-{index}")
        spread_steps(hazard, start=morning_of(2 + 3 * index, rng), gaps_hours=STEP_GAPS, rng=rng)
        retime_messages(hazard, message_step)
        if overdue:
            Hazard.objects.filter(pk=hazard.pk).update(deadline=today - datetime.timedelta(days=overdue))
        made += 1
    ctx.data["hazards"] = list(Hazard.objects.order_by("id"))
    ctx.log(f"    hazards: {made} new, {Hazard.objects.count()} in all")


def _walk(hazard, to, area, grade, likelihood, severity, category, officer, employee, manager):
    """Assess and plan as the safety officer; the area's department rectifies and its head signs off —
    or management, when the head rectified it themselves (whoever did the work does not approve it)."""
    department = (area.department if area is not None else None) or employee.department
    responsible = employee if department == employee.department else (department.head or officer)
    signer = department.head or officer
    if signer == responsible:
        signer = manager
    measures, done = WORK.get(hazard.title, ("按整改通知书落实整改措施。", ""))
    for step in STEPS[: STEPS.index(to) + 1]:
        if step == "assess":
            services.hazard_assess(
                hazard=hazard, user=officer, grade=grade, likelihood=likelihood, severity=severity,
                category=category, department=department, comment="已到现场确认，情况属实。",
            )  # fmt: skip
        elif step == "plan":
            services.hazard_plan(
                hazard=hazard, user=officer, measures=measures, responsible_person=responsible,
                department=department, **(MAJOR_FIXES if grade == "major" else {}),
            )  # fmt: skip
        elif step == "rectify":
            services.hazard_rectify(hazard=hazard, user=responsible, note=done or "已按整改措施完成整改。")
        elif step == "sign_off":
            services.hazard_sign_off(hazard=hazard, user=signer, comment="已复查，整改合格。")
        elif step == "verify":
            services.hazard_verify(hazard=hazard, user=officer, comment="现场验证通过，隐患关闭。")
