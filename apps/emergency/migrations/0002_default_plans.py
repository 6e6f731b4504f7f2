"""Ship the default contingency plans (fire, earthquake, network-security incident) in English and 简体中文."""

import datetime

from django.db import migrations

PLANS = [
    {
        "code": "fire",
        "scenario": "fire",
        "name": "Fire emergency plan",
        "name_zh": "火灾应急预案",
        "purpose": "How everyone in our offices raises the alarm, evacuates and fights a fire in its first minutes.",
        "purpose_zh": "规定办公场所发生火灾时的报警、疏散及初期火灾扑救程序，适用于全体员工。",
        "steps": [
            ("everyone", "Whoever discovers the fire shouts a warning, presses the nearest alarm button and calls 119.",
             "发现火情者立即呼喊示警，按下最近的手动报警按钮，并拨打119报警。"),
            ("commander", "The commander takes charge at the assembly point and informs management and the safety officer.",
             "现场总指挥赶赴集合点统一指挥，并报告公司管理层及安全管理部门。"),
            ("fire_fighting", "If the fire is small and the way out is clear, fight it with the nearest extinguisher; never alone.",
             "火势较小且退路畅通时，使用就近灭火器进行初期扑救，不得单人行动。"),
            ("evacuation", "Evacuation wardens guide staff and visitors down the stairs to the assembly point; no lifts.",
             "疏散引导员引导员工及访客经楼梯撤离至集合点，严禁乘坐电梯。"),
            ("evacuation", "Wardens sweep their floor, close doors behind them and report the floor clear.",
             "疏散引导员清查本楼层，随手关门，并报告楼层已清空。"),
            ("first_aid", "First-aiders treat burns and smoke inhalation and call 120 when needed.",
             "急救员处置烧伤、烟雾吸入等伤员，必要时拨打120。"),
            ("communications", "Communications count heads against the attendance list and report missing persons to the fire brigade.",
             "通讯联络员根据考勤名单清点人数，并将失踪人员情况报告消防队。"),
            ("commander", "Nobody re-enters until the fire brigade declares the building safe; record the incident.",
             "在消防部门确认安全前任何人不得返回；事后登记事故报告。"),
        ],
    },
    {
        "code": "earthquake",
        "scenario": "earthquake",
        "name": "Earthquake emergency plan",
        "name_zh": "地震应急预案",
        "purpose": "How to protect ourselves during shaking and evacuate safely afterwards.",
        "purpose_zh": "规定地震发生时的就地避险及震后安全疏散程序。",
        "steps": [
            ("everyone", "During shaking: drop, cover under a sturdy desk and hold on; keep away from windows.",
             "震动时：就地蹲下，躲在坚固桌下并抓牢，远离窗户。"),
            ("everyone", "Do not run for the exits or use lifts while the building is shaking.",
             "震动期间不要奔跑、不要乘坐电梯。"),
            ("commander", "When the shaking stops, the commander orders evacuation by the stairs.",
             "震动停止后，由现场总指挥下达经楼梯疏散的指令。"),
            ("evacuation", "Wardens lead staff to the open assembly area, away from buildings and power lines.",
             "疏散引导员带领员工到开阔的集合区域，远离建筑物和电线。"),
            ("first_aid", "First-aiders treat the injured and call 120.",
             "急救员救治伤员并拨打120。"),
            ("communications", "Count heads and report anyone missing; follow official announcements on aftershocks.",
             "清点人数并报告失踪人员；关注官方余震通报。"),
            ("logistics", "Before re-entry, check the building for damage, gas leaks and electrical faults.",
             "返回前检查建筑损坏、燃气泄漏及电气故障情况。"),
        ],
    },
    {
        "code": "network-security",
        "scenario": "network",
        "name": "Network-security incident plan",
        "name_zh": "网络安全事件应急预案",
        "purpose": "How to contain, investigate and recover from a network or information-security incident.",
        "purpose_zh": "规定网络及信息安全事件的发现报告、遏制、调查和恢复程序。",
        "steps": [
            ("everyone", "Whoever notices unusual system behaviour or a suspected leak reports it to IT at once; do not switch the computer off.",
             "发现系统异常或疑似数据泄露者立即报告信息技术部，不要关闭计算机。"),
            ("it_response", "IT response assesses the scope and isolates affected machines and accounts from the network.",
             "IT应急人员评估影响范围，将受影响的设备和账号与网络隔离。"),
            ("it_response", "Preserve logs and evidence before any cleaning or restore.",
             "在清理或恢复之前保全日志和证据。"),
            ("commander", "The commander decides whether customers, the regulator or the police must be informed.",
             "总指挥决定是否需要通知客户、监管部门或公安机关。"),
            ("communications", "Communications handle internal and customer messages; no statements without approval.",
             "通讯联络员负责内部及客户沟通，未经批准不得对外发布信息。"),
            ("it_response", "Restore from clean backups, reset credentials and patch the weakness.",
             "从干净的备份恢复系统，重置凭证并修补漏洞。"),
            ("commander", "Record the incident, its root cause and the corrective actions.",
             "登记事件、根本原因及纠正措施。"),
        ],
    },
]
CODES = [p["code"] for p in PLANS]


def add_plans(apps, schema_editor):
    Plan = apps.get_model("emergency", "ContingencyPlan")
    Version = apps.get_model("emergency", "PlanVersion")
    Step = apps.get_model("emergency", "PlanStep")
    for data in PLANS:
        if Plan.objects.filter(code=data["code"]).exists():
            continue
        plan = Plan.objects.create(
            code=data["code"], scenario=data["scenario"], name=data["name"], name_zh=data["name_zh"]
        )
        version = Version.objects.create(
            plan=plan,
            number=1,
            status="approved",
            purpose=data["purpose"],
            purpose_zh=data["purpose_zh"],
            effective_date=datetime.date(2026, 1, 1),
            change_note="Shipped default",
        )
        Step.objects.bulk_create(
            Step(version=version, order=i, role=role, text=text, text_zh=text_zh)
            for i, (role, text, text_zh) in enumerate(data["steps"], start=1)
        )


def remove_plans(apps, schema_editor):
    """Remove the shipped plans again, except any that drills or incidents already refer to."""
    from django.db import transaction
    from django.db.models.deletion import ProtectedError

    Plan = apps.get_model("emergency", "ContingencyPlan")
    for plan in Plan.objects.filter(code__in=CODES):
        try:
            with transaction.atomic():
                plan.versions.all().delete()
                plan.delete()
        except ProtectedError:
            continue


class Migration(migrations.Migration):
    dependencies = [("emergency", "0001_initial")]
    operations = [migrations.RunPython(add_plans, remove_plans)]
