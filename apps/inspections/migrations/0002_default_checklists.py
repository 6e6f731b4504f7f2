"""The default checklist templates of R7.2, one per clause group, in English and 简体中文.

Each item: (English, 中文, guidance, 指引, clause). Reversing removes exactly these version-1 rows
(and only when no inspection used them).
"""

from django.db import migrations

DEFAULTS = [
    {
        "code": "rule-compliance",
        "group": "rules",
        "name": "Safety rules compliance",
        "name_zh": "安全制度执行情况检查",
        "description": "Quarterly check that the safety management system is alive: responsibilities, records, training, meetings.",
        "sections": [
            ("Responsibilities and records", "责任与台账", [
                ("Safety responsibility statements signed for this year by every department head", "本年度各部门负责人已签订安全责任书", "Compare the list of heads with the signed statements on file.", "核对部门负责人名单与已签责任书。", "R2.1"),
                ("Department safety officer named and known to staff", "部门安全员已指定且员工知晓", "Ask two employees who their safety contact is.", "随机询问两名员工本部门安全员是谁。", "R2.2"),
                ("Inspection records of last quarter complete and signed", "上季度检查记录完整并已签字", "Every scheduled inspection of the quarter has a finished record.", "本季度计划检查均有已完成的记录。", "R7.1"),
                ("Hazards past their rectification deadline have been escalated", "超期未整改隐患已按规定上报", "Open the hazard list filtered on overdue; each has an escalation.", "查看超期隐患清单，逐条确认已升级上报。", "R7.3"),
            ]),
            ("Training and meetings", "培训与会议", [
                ("New hires completed induction safety training before starting work", "新员工上岗前已完成三级安全教育", "Check hire dates against training records.", "核对入职日期与培训记录。", "R6.1"),
                ("Annual refresher training attendance at least 95 %", "年度复训参训率不低于95%", "", "", "R6.2"),
                ("Safety meeting held this quarter with minutes", "本季度已召开安全会议并有会议纪要", "", "", "R2.1"),
                ("Emergency contact list posted and up to date", "应急联系人名单已张贴且为最新", "Phone numbers ring the right person.", "抽查电话号码确认有效。", "R5.1"),
            ]),
        ],
    },
    {
        "code": "fire-safety",
        "group": "fire",
        "name": "Fire safety inspection",
        "name_zh": "消防安全检查",
        "description": "Monthly walk-through of extinguishers, hydrants, exits, alarms and housekeeping (R3.1).",
        "sections": [
            ("Extinguishers and hydrants", "灭火器与消火栓", [
                ("Extinguisher pressure gauge needle in the green zone", "灭火器压力表指针在绿区", "Red or yellow zone = fail; note the asset tag.", "指针在红区或黄区判为不合格，记录编号。", "R3.1.1"),
                ("Extinguisher safety pin and tamper seal intact", "灭火器保险销及铅封完好", "", "", "R3.1.1"),
                ("Extinguisher within its service date; inspection tag signed this month", "灭火器在有效期内，检查卡本月已签", "", "", "R3.1.1"),
                ("Extinguisher mounted or placed at its marked spot, not blocked", "灭火器放置在指定位置，取用无遮挡", "", "", "R3.1.1"),
                ("Hydrant cabinet opens freely; hose, nozzle and valve complete and dry", "消火栓箱开启顺畅，水带、水枪、阀门齐全无渗漏", "", "", "R3.1.1"),
            ]),
            ("Escape routes", "疏散通道", [
                ("Fire exits unobstructed and unlocked from the inside", "安全出口畅通，从内侧可直接开启", "Nothing stored within 1 m of the door.", "门前1米内不得堆放物品。", "R3.1.2"),
                ("Fire doors close by themselves; not wedged open", "防火门能自行关闭，未被楔住常开", "", "", "R3.1.2"),
                ("Exit signs and emergency lights work (press the test button)", "疏散指示标志和应急照明工作正常（按测试按钮）", "", "", "R3.1.2"),
                ("Evacuation map posted with a 'you are here' mark", "疏散平面图已张贴并标明所在位置", "", "", "R3.1.2"),
            ]),
            ("Alarms and housekeeping", "报警与日常管理", [
                ("Smoke detectors not covered or painted over", "烟感探测器未被遮盖或涂刷", "", "", "R3.1"),
                ("No smoking observed; no cigarette ends in the area", "无吸烟现象，区域内无烟头", "", "", "R3.1.3"),
                ("Combustible waste and cardboard removed daily", "可燃垃圾和纸箱每日清理", "", "", "R3.1"),
                ("Fire alarm call point visible and not obstructed", "手动报警按钮醒目且无遮挡", "", "", "R3.1"),
            ]),
        ],
    },
    {
        "code": "electrical-safety",
        "group": "electrical",
        "name": "Electrical safety inspection",
        "name_zh": "用电安全检查",
        "description": "Monthly check of sockets, cables, panels and appliances (R3.2).",
        "sections": [
            ("Sockets and cables", "插座与线缆", [
                ("No daisy-chained power strips (a strip plugged into another strip)", "无插线板串接使用", "", "", "R3.2.1"),
                ("Power strips certified (CCC mark) and not overloaded", "插线板有3C认证且未超负荷", "", "", "R3.2.1"),
                ("No damaged cables, exposed conductors or taped repairs", "无破损电线、裸露导体或胶布缠绕修补", "", "", "R3.2.1"),
                ("Cables not run under carpets or across walkways", "电线未铺设在地毯下或横穿通道", "", "", "R3.2.1"),
            ]),
            ("Panels and equipment", "配电箱与设备", [
                ("Electrical panel closed, labelled and with 0.8 m clear in front", "配电箱关闭、标识清楚，箱前0.8米无遮挡", "", "", "R3.2.2"),
                ("Residual-current devices trip when the test button is pressed", "漏电保护器按试验按钮能正常跳闸", "Only a qualified electrician presses it.", "由持证电工操作。", "R3.2.2"),
                ("Server-room air conditioning and UPS show no alarms", "机房空调和UPS无告警", "", "", "R3.2.2"),
            ]),
            ("Appliances and end of day", "电器与下班断电", [
                ("Only approved high-power appliances in use (kettles, heaters, microwaves)", "仅使用经审批的大功率电器（电水壶、取暖器、微波炉）", "Compare with the approved list for this area.", "对照本区域已批准电器清单。", "R3.2.3"),
                ("No personal heaters or cookers under desks", "工位下无私用取暖器或炊具", "", "", "R3.2.3"),
                ("End-of-day power-off done: lights, monitors, appliances off after hours", "下班断电执行到位：灯光、显示器、电器已关闭", "Walk the area after the last shift.", "末班结束后巡查。", "R3.2.4"),
            ]),
        ],
    },
    {
        "code": "network-security",
        "group": "network",
        "name": "Network security check",
        "name_zh": "网络安全检查",
        "description": "Quarterly review of scans, firewall, patches and wireless (R3.3).",
        "sections": [
            ("Perimeter", "边界防护", [
                ("Vulnerability scan run this quarter; high findings tracked as hazards", "本季度已进行漏洞扫描，高危项已作为隐患跟踪", "", "", "R3.3.1"),
                ("Firewall rules reviewed; no 'any-any' allow rules", "防火墙策略已复核，无“任意到任意”放行规则", "", "", "R3.3.2"),
                ("Remote access only through VPN with two-factor sign-in", "远程访问仅通过VPN并启用双因素认证", "", "", "R3.3.2"),
                ("Firewall and VPN logs kept at least six months and reviewed monthly", "防火墙与VPN日志至少保存六个月并每月审查", "", "", "R3.3.2"),
            ]),
            ("Devices and patches", "终端与补丁", [
                ("Operating-system patches installed within 30 days of release", "操作系统补丁在发布30天内完成安装", "", "", "R3.3.3"),
                ("Antivirus running and updated on every sampled PC", "抽查电脑防病毒软件运行且已更新", "Sample five PCs.", "抽查五台电脑。", "R3.3.3"),
                ("Guest Wi-Fi separated from the office network", "访客无线网络与办公网络隔离", "", "", "R3.3.2"),
                ("Network cabinet locked; switch ports not in use disabled", "网络机柜已上锁，未用交换机端口已关闭", "", "", "R3.3.1"),
            ]),
        ],
    },
    {
        "code": "premises-personnel",
        "group": "premises",
        "name": "Premises and personnel safety",
        "name_zh": "办公场所与人员安全检查",
        "description": "Monthly walk-through of floors, stairs, doors, windows, signs and visitors (R3.4).",
        "sections": [
            ("Floors, stairs, doors and windows", "地面、楼梯、门窗", [
                ("Floors dry and free of trip hazards; wet-floor sign used while cleaning", "地面干燥无绊倒隐患，清洁时放置“小心地滑”标志", "", "", "R3.4.1"),
                ("Stair handrails firm; anti-slip strips intact", "楼梯扶手牢固，防滑条完好", "", "", "R3.4.1"),
                ("Windows close and lock; restrictors fitted on upper floors", "窗户能关闭上锁，高层窗户装有限位器", "", "", "R3.4.2"),
                ("Doors and access-control gates work; no tailgating observed", "门及门禁工作正常，无尾随进入现象", "", "", "R3.4.2"),
                ("Ceiling tiles, shelves and monitors secured against falling", "吊顶、货架、显示器固定牢靠，无坠落风险", "", "", "R3.4.1"),
            ]),
            ("Signs and first aid", "标识与急救", [
                ("Warning signs posted where needed (electrical room, wet floor, glass doors)", "必要位置张贴警示标志（配电间、湿滑地面、玻璃门）", "", "", "R3.4.3"),
                ("First-aid kit complete and within date", "急救箱物品齐全且在有效期内", "", "", "R3.4.3"),
                ("Workstations ergonomic: chair adjusted, screen at eye level, headset clean", "工位符合人体工学：座椅可调、屏幕与视线平齐、耳机清洁", "", "", "R3.4.1"),
            ]),
            ("Visitors", "访客管理", [
                ("Every visitor on site is in the visitor log with a badge", "在场访客均已登记并佩戴访客证", "Compare the 'on site now' page with people present.", "对照“当前在场”页面核对。", "R3.4.4"),
                ("Visitors stay in their allowed area or are accompanied", "访客在允许区域内活动或有人陪同", "", "", "R3.4.4"),
            ]),
        ],
    },
    {
        "code": "information-security",
        "group": "infosec",
        "name": "Information security check",
        "name_zh": "信息安全检查",
        "description": "Quarterly check of customer data, backups, devices, encryption, software and accounts (R4.1–R4.3).",
        "sections": [
            ("Customer data", "客户数据", [
                ("Customer data classified; access rights match the job (least privilege)", "客户数据已分级，访问权限与岗位匹配（最小权限）", "Sample three agents' rights in the CRM.", "抽查三名坐席的CRM权限。", "R4.1"),
                ("Leavers' accounts disabled on their last day", "离职人员账号在离职当日已停用", "", "", "R4.1"),
                ("Clean desk: no customer data on paper left on desks or printers", "清洁桌面：桌面和打印机上无遗留客户纸质资料", "", "", "R4.1"),
                ("Screens lock after 5 minutes idle", "屏幕闲置5分钟自动锁定", "", "", "R4.1"),
            ]),
            ("Backups and storage", "备份与存储", [
                ("Backups restored in a test this quarter, with a written result", "本季度已进行备份恢复测试并有书面结果", "", "", "R4.2"),
                ("Backup copies kept off-site or offline", "备份副本异地或离线保存", "", "", "R4.2"),
                ("USB storage blocked or only encrypted, registered devices used", "U盘等移动存储已禁用或仅使用登记的加密设备", "", "", "R4.2"),
                ("Laptops have full-disk encryption switched on", "笔记本电脑已启用全盘加密", "", "", "R4.2"),
            ]),
            ("Software and accounts", "软件与账号", [
                ("Only licensed software installed on sampled PCs", "抽查电脑仅安装正版软件", "", "", "R4.3"),
                ("No shared accounts; passwords meet the policy (length, no reuse)", "无共用账号，密码符合策略（长度、不重复使用）", "", "", "R4.3"),
                ("Administrator rights limited to IT staff", "管理员权限仅限IT人员", "", "", "R4.3"),
            ]),
        ],
    },
]


def create_defaults(apps, schema_editor):
    ChecklistTemplate = apps.get_model("inspections", "ChecklistTemplate")
    TemplateSection = apps.get_model("inspections", "TemplateSection")
    TemplateItem = apps.get_model("inspections", "TemplateItem")
    for data in DEFAULTS:
        if ChecklistTemplate.objects.filter(code=data["code"]).exists():
            continue
        template = ChecklistTemplate.objects.create(
            code=data["code"],
            version=1,
            group=data["group"],
            name=data["name"],
            name_zh=data["name_zh"],
            description=data["description"],
            is_current=True,
        )
        for s_pos, (name, name_zh, items) in enumerate(data["sections"], start=1):
            section = TemplateSection.objects.create(template=template, position=s_pos, name=name, name_zh=name_zh)
            for i_pos, (text, text_zh, guidance, guidance_zh, clause) in enumerate(items, start=1):
                TemplateItem.objects.create(
                    template=template,
                    section=section,
                    position=i_pos,
                    text=text,
                    text_zh=text_zh,
                    guidance=guidance,
                    guidance_zh=guidance_zh,
                    clause=clause,
                )


def remove_defaults(apps, schema_editor):
    ChecklistTemplate = apps.get_model("inspections", "ChecklistTemplate")
    Inspection = apps.get_model("inspections", "Inspection")
    PlanLine = apps.get_model("inspections", "PlanLine")
    for data in DEFAULTS:
        for template in ChecklistTemplate.objects.filter(code=data["code"], version=1):
            if Inspection.objects.filter(template=template).exists() or PlanLine.objects.filter(template=template).exists():
                continue
            template.items.all().delete()
            template.sections.all().delete()
            template.delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
