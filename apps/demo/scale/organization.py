"""Sites (N/2,500), four floors each, areas (N/40), departments (N/170), and N people: one head per
department, safety officers (N/925), management (N/5,000), everyone else employees. Usernames ``sc-000001``.
All share the demo password (one hash)."""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from apps.demo.seeders.organization import DEMO_LANGUAGE, DEMO_PASSWORD, GIVEN_NAMES, PHONE_PREFIXES, SURNAMES
from apps.organization.models import Area, Department, Floor, Post, Site, User

from . import contributor

PREFIX = "sc-"


def _load(ctx):
    """Fill ``ctx.data`` from the rows already in the database (a second run, or after building)."""
    people = list(
        User.objects.filter(username__startswith=PREFIX).order_by("username").values_list("id", "department_id", "role")
    )
    departments = list(Department.objects.filter(code__startswith=PREFIX).order_by("code").values_list("id", "head_id"))
    areas = list(
        Area.objects.filter(code__startswith=PREFIX)
        .order_by("code")
        .values_list("id", "floor__site_id", "department_id")
    )
    ctx.data.update(
        people=[p[0] for p in people],
        person_department={p[0]: p[1] for p in people},
        officers=[p[0] for p in people if p[2] == User.Role.SAFETY_OFFICER],
        management=[p[0] for p in people if p[2] == User.Role.MANAGEMENT],
        departments=[d[0] for d in departments],
        heads={d[0]: d[1] for d in departments},
        areas=areas,
        sites=list(Site.objects.filter(code__startswith=PREFIX).order_by("code").values_list("id", flat=True)),
    )
    by_department = {}
    for person, department in ctx.data["person_department"].items():
        by_department.setdefault(department, []).append(person)
    ctx.data["members"] = by_department
    areas_by_department = {}
    for area, _site, department in areas:
        areas_by_department.setdefault(department, []).append(area)
    ctx.data["areas_by_department"] = areas_by_department


@contributor("organization")
def build(ctx):
    existing = User.objects.filter(username__startswith=PREFIX).count()
    if existing:
        if existing != ctx.n:
            raise CommandError(
                f"This database already holds a scale company of {existing:,} employees; "
                f"seed {ctx.n:,} into a fresh database."
            )
        _load(ctx)
        return False
    rng = ctx.rng
    n_sites, n_departments = ctx.scaled(20, 2), ctx.scaled(294, 2)
    n_areas = ctx.scaled(1231, 4)
    n_officers, n_management = ctx.scaled(54, 2), ctx.scaled(10, 1)

    site_id = ctx.next_id(Site)
    ctx.insert(
        Site,
        (
            {
                "id": site_id + i,
                "code": f"{PREFIX}site-{i + 1:03d}",
                "name": f"Contact centre {i + 1}",
                "name_zh": f"呼叫中心 {i + 1}",
                "address": f"{i + 1} Service Road",
            }
            for i in range(n_sites)
        ),
    )
    floor_id = ctx.next_id(Floor)
    floors = [(floor_id + i * 4 + level - 1, site_id + i) for i in range(n_sites) for level in range(1, 5)]
    ctx.insert(
        Floor,
        (
            {
                "id": fid,
                "site_id": sid,
                "building": "Main building",
                "level": (fid - floor_id) % 4 + 1,
                "name": f"Floor {(fid - floor_id) % 4 + 1}",
                "name_zh": f"{(fid - floor_id) % 4 + 1} 层",
            }
            for fid, sid in floors
        ),
    )
    department_id = ctx.next_id(Department)
    ctx.insert(
        Department,
        (
            {
                "id": department_id + i,
                "code": f"{PREFIX}dept-{i + 1:04d}",
                "name": f"Service Dept. {i + 1}",
                "name_zh": f"客服{i + 1}部",
            }
            for i in range(n_departments)
        ),
    )
    # Areas: spread over the floors; each department answers for the areas of "its" floors.
    area_id = ctx.next_id(Area)
    kinds = [
        ("Call-centre floor", "坐席区"),
        ("Pantry", "茶水间"),
        ("Stairwell", "楼梯间"),
        ("Meeting room", "会议室"),
        ("Server room", "机房"),
        ("Fire exit", "消防通道"),
    ]
    area_rows = []
    for i in range(n_areas):
        fid, _sid = floors[i % len(floors)]
        en, zh = kinds[i % len(kinds)]
        area_rows.append(
            {
                "id": area_id + i,
                "floor_id": fid,
                "code": f"{PREFIX}area-{i + 1:05d}",
                "name": f"{en} {i + 1}",
                "name_zh": f"{zh} {i + 1}",
                "department_id": department_id + i % n_departments,
            }
        )
    ctx.insert(Area, area_rows)

    posts = dict(Post.objects.values_list("code", "id"))
    staff_posts = [posts.get(code) for code in ("agent", "agent", "agent", "team-leader", "qa-inspector", "trainer")]
    password = make_password(DEMO_PASSWORD)
    user_id = ctx.next_id(User)
    joined = ctx.now - datetime.timedelta(days=365 * 3)

    def people():
        for i in range(ctx.n):
            if i < n_departments:
                role, post, department = User.Role.EMPLOYEE, posts.get("dept-manager"), i
            elif i < n_departments + n_officers:
                role, post, department = User.Role.SAFETY_OFFICER, posts.get("safety-officer"), i % n_departments
            elif i < n_departments + n_officers + n_management:
                role, post, department = User.Role.MANAGEMENT, posts.get("deputy-gm"), i % n_departments
            else:
                role, post, department = User.Role.EMPLOYEE, staff_posts[i % len(staff_posts)], i % n_departments
            surname, surname_py = SURNAMES[rng.randrange(len(SURNAMES))]
            given, given_py = GIVEN_NAMES[rng.randrange(len(GIVEN_NAMES))]
            yield {
                "id": user_id + i,
                "password": password,
                "username": f"{PREFIX}{i + 1:06d}",
                "full_name": f"{surname}{given}",
                "first_name": given_py.title(),
                "last_name": surname_py.title(),
                "email": f"{given_py}.{surname_py}.{i + 1}@scale.example",
                "employee_number": f"SC{i + 1:06d}",
                "department_id": department_id + department,
                "post_id": post,
                "hire_date": ctx.today - datetime.timedelta(days=rng.randrange(30, 3650)),
                "phone": f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**8):08d}",
                "role": role,
                "language": DEMO_LANGUAGE,
                "date_joined": joined,
                "is_active": True,
            }

    ctx.insert(User, people())
    # Department heads: the first person of each department.
    heads = [Department(pk=department_id + i, head_id=user_id + i) for i in range(n_departments)]
    Department.objects.bulk_update(heads, ["head_id"], batch_size=1000)
    _load(ctx)
    return True
