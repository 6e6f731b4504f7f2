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
from apps.emergency.models import ContingencyPlan
from apps.incidents.models import CaseStudy, CorrectiveAction, HoursWorked, Incident, IncidentEvent, InvolvedPerson
from apps.incidents.services import case_study_publish
from apps.organization.models import Area, User

# type, weight, (English, Chinese) descriptions, injury (nature, body part) or None
KINDS = [
    (
        "near_miss",
        8,
        [
            ("A ceiling tile fell next to a workstation; nobody was hit.", "天花板吊顶板掉落在工位旁，无人受伤。"),
            (
                "A chair castor broke as an agent sat down; she caught the desk.",
                "坐下时椅子脚轮断裂，员工扶住桌子未摔倒。",
            ),
        ],
        None,
    ),
    (
        "injury",
        7,
        [
            ("Slipped on the wet pantry floor and fell.", "在茶水间湿滑地面滑倒。"),
            ("Tripped over a loose network cable between desks.", "被工位间松散的网线绊倒。"),
            ("Cut a finger on the paper cutter in the print room.", "在文印室被裁纸刀割伤手指。"),
            ("Strained the back lifting a box of printer paper.", "搬运打印纸箱时扭伤腰部。"),
        ],
        [("bruise", "knee"), ("sprain", "ankle"), ("cut", "finger"), ("strain", "lower back")],
    ),
    (
        "electrical",
        4,
        [
            ("A power strip under desk 6-21 overheated and smelled of burning.", "6-21工位下插线板过热并有焦味。"),
            ("Sparks from a kettle plug in the pantry; breaker tripped.", "茶水间水壶插头打火，空气开关跳闸。"),
        ],
        None,
    ),
    ("property", 3, [("Water leak from the air conditioner damaged two monitors.", "空调漏水损坏两台显示器。")], None),
    (
        "network",
        2,
        [("Phishing e-mail opened; the workstation was isolated.", "员工打开钓鱼邮件，工位电脑已隔离。")],
        None,
    ),
    (
        "data_leak",
        1,
        [("A customer list was sent to a wrong external address.", "一份客户名单被误发至外部邮箱。")],
        None,
    ),
    (
        "fire",
        1,
        [("Smoke from a waste-paper bin; put out with an extinguisher.", "废纸篓冒烟，已用灭火器扑灭。")],
        None,
    ),
]
DEPARTMENTS = ["cs-1", "cs-1", "cs-2", "cs-2", "qa", "it", "admin", "training"]
CAUSES = [
    ("Cleaning schedule did not include a wet-floor sign.", ["management", "environment"]),
    ("Cables were not routed through the desk trays after a move.", ["equipment", "management"]),
    ("The person was not trained for the task.", ["people", "management"]),
    ("Ageing equipment was not in the inspection plan.", ["equipment"]),
]
ACTIONS = [
    "Add wet-floor signs and a cleaning log to the pantry.",
    "Route all cables through desk trays; check monthly.",
    "Brief the team on manual handling in the next shift meeting.",
    "Add the equipment to the periodic electrical checklist.",
]


def _lookup(ctx):
    data = ctx.data
    users = data.get("users") or {
        u.username: u for u in User.objects.filter(username__in=["manager", "officer", "head", "employee", "newhire"])
    }
    people = data.get("people") or list(User.objects.filter(is_active=True).order_by("id"))
    areas = data.get("areas") or list(Area.objects.filter(is_active=True).select_related("department").order_by("id"))
    return users, people, areas


def _timeline(subject, actor, action, from_state, to_state, when):
    entry = TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
    )
    TimelineEntry.objects.filter(pk=entry.pk).update(created_at=when)


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
        occurred = now - datetime.timedelta(days=max(days_ago, 0), hours=rng.randint(1, 9))
        kind, _w, texts, injuries = rng.choice(weighted)
        text_en, text_zh = rng.choice(texts)
        dept_code = rng.choice(DEPARTMENTS)
        candidates = by_dept.get(dept_code) or people
        reporter = employee if n == 43 else rng.choice(candidates)
        area = rng.choice(areas) if areas else None
        cause, categories = rng.choice(CAUSES)
        chinese = rng.random() < 0.6
        recent_state = {42: "actions", 43: "investigating", 44: "reported", 45: "reported"}.get(n)
        number = f"INC-{timezone.localtime(occurred).year}-9{n:03d}"
        treatment = rng.choice(["first_aid", "first_aid", "medical", "medical", "hospital"])
        lost = rng.choice([0, 0, 0, 1, 2, 5, 12]) if treatment != "first_aid" else 0
        status = recent_state or "closed"
        if n == 45:
            kind, text_en, text_zh = "electrical", *KINDS[2][2][1]
        required = kind in ("data_leak", "fire") or lost >= 5 or n == 45
        if not required and status == "reported":
            required = None  # not decided yet
        incident = Incident.objects.create(
            number=number,
            status=status,
            type=kind,
            severity="serious" if lost >= 5 else rng.choice(["minor", "minor", "moderate"]),
            occurred_at=occurred,
            area=area,
            description=text_zh if chinese else text_en,
            immediate_actions="现场人员已处置并报告。" if chinese else "Made safe on the spot and reported.",
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
            lessons_learned="Check the place again after any change." if status == "closed" else "",
            closed_at=occurred + datetime.timedelta(days=25) if status == "closed" else None,
        )
        Incident.objects.filter(pk=incident.pk).update(created_at=occurred + datetime.timedelta(minutes=30))
        if injuries and kind == "injury":
            nature, part = rng.choice(injuries)
            InvolvedPerson.objects.create(
                incident=incident,
                person=reporter,
                role="injured",
                injury_nature=nature,
                body_part=part,
                treatment=treatment,
                lost_work_days=lost,
            )
        IncidentEvent.objects.create(incident=incident, happened_at=occurred, description=text_en)
        _timeline(incident, reporter, "reported", "", "reported", occurred)
        if status != "reported":
            _timeline(
                incident, officer, "investigate", "reported", "investigating", occurred + datetime.timedelta(days=1)
            )
        if status in ("closed", "actions"):
            CorrectiveAction.objects.create(
                incident=incident,
                description=ACTIONS[CAUSES.index((cause, categories))],
                owner=employee if status == "actions" else rng.choice(candidates),
                due_date=(today + datetime.timedelta(days=5))
                if status == "actions"
                else timezone.localtime(occurred).date() + datetime.timedelta(days=14),
                status="open" if status == "actions" else "closed",
                completed_at=None if status == "actions" else occurred + datetime.timedelta(days=12),
                evidence="" if status == "actions" else "Done; photos on file.",
                check_due=None
                if status == "actions"
                else timezone.localtime(occurred).date() + datetime.timedelta(days=20),
                checked_at=None if status == "actions" else occurred + datetime.timedelta(days=24),
                checked_by=None if status == "actions" else officer,
                check_note="" if status == "actions" else "No repeat since.",
            )
            _timeline(incident, officer, "action added", "", "", occurred + datetime.timedelta(days=2))
            _timeline(
                incident, officer, "start_actions", "investigating", "actions", occurred + datetime.timedelta(days=2)
            )
        if status == "closed":
            _timeline(incident, officer, "close", "actions", "closed", occurred + datetime.timedelta(days=25))
        made += 1

    published = 0
    for incident in Incident.objects.filter(status="closed", type__in=["injury", "electrical"]).order_by("occurred_at")[
        :2
    ]:
        if not CaseStudy.objects.filter(incident=incident).exists():
            case_study_publish(incident=incident, user=officer)
            published += 1
    ctx.log(f"    incidents: {made} new, {published} case studies; hours worked for 25 months")
