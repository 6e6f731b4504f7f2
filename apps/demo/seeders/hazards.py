"""Demo hazards in every state of the closed loop, some overdue, walked through the real services so
each has its timeline and notifications. Idempotent: a hazard is looked up by its (Chinese) title.

Deadlines in the past cannot be set through the services (they refuse them), so the overdue ones are
back-dated after the walk — the one place the demo writes around a service, on purpose.
"""

import datetime

from django.utils import timezone

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
            services.hazard_reject(hazard=hazard, user=officer, reason="与 YH 茶水间插线板隐患重复 / duplicate report")
        elif to != "reported":
            _walk(hazard, to, area, grade, likelihood, severity, category, officer, employee, _user(ctx, "manager"))
        # Spread the reports over the past weeks; back-date the overdue ones' deadlines.
        updates = {"created_at": timezone.now() - datetime.timedelta(days=2 + 3 * index)}
        if overdue:
            updates["deadline"] = today - datetime.timedelta(days=overdue)
        Hazard.objects.filter(pk=hazard.pk).update(**updates)
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
    for step in STEPS[: STEPS.index(to) + 1]:
        if step == "assess":
            services.hazard_assess(
                hazard=hazard, user=officer, grade=grade, likelihood=likelihood, severity=severity,
                category=category, department=department, comment="现场确认 / confirmed on site",
            )  # fmt: skip
        elif step == "plan":
            five_fixes = {}
            if grade == "major":
                five_fixes = {
                    "funds": 12000,
                    "interim_safeguards": "设置警示隔离带，配电柜加防水罩 / cordon and cover the cabinet",
                    "contingency": "IT 值班人员每 2 小时巡检 / IT duty checks every 2 hours",
                }
            services.hazard_plan(
                hazard=hazard, user=officer, measures="按整改通知书落实整改 / fix as the notice says",
                responsible_person=responsible, department=department, **five_fixes,
            )  # fmt: skip
        elif step == "rectify":
            services.hazard_rectify(hazard=hazard, user=responsible, note="已整改完毕 / fixed")
        elif step == "sign_off":
            services.hazard_sign_off(hazard=hazard, user=signer, comment="复查合格 / checked")
        elif step == "verify":
            services.hazard_verify(hazard=hazard, user=officer, comment="现场验证通过 / verified")
