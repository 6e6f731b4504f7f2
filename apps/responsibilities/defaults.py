"""The default responsibility statement texts (安全责任书), written from R2.3 of the company's safety
regulation (安全规范制度 二、安全管理职责 (三) 各部门负责人职责 and (四) 员工职责). The safety officers
adapt them per year and, where a post needs more, per post. Placeholders: {name}, {department},
{post}, {year}, {duties}."""

from .models import StatementLevel

HEAD = {
    "title": "Safety responsibility statement {year}: department head",
    "title_zh": "{year}年度安全生产责任书（部门负责人）",
    "body": (
        "Safety responsibility statement for {year}\n\n"
        "To put into practice the principle of safety first, prevention first and comprehensive management, "
        "and the safety duties laid down in the company's safety regulation, the company's management and "
        "{name}, head of {department}, agree this statement.\n\n"
        "1. The duties of the head of {department}\n{duties}\n\n"
        "2. Assessment, rewards and accountability\n"
        "The department's safety work is part of the annual assessment. Outstanding safety work is recognised "
        "and rewarded; where safety work falls short, the department and the persons responsible are held "
        "accountable under the company's rules on rewards and penalties.\n\n"
        "3. Term\nThis statement applies from the day it is signed until 31 December {year}."
    ),
    "body_zh": (
        "{year}年度安全生产责任书\n\n"
        "为贯彻“安全第一、预防为主、综合治理”的方针，落实公司《安全规范制度》规定的安全管理职责，"
        "公司管理层与{department}负责人{name}签订本责任书。\n\n"
        "一、{department}负责人的安全职责\n{duties}\n\n"
        "二、考核与奖惩\n"
        "本部门的安全工作纳入年度考核。对安全工作表现突出的给予表彰和奖励；对安全工作不力的，"
        "依照公司奖惩制度对部门及相关责任人进行问责。\n\n"
        "三、有效期\n本责任书自签订之日起至{year}年12月31日止。"
    ),
    "duties": (
        "1) Manage the safety of the department and assign safety responsibility to every post and employee.\n"
        "2) Have the department's employees learn the safety rules; organise safety training and education "
        "to raise their safety awareness.\n"
        "3) Inspect the department's office areas regularly; find hazards in time and have them rectified.\n"
        "4) Work with the safety management department and report the department's safety situation and "
        "problems promptly."
    ),
    "duties_zh": (
        "1．负责本部门的安全管理工作，将安全责任落实到每个岗位和员工。\n"
        "2．组织本部门员工学习安全管理制度，开展安全培训和教育活动，提高员工安全意识。\n"
        "3．定期对本部门办公区域进行安全检查，及时发现并整改安全隐患。\n"
        "4．配合安全管理部门开展安全工作，及时报告本部门的安全情况和安全问题。"
    ),
}

EMPLOYEE = {
    "title": "Safety responsibility statement {year}: employee",
    "title_zh": "{year}年度安全生产责任书（员工）",
    "body": (
        "Safety responsibility statement for {year}\n\n"
        "The head of {department} and {name} ({post}) agree this statement, so that everyone takes part in "
        "safety and the safety duties of the company's safety regulation reach every post.\n\n"
        "1. The duties of {name}\n{duties}\n\n"
        "2. Assessment, rewards and accountability\n"
        "Safety performance is part of the annual assessment. Outstanding safety work is recognised and "
        "rewarded; breaches of the safety rules are dealt with under the company's rules on rewards and "
        "penalties.\n\n"
        "3. Term\nThis statement applies from the day it is signed until 31 December {year}."
    ),
    "body_zh": (
        "{year}年度安全生产责任书\n\n"
        "为贯彻“安全管理人人有责”的原则，将公司《安全规范制度》规定的安全职责落实到每个岗位，"
        "{department}负责人与本部门员工{name}（岗位：{post}）签订本责任书。\n\n"
        "一、{name}的安全职责\n{duties}\n\n"
        "二、考核与奖惩\n"
        "安全表现纳入年度考核。对安全工作表现突出的给予表彰和奖励；对违反安全管理制度的，"
        "依照公司奖惩制度处理。\n\n"
        "三、有效期\n本责任书自签订之日起至{year}年12月31日止。"
    ),
    "duties": (
        "1) Follow the company's safety rules; take the safety training and education offered and improve my "
        "own safety awareness and skills.\n"
        "2) Take part in the company's safety work; report hazards as soon as I find them and help rectify "
        "them.\n"
        "3) Look after the company's safety facilities and equipment; use and maintain office equipment "
        "correctly so that it runs safely.\n"
        "4) Follow the operating procedures strictly at work, so that no accident is caused by wrong "
        "operation."
    ),
    "duties_zh": (
        "1．遵守公司安全管理制度，自觉接受安全培训和教育，提高自身安全意识和安全技能。\n"
        "2．积极参与公司安全工作，发现安全隐患及时报告，配合公司进行整改。\n"
        "3．爱护公司安全设施和设备，正确使用和维护办公设备，确保设备安全运行。\n"
        "4．在工作中严格遵守操作规程，避免因操作不当引发安全事故。"
    ),
}

DEFAULTS = {StatementLevel.HEAD: HEAD, StatementLevel.EMPLOYEE: EMPLOYEE}
