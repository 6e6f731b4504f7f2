"""The demo company: 安泰客服有限公司 (Antai Customer Service Co.), a call-centre business with offices in
Shanghai (Pudong) and Hefei.

Builds departments, posts, two sites with floors and areas, about 80 people with Chinese names and the
five demo logins (``manager``, ``officer``, ``head``, ``employee``, ``newhire``; password
``safety-first``). Everyone reads 简体中文 until they switch to English. Idempotent: every row is looked
up by its natural key (code, site + building + level, username, employee number) and saved only when
something differs, so a second run writes nothing — not even a history row.

Leaves in ``ctx.data`` for later seeders:

- ``company``: the company profile (name, address: the letterhead of every PDF);
- ``users``: the demo logins by username, plus ``deputy`` (a second manager), ``safety_head`` (head of
  Safety Management, a safety officer) and ``it_head``;
- ``departments``: ``{code: Department}`` (``gm``, ``safety``, ``cs-1``, ``cs-2``, ``qa``, ``training``,
  ``it``, ``admin``, ``hr``);
- ``heads``: ``{department code: User}``;
- ``posts``: ``{code: Post}``;
- ``sites``: ``{code: Site}``;
- ``areas``: every ``Area``, in a stable order; ``areas_by_code``: ``{code: Area}``;
- ``people``: every seeded person, in a stable order.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from apps.organization.hooks import fire_hire
from apps.organization.models import Area, CompanyProfile, Department, Floor, Post, Site, User

DEMO_PASSWORD = "safety-first"
EMAIL_DOMAIN = "antai-cs.example"
# The demo company is Chinese: its people read 简体中文 unless they switch to English (which is kept).
DEMO_LANGUAGE = "zh-hans"

# The letterhead of every document the demo prints (the company profile officers can edit).
COMPANY = {
    "name": "Antai Customer Service Co.",
    "name_zh": "安泰客服有限公司",
    "short_name": "Antai",
    "short_name_zh": "安泰客服",
    "address": "Antai Tower, 1888 Zhangjiang Road, Pudong New Area, Shanghai",
    "address_zh": "上海市浦东新区张江路 1888 号 安泰大厦",
    "phone": "021-5080 1888",
}

# code, English, Chinese
DEPARTMENTS = [
    ("gm", "General Management", "总经理办公室"),
    ("safety", "Safety Management", "安全管理部"),
    ("cs-1", "Customer Service Dept. 1", "客服一部"),
    ("cs-2", "Customer Service Dept. 2", "客服二部"),
    ("qa", "Quality Assurance", "质检部"),
    ("training", "Training", "培训部"),
    ("it", "Information Technology", "信息技术部"),
    ("admin", "Administration", "行政部"),
    ("hr", "Human Resources", "人力资源部"),
]

# code, English, Chinese, description
POSTS = [
    ("general-manager", "General manager", "总经理", "Leads the company; chairs the safety committee."),
    ("deputy-gm", "Deputy general manager", "副总经理", "Deputy of the general manager; safety in charge."),
    ("dept-manager", "Department manager", "部门经理", "Runs a department and answers for its safety."),
    ("safety-officer", "Safety officer", "安全员", "Runs inspections, hazard verification and training."),
    ("agent", "Customer-service agent", "客服专员", "Answers customer calls and chats at a workstation."),
    ("team-leader", "Team leader", "班组长", "Leads a shift team of agents on the call-centre floor."),
    ("qa-inspector", "Quality inspector", "质检员", "Reviews recorded calls against the service standard."),
    ("trainer", "Trainer", "培训师", "Delivers product, service and safety training."),
    ("it-engineer", "IT engineer", "IT 工程师", "Keeps the telephony, network and servers running."),
    ("admin-specialist", "Administration specialist", "行政专员", "Facilities, supplies, visitors and archives."),
    ("receptionist", "Receptionist", "前台接待", "Front desk: visitors, badges and deliveries."),
    ("hr-specialist", "HR specialist", "人事专员", "Hiring, contracts and employee records."),
]

# site code, English, Chinese, address
SITES = [
    ("sh-pudong", "Shanghai Pudong office", "上海浦东办公区", "上海市浦东新区张江路 1888 号 安泰大厦"),
    ("hefei", "Hefei contact centre", "合肥呼叫中心", "安徽省合肥市高新区望江西路 66 号 1 号楼"),
]

# site code, building, level, English, Chinese
FLOORS = [
    ("sh-pudong", "Antai Tower", -1, "Antai Tower B1", "安泰大厦地下一层"),
    ("sh-pudong", "Antai Tower", 1, "Antai Tower 1F", "安泰大厦一层"),
    ("sh-pudong", "Antai Tower", 5, "Antai Tower 5F", "安泰大厦五层"),
    ("sh-pudong", "Antai Tower", 6, "Antai Tower 6F", "安泰大厦六层"),
    ("sh-pudong", "Antai Tower", 7, "Antai Tower 7F", "安泰大厦七层"),
    ("hefei", "Building 1", 1, "Building 1, 1F", "1号楼一层"),
    ("hefei", "Building 1", 2, "Building 1, 2F", "1号楼二层"),
    ("hefei", "Building 1", 3, "Building 1, 3F", "1号楼三层"),
]

# area code, (site code, level), English, Chinese, responsible department code
AREAS = [
    ("sh-b1-server", ("sh-pudong", -1), "Server room", "机房", "it"),
    ("sh-b1-power", ("sh-pudong", -1), "Power distribution and UPS room", "配电及 UPS 室", "it"),
    ("sh-b1-store", ("sh-pudong", -1), "Emergency supplies store", "应急物资库", "safety"),
    ("sh-1-reception", ("sh-pudong", 1), "Reception and lobby", "前台及大堂", "admin"),
    ("sh-1-fire-exit", ("sh-pudong", 1), "Ground-floor fire exits", "一层消防通道", "safety"),
    ("sh-1-fire-control", ("sh-pudong", 1), "Fire control room", "消防控制室", "safety"),
    ("sh-5-floor-a", ("sh-pudong", 5), "Call-centre floor A", "呼叫中心坐席区 A", "cs-1"),
    ("sh-5-floor-b", ("sh-pudong", 5), "Call-centre floor B", "呼叫中心坐席区 B", "cs-1"),
    ("sh-5-pantry", ("sh-pudong", 5), "5F pantry", "五层茶水间", "admin"),
    ("sh-5-stairs", ("sh-pudong", 5), "5F stairwells", "五层楼梯间", "admin"),
    ("sh-6-qa", ("sh-pudong", 6), "Quality assurance room", "质检室", "qa"),
    ("sh-6-training", ("sh-pudong", 6), "Training classrooms", "培训教室", "training"),
    ("sh-6-it", ("sh-pudong", 6), "IT operations office", "IT 运维办公室", "it"),
    ("sh-6-pantry", ("sh-pudong", 6), "6F pantry", "六层茶水间", "admin"),
    ("sh-6-stairs", ("sh-pudong", 6), "6F stairwells", "六层楼梯间", "admin"),
    ("sh-7-gm", ("sh-pudong", 7), "General manager's office", "总经理办公室", "gm"),
    ("sh-7-meeting", ("sh-pudong", 7), "Meeting rooms", "会议室", "admin"),
    ("sh-7-hr", ("sh-pudong", 7), "HR office", "人力资源办公室", "hr"),
    ("sh-7-safety", ("sh-pudong", 7), "Safety management office", "安全管理部办公室", "safety"),
    ("sh-7-archive", ("sh-pudong", 7), "Archive room", "档案室", "admin"),
    ("sh-7-stairs", ("sh-pudong", 7), "7F stairwells and fire exits", "七层楼梯间及消防通道", "admin"),
    ("hf-1-reception", ("hefei", 1), "Reception", "前台", "admin"),
    ("hf-1-canteen", ("hefei", 1), "Staff canteen", "员工餐厅", "admin"),
    ("hf-1-fire-exit", ("hefei", 1), "Ground-floor fire exits", "一层消防通道", "safety"),
    ("hf-2-floor", ("hefei", 2), "Call-centre floor", "呼叫中心坐席区", "cs-2"),
    ("hf-2-rest", ("hefei", 2), "Agents' rest room", "坐席休息室", "cs-2"),
    ("hf-2-pantry", ("hefei", 2), "2F pantry", "二层茶水间", "admin"),
    ("hf-2-stairs", ("hefei", 2), "2F stairwells", "二层楼梯间", "admin"),
    ("hf-3-server", ("hefei", 3), "Telephony equipment room", "通信机房", "it"),
    ("hf-3-training", ("hefei", 3), "Training room", "培训室", "training"),
    ("hf-3-qa", ("hefei", 3), "Quality assurance desk", "质检工作区", "qa"),
]

# The demo logins: username, full name, department, post, role, heads the department?
DEMO_LOGINS = [
    ("manager", "周建国", "gm", "general-manager", User.Role.MANAGEMENT, True),
    ("officer", "刘强", "safety", "safety-officer", User.Role.SAFETY_OFFICER, False),
    ("head", "王芳", "cs-1", "dept-manager", User.Role.EMPLOYEE, True),
    ("employee", "李娜", "cs-1", "agent", User.Role.EMPLOYEE, False),
    ("newhire", "张晓雨", "cs-1", "agent", User.Role.EMPLOYEE, False),
]

# Everyone else, per department: (post, how many, role); the first person of a department without a
# demo-login head becomes its head.
STAFF = {
    "gm": [("deputy-gm", 1, User.Role.MANAGEMENT), ("admin-specialist", 1, User.Role.EMPLOYEE)],
    "safety": [("dept-manager", 1, User.Role.SAFETY_OFFICER), ("safety-officer", 1, User.Role.SAFETY_OFFICER)],
    "cs-1": [("team-leader", 3, User.Role.EMPLOYEE), ("agent", 17, User.Role.EMPLOYEE)],
    "cs-2": [("dept-manager", 1, User.Role.EMPLOYEE), ("team-leader", 3, User.Role.EMPLOYEE)]
    + [("agent", 17, User.Role.EMPLOYEE)],
    "qa": [("dept-manager", 1, User.Role.EMPLOYEE), ("qa-inspector", 6, User.Role.EMPLOYEE)],
    "training": [("dept-manager", 1, User.Role.EMPLOYEE), ("trainer", 4, User.Role.EMPLOYEE)],
    "it": [("dept-manager", 1, User.Role.EMPLOYEE), ("it-engineer", 6, User.Role.EMPLOYEE)],
    "admin": [("dept-manager", 1, User.Role.EMPLOYEE), ("admin-specialist", 3, User.Role.EMPLOYEE)]
    + [("receptionist", 2, User.Role.EMPLOYEE)],
    "hr": [("dept-manager", 1, User.Role.EMPLOYEE), ("hr-specialist", 4, User.Role.EMPLOYEE)],
}

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
    ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
    ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"),
    ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"),
    ("邓", "deng"), ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"), ("萧", "xiao"), ("田", "tian"), ("董", "dong"),
    ("潘", "pan"), ("袁", "yuan"), ("蔡", "cai"), ("蒋", "jiang"), ("余", "yu"),
]  # fmt: skip
GIVEN_NAMES = [
    ("伟", "wei"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("洋", "yang"),
    ("艳", "yan"), ("勇", "yong"), ("军", "jun"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
    ("超", "chao"), ("秀兰", "xiulan"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("桂英", "guiying"),
    ("丹", "dan"), ("萍", "ping"), ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"), ("婷", "ting"), ("浩然", "haoran"),
    ("子涵", "zihan"), ("欣怡", "xinyi"), ("梓萱", "zixuan"), ("雨轩", "yuxuan"), ("思远", "siyuan"),
    ("佳琪", "jiaqi"), ("晨曦", "chenxi"), ("文博", "wenbo"), ("海燕", "haiyan"), ("志强", "zhiqiang"),
    ("建华", "jianhua"), ("春梅", "chunmei"), ("晓峰", "xiaofeng"), ("宇航", "yuhang"), ("嘉怡", "jiayi"),
    ("俊杰", "junjie"), ("慧敏", "huimin"), ("国庆", "guoqing"), ("红梅", "hongmei"), ("凯", "kai"), ("琳", "lin"),
]  # fmt: skip

PHONE_PREFIXES = ["138", "139", "136", "137", "150", "151", "158", "186", "187", "189", "177", "199"]


@dataclass
class Person:
    username: str
    full_name: str
    department: str
    post: str
    role: str
    employee_number: str
    phone: str
    tenure_days: int  # hire date = the day the person is first created, minus this
    is_head: bool = False


def seed(ctx):
    company = _upsert(CompanyProfile, {"singleton": True}, **COMPANY)
    departments = {code: _upsert(Department, {"code": code}, name=en, name_zh=zh) for code, en, zh in DEPARTMENTS}
    posts = {code: _upsert(Post, {"code": code}, name=en, name_zh=zh, description=desc) for code, en, zh, desc in POSTS}
    sites = {code: _upsert(Site, {"code": code}, name=en, name_zh=zh, address=addr) for code, en, zh, addr in SITES}
    floors = {
        (site, level): _upsert(
            Floor, {"site_id": sites[site].pk, "building": building, "level": level}, name=en, name_zh=zh
        )
        for site, building, level, en, zh in FLOORS
    }
    areas = [
        _upsert(
            Area, {"code": code}, floor_id=floors[floor].pk, name=en, name_zh=zh, department_id=departments[dept].pk
        )
        for code, floor, en, zh, dept in AREAS
    ]

    roster = _roster(ctx.rng)
    demo_hash = make_password(DEMO_PASSWORD, salt="anquandemo")
    today = timezone.localdate()
    people, created_newhire = [], None
    for person in roster:
        user, created = _upsert_person(person, departments, posts, demo_hash, today)
        people.append(user)
        if created and person.username == "newhire":
            created_newhire = user
    by_username = {user.username: user for user in people}

    heads = {}
    for person in roster:
        if person.is_head:
            heads[person.department] = by_username[person.username]
            departments[person.department] = _upsert(
                Department, {"code": person.department}, head_id=heads[person.department].pk
            )

    if created_newhire is not None:
        # Through the organisation hook, as a real hire would be: training assigns the induction course.
        fire_hire(person=created_newhire, actor=None)

    users = {username: by_username[username] for username, *_ in DEMO_LOGINS}
    users["deputy"] = next(u for u in people if u.post_id == posts["deputy-gm"].pk)
    users["safety_head"] = heads["safety"]
    users["it_head"] = heads["it"]
    ctx.data.update(
        company=company,
        users=users,
        departments=departments,
        heads=heads,
        posts=posts,
        sites=sites,
        areas=areas,
        areas_by_code={area.code: area for area in areas},
        people=people,
    )
    ctx.log(
        f"  organisation: {len(departments)} departments, {len(sites)} sites, {len(areas)} areas, {len(people)} people"
    )


def _roster(rng) -> list[Person]:
    """Everyone in the demo company, the same list on every machine (the generator is seeded)."""
    taken_names = {full_name for _, full_name, *_ in DEMO_LOGINS}
    taken_usernames = {username for username, *_ in DEMO_LOGINS}
    roster = []

    def phone():
        return rng.choice(PHONE_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(8))

    def number():
        return f"AT{len(roster) + 1:04d}"

    for username, full_name, dept, post, role, is_head in DEMO_LOGINS:
        if username == "newhire":
            tenure = 0
        elif username == "manager":
            tenure = 365 * 12 + 40
        else:
            tenure = rng.randint(365 * 2, 365 * 9)
        roster.append(Person(username, full_name, dept, post, role, number(), phone(), tenure, is_head))

    headed = {dept for _, _, dept, _, _, is_head in DEMO_LOGINS if is_head}
    for dept, _en, _zh in DEPARTMENTS:
        for post, count, role in STAFF.get(dept, []):
            for _ in range(count):
                while True:
                    surname, surname_py = rng.choice(SURNAMES)
                    given, given_py = rng.choice(GIVEN_NAMES)
                    if surname + given not in taken_names:
                        break
                taken_names.add(surname + given)
                username, n = surname_py + given_py, 2
                while username in taken_usernames:
                    username, n = f"{surname_py}{given_py}{n}", n + 1
                taken_usernames.add(username)
                is_head = dept not in headed
                headed.add(dept)
                # Heads and team leaders have been here longer; agents turn over faster.
                senior = is_head or post in {"team-leader", "dept-manager", "deputy-gm"}
                low, high = (365 * 3, 365 * 11) if senior else (60, 365 * 8)
                tenure = rng.randint(low, high)
                roster.append(Person(username, surname + given, dept, post, role, number(), phone(), tenure, is_head))
    return roster


def _upsert_person(person, departments, posts, demo_hash, today):
    user = User.objects.filter(username=person.username).first()
    if user is None:
        user = User.objects.filter(employee_number=person.employee_number).first()
    fields = {
        "username": person.username,
        "full_name": person.full_name,
        "first_name": person.full_name[1:],
        "last_name": person.full_name[:1],
        "email": f"{person.username}@{EMAIL_DOMAIN}",
        "employee_number": person.employee_number,
        "department_id": departments[person.department].pk,
        "post_id": posts[person.post].pk,
        "role": person.role,
        "phone": person.phone,
        "is_active": True,
    }
    if user is None:
        user = User(
            **fields,
            hire_date=today - datetime.timedelta(days=person.tenure_days),
            password=demo_hash,
            language=DEMO_LANGUAGE,
        )
        user.save()
        return user, True
    changed = [name for name, value in fields.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    if not user.language:  # never chosen: Chinese; a person who chose English keeps it
        user.language = DEMO_LANGUAGE
        changed.append("language")
    is_demo_login = person.username in {username for username, *_ in DEMO_LOGINS}
    if is_demo_login and user.password != demo_hash and not user.check_password(DEMO_PASSWORD):
        # The demo logins must always work, whatever someone changed their password to.
        user.set_password(DEMO_PASSWORD)
        changed.append("password")
    if changed:
        user.save(update_fields=changed)
    return user, False


def _upsert(model, lookup, **values):
    """Get the row by its natural key or create it; save only the fields that differ (no empty history)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
    return obj
