"""Two years of incidents for the demo: enough for the statistics page to draw a chart.

Old incidents are closed with investigation, actions checked effective and a couple of published case
studies; the last few weeks hold open ones in each state (one with an overdue external report, one with
an action owned by ``employee``). Hours worked are entered for every month. Idempotent: incidents are
keyed by number (INC-<year>-9<nnn>, a range real reports never reach in a demo), hours by month.
"""

import datetime
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.core.models import TimelineEntry
from apps.core.services import timeline_record
from apps.demo.clock import at, morning_of, office_hours
from apps.emergency.models import ContingencyPlan
from apps.incidents.models import (
    CaseStudy,
    CorrectiveAction,
    HoursWorked,
    Incident,
    IncidentEvent,
    InvolvedPerson,
)
from apps.incidents.services import case_study_publish
from apps.organization.models import Area, User

# type, weight, [(description, what was done at once, injury)]; an injury is (nature, body part,
# treatments it may need, most lost work days) and belongs to its description.
KINDS = [
    (
        "near_miss",
        8,
        [
            ("天花板吊顶板掉落在 5-12 工位旁，当时无人在座，未造成伤害。", "隔离该工位，通知物业检修吊顶。", None),
            ("员工坐下时椅子脚轮断裂，及时扶住桌子未摔倒。", "更换座椅，检查同批次座椅。", None),
        ],
    ),
    (
        "injury",
        7,
        [
            (
                "员工在茶水间湿滑地面滑倒，膝盖着地。",
                "现场人员扶起并冰敷，清理地面积水。",
                ("擦伤", "膝部", ["first_aid", "first_aid", "medical"], 2),
            ),
            (
                "员工被工位间松散的网线绊倒，扭伤脚踝。",
                "送医务室处理，收起过道线缆。",
                ("扭伤", "脚踝", ["medical", "medical", "hospital"], 12),
            ),
            (
                "员工在文印室使用裁纸刀时割伤手指。",
                "现场止血包扎，裁纸刀加装护手挡板。",
                ("割伤", "手指", ["first_aid", "medical"], 1),
            ),
            (
                "员工搬运整箱打印纸时扭伤腰部。",
                "停止搬运，送医检查。",
                ("拉伤", "腰部", ["medical", "hospital"], 5),
            ),
        ],
    ),
    (
        "electrical",
        4,
        [
            ("6-21 工位下插线板过热并有焦糊味。", "断电并更换插线板。", None),
            ("茶水间电水壶插头打火，空气开关跳闸。", "停用电水壶，请电工检查插座。", None),
        ],
    ),
    ("property", 3, [("空调冷凝水漏水，损坏两台显示器。", "断电移走设备，通知物业维修空调。", None)]),
    ("network", 2, [("员工点开钓鱼邮件附件，该工位电脑已断网隔离。", "断网隔离并重置账户密码。", None)]),
    ("data_leak", 1, [("一份客户名单被误发至外部邮箱。", "联系收件人删除邮件，并上报信息安全负责人。", None)]),
    ("fire", 1, [("废纸篓冒烟起火，已用灭火器扑灭。", "使用灭火器扑灭，开窗通风排烟。", None)]),
]
DEPARTMENTS = ["cs-1", "cs-1", "cs-2", "cs-2", "qa", "it", "admin", "training"]
# cause, categories, corrective action, lessons learned
CAUSES = [
    ("保洁排班未包含湿滑地面警示。", ["management", "environment"], "茶水间配备湿滑警示牌并建立保洁记录。"),
    ("工位调整后线缆未走线槽。", ["equipment", "management"], "所有线缆走桌面线槽，每月检查一次。"),
    ("员工未接受该作业的培训。", ["people", "management"], "在下次班前会上进行搬运作业安全培训。"),
    ("老化设备未列入检查计划。", ["equipment"], "将该设备纳入电气安全定期检查表。"),
]
LESSONS = "任何现场变动后都要重新检查一遍。"


def _lookup(ctx):
    data = ctx.data
    users = data.get("users") or {
        u.username: u for u in User.objects.filter(username__in=["manager", "officer", "head", "employee", "newhire"])
    }
    people = data.get("people") or list(User.objects.filter(is_active=True).order_by("id"))
    areas = data.get("areas") or list(Area.objects.filter(is_active=True).select_related("department").order_by("id"))
    return users, people, areas


def _timeline(subject, actor, action, from_state, to_state, when):
    """A step recorded as the services record it (the move's name), at ``when``."""
    at(
        timeline_record(subject=subject, actor=actor, action=action, from_state=from_state, to_state=to_state),
        when,
    )


def seed(ctx):
    users, people, areas = _lookup(ctx)
    officer, employee = users["officer"], users["employee"]
    rng = random.Random(6_2026)
    now = timezone.now()
    today = timezone.localdate()
    fire_plan = ContingencyPlan.objects.filter(code="fire").first()
    by_dept = {}
    for person in people:
        if person.department_id:
            by_dept.setdefault(person.department.code, []).append(person)

    first_month = today.replace(day=1) - relativedelta(months=24)
    month = first_month
    while month <= today.replace(day=1):
        HoursWorked.objects.get_or_create(
            month=month,
            defaults={"hours": Decimal(13_000 + rng.randrange(0, 2_000, 50)), "entered_by": officer},
        )
        month += relativedelta(months=1)

    weighted = [k for k in KINDS for _ in range(k[1])]
    made = 0
    for n in range(46):
        rng = random.Random(f"incident-{n}")  # one generator per incident: reruns skip rows, not draws
        if Incident.objects.filter(number__endswith=f"-9{n:03d}").exists():
            continue
        days_ago = rng.randint(30, 730) if n < 42 else [20, 9, 4, 1][n - 42]
        # Mostly in office hours, some on the evening shift.
        occurred = morning_of(max(days_ago, 0), rng) + datetime.timedelta(hours=rng.choice([0, 0, 1, 2, 4, 6]))
        occurred = min(occurred, now - datetime.timedelta(hours=2))
        kind, _w, texts = rng.choice(weighted)
        description, immediate, injury = rng.choice(texts)
        dept_code = rng.choice(DEPARTMENTS)
        candidates = by_dept.get(dept_code) or people
        reporter = employee if n == 43 else rng.choice(candidates)
        area = rng.choice(areas) if areas else None
        cause, categories, action_text = rng.choice(CAUSES)
        recent_state = {42: "actions", 43: "investigating", 44: "reported", 45: "reported"}.get(n)
        number = f"INC-{timezone.localtime(occurred).year}-9{n:03d}"
        status = recent_state or "closed"
        if n == 45:
            kind, (description, immediate, injury) = "electrical", KINDS[2][2][1]
        treatment, lost = "none", 0
        if injury is not None:
            _nature, _part, treatments, most_days = injury
            treatment = rng.choice(treatments)
            lost = 0 if treatment == "first_aid" else rng.randint(0, most_days)
        required = kind in ("data_leak", "fire") or lost >= 5 or n == 45
        if not required and status == "reported":
            required = None  # not decided yet
        closed = office_hours(occurred + datetime.timedelta(days=25), rng)
        incident = Incident.objects.create(
            number=number,
            status=status,
            type=kind,
            severity="serious" if lost >= 5 else rng.choice(["minor", "minor", "moderate"]),
            occurred_at=occurred,
            area=area,
            description=description,
            immediate_actions=immediate,
            reporter=reporter,
            department=reporter.department,
            lead=officer if status != "reported" else None,
            plan=fire_plan if kind == "fire" else None,
            plan_activated_by=officer if kind == "fire" else None,
            plan_activated_at=occurred + datetime.timedelta(minutes=10) if kind == "fire" else None,
            external_required=required,
            external_due_at=occurred + datetime.timedelta(hours=24) if required else None,
            external_authority="区应急管理局" if status == "closed" and required else "",
            external_reported_at=occurred + datetime.timedelta(hours=6) if status == "closed" and required else None,
            external_reference=f"YJ-{occurred:%Y%m}-{n:03d}" if status == "closed" and required else "",
            cause_method="categories" if status in ("closed", "actions") else "",
            cause_categories=categories if status in ("closed", "actions") else [],
            root_cause=cause if status in ("closed", "actions") else "",
            lessons_learned=LESSONS if status == "closed" else "",
            closed_at=closed if status == "closed" else None,
        )
        Incident.objects.filter(pk=incident.pk).update(created_at=occurred + datetime.timedelta(minutes=30))
        if injury is not None:
            nature, part, _treatments, _days = injury
            InvolvedPerson.objects.create(
                incident=incident,
                person=reporter,
                role="injured",
                injury_nature=nature,
                body_part=part,
                treatment=treatment,
                lost_work_days=lost,
            )
        IncidentEvent.objects.create(incident=incident, happened_at=occurred, description=description)
        _timeline(incident, reporter, "report", "", "reported", occurred + datetime.timedelta(minutes=30))
        if status != "reported":
            _timeline(
                incident, officer, "investigate", "reported", "investigating",
                office_hours(occurred + datetime.timedelta(days=1), rng),
            )  # fmt: skip
        if status in ("closed", "actions"):
            action = CorrectiveAction.objects.create(
                incident=incident,
                description=action_text,
                owner=employee if status == "actions" else rng.choice(candidates),
                due_date=(today + datetime.timedelta(days=5))
                if status == "actions"
                else timezone.localtime(occurred).date() + datetime.timedelta(days=14),
                status="open" if status == "actions" else "closed",
                completed_at=None if status == "actions" else occurred + datetime.timedelta(days=12),
                evidence="" if status == "actions" else "已完成，照片已存档。",
                check_due=None
                if status == "actions"
                else timezone.localtime(occurred).date() + datetime.timedelta(days=20),
                checked_at=None if status == "actions" else occurred + datetime.timedelta(days=24),
                checked_by=None if status == "actions" else officer,
                check_note="" if status == "actions" else "此后未再发生类似情况。",
            )
            planned = office_hours(occurred + datetime.timedelta(days=2), rng)
            _timeline(action, officer, "add", "", "open", planned)
            _timeline(
                incident, officer, "start_actions", "investigating", "actions",
                planned + datetime.timedelta(minutes=rng.randint(5, 40)),
            )  # fmt: skip
        if status == "closed":
            _timeline(
                incident, officer, "close", "actions", "closed",
                closed,
            )  # fmt: skip
        made += 1

    published = 0
    for incident in Incident.objects.filter(status="closed", type__in=["injury", "electrical"]).order_by("occurred_at")[
        :2
    ]:
        if not CaseStudy.objects.filter(incident=incident).exists():
            case_study_publish(incident=incident, user=officer)
            # Written up a week after the incident was closed.
            latest = TimelineEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(incident), object_id=incident.pk
            ).latest("id")
            at(latest, incident.closed_at + datetime.timedelta(days=7))
            CaseStudy.objects.filter(incident=incident).update(
                created_at=incident.closed_at + datetime.timedelta(days=7)
            )
            published += 1
    ctx.log(f"    incidents: {made} new, {published} case studies; hours worked for 25 months")
