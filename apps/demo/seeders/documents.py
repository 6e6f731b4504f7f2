"""Controlled documents, an acknowledgement campaign and the regulation's mappings (R2.2.1, R2.2.6).

- AQ-GL-001 the fire-safety rules: version 1 superseded, version 2 in force (both readable);
- AQ-CZ-002 the electrical operating instruction: in force but past its review date (flagged);
- AQ-BD-003 the visitor registration form: an uploaded Excel file;
- AQ-GL-004 the information-security rules: a draft waiting for management's approval;
- a campaign asking 客服一部 (``head``'s department, ``employee`` included) to acknowledge AQ-GL-001 v2,
  about half done, due in ten days; ``employee`` has not acknowledged yet.
- every course is linked to the clauses its description cites (the regulation map).

Everything goes through the documents services (author ``officer``, approver ``manager``). Idempotent:
documents are keyed by number, the campaign by its version.
"""

import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.documents import services
from apps.documents.models import Campaign, Document, DocumentVersion
from apps.organization.models import Department, User
from apps.regulation.models import Clause
from apps.regulation.services import shipped_edition_ensure

S = DocumentVersion.Status
REF = re.compile(r"R[1-9](?:\.[0-9]+){0,3}")

FIRE_V1 = """# Fire-safety rules

1. Keep every fire exit and corridor clear (R3.1.2).
2. No smoking anywhere in the offices (R3.1.3).
3. Know where the nearest extinguisher is and how to use it (R3.1.1).
"""
FIRE_V1_ZH = """# 消防安全管理制度

1. 保持所有安全出口和走道畅通（R3.1.2）。
2. 办公区域内严禁吸烟（R3.1.3）。
3. 熟悉最近的灭火器位置及使用方法（R3.1.1）。
"""
FIRE_V2 = (
    FIRE_V1
    + """4. Take part in the fire drill twice a year (R3.1.4, R5.1.2).
5. Report a blocked exit as a hazard at once, from the QR poster of the area (R2.4.2).

| What | Who | When |
|---|---|---|
| Check extinguishers | Safety officer | monthly |
| Fire drill | Everyone | every six months |
"""
)
FIRE_V2_ZH = """# 消防安全管理制度

1. 保持所有安全出口和走道畅通（R3.1.2）。
2. 办公区域内严禁吸烟（R3.1.3）。
3. 熟悉最近的灭火器位置及使用方法（R3.1.1）。
4. 每半年参加一次消防演练（R3.1.4、R5.1.2）。
5. 发现安全出口堵塞，立即通过区域二维码上报隐患（R2.4.2）。

| 内容 | 负责人 | 频次 |
|---|---|---|
| 检查灭火器 | 安全员 | 每月 |
| 消防演练 | 全体员工 | 每半年 |
"""
ELECTRICAL = """# Electrical operating instruction

- Only qualified electricians open electrical panels (R3.2.1).
- High-power appliances need the safety officer's approval first (R3.2.3).
- Switch off monitors, heaters and chargers when you leave (R3.2.4).
"""
ELECTRICAL_ZH = """# 电气安全操作规程

- 只有持证电工才能打开配电箱（R3.2.1）。
- 使用大功率电器须事先经安全员批准（R3.2.3）。
- 下班离开时关闭显示器、取暖器和充电器（R3.2.4）。
"""
INFOSEC = """# Information-security rules

- Customer data is classified and access follows the classification (R4.1.2).
- Never share your account or password (R3.3.3).
"""
INFOSEC_ZH = """# 信息安全管理制度

- 客户数据分级管理，按级别授权访问（R4.1.2）。
- 不得与他人共用账号或密码（R3.3.3）。
"""


def _user(ctx, username):
    return (ctx.data.get("users") or {}).get(username) or User.objects.filter(username=username).first()


def _clauses(*refs):
    return list(Clause.objects.filter(ref__in=refs))


def _visitor_form() -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "来访登记"
    sheet.append(
        ["日期 Date", "姓名 Name", "单位 Organisation", "接待人 Host", "事由 Purpose", "区域 Area", "胸卡 Badge"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("visitor-form.xlsx", buffer.getvalue())


def _approve(version, *, officer, manager, effective, review=None, body="", body_zh="", upload=None):
    services.version_update(
        user=officer, version=version, body_kind="file" if upload else "text", body=body, body_zh=body_zh,
        effective_date=effective, review_date=review, upload=upload, change_note="",
    )  # fmt: skip
    services.version_submit(documentversion=version, user=officer)
    return services.version_approve(documentversion=version, user=manager)


def _document(number, **kwargs):
    existing = Document.objects.filter(number=number).first()
    if existing is not None:
        return existing, False
    return services.document_create(number=number, **kwargs), True


def seed(ctx):
    officer, manager, employee = _user(ctx, "officer"), _user(ctx, "manager"), _user(ctx, "employee")
    if not (officer and manager):
        ctx.log("    documents: organisation data missing, skipped")
        return
    shipped_edition_ensure()
    today = timezone.localdate()
    safety = officer.department

    fire, created = _document(
        "AQ-GL-001", user=officer, title="Fire-safety rules", title_zh="消防安全管理制度", category="rule",
        owner_department=safety, clauses=_clauses("R3.1", "R3.1.1", "R3.1.2", "R3.1.3", "R3.1.4"),
    )  # fmt: skip
    if created:
        v1 = fire.versions.get()
        _approve(
            v1,
            officer=officer,
            manager=manager,
            effective=today - datetime.timedelta(days=400),
            body=FIRE_V1,
            body_zh=FIRE_V1_ZH,
        )
        v2 = services.version_draft_next(user=officer, document=fire)
        services.version_update(
            user=officer, version=v2, body_kind="text", body=FIRE_V2, body_zh=FIRE_V2_ZH,
            effective_date=today - datetime.timedelta(days=20), review_date=today + datetime.timedelta(days=345),
            change_note="消防演练改为每半年一次；安全出口堵塞通过二维码上报",
        )  # fmt: skip
        services.version_submit(documentversion=v2, user=officer)
        services.version_approve(documentversion=v2, user=manager, comment="已在安全例会上审议通过")

    electrical, created = _document(
        "AQ-CZ-002", user=officer, title="Electrical operating instruction", title_zh="电气安全操作规程",
        category="instruction", owner_department=safety, clauses=_clauses("R3.2.1", "R3.2.3", "R3.2.4"),
    )  # fmt: skip
    if created:
        _approve(
            electrical.versions.get(), officer=officer, manager=manager, body=ELECTRICAL, body_zh=ELECTRICAL_ZH,
            effective=today - datetime.timedelta(days=800), review=today - datetime.timedelta(days=10),
        )  # fmt: skip

    form, created = _document(
        "AQ-BD-003", user=officer, title="Visitor registration form", title_zh="来访人员登记表", category="form",
        owner_department=safety, clauses=_clauses("R3.4.4"),
    )  # fmt: skip
    if created:
        _approve(
            form.versions.get(), officer=officer, manager=manager, upload=_visitor_form(),
            effective=today - datetime.timedelta(days=120),
        )  # fmt: skip

    infosec, created = _document(
        "AQ-GL-004", user=officer, title="Information-security rules", title_zh="信息安全管理制度", category="rule",
        owner_department=safety, clauses=_clauses("R4.1.2", "R3.3.3"),
    )  # fmt: skip
    if created:
        draft = infosec.versions.get()
        services.version_update(
            user=officer,
            version=draft,
            body_kind="text",
            body=INFOSEC,
            body_zh=INFOSEC_ZH,
            effective_date=today + datetime.timedelta(days=30),
        )
        services.version_submit(documentversion=draft, user=officer, comment="请在内审前批准")

    _campaign(ctx, fire, officer=officer, employee=employee, today=today)
    linked = _link_courses()
    ctx.log(
        f"    documents: {Document.objects.count()} documents, {Campaign.objects.count()} campaigns, "
        f"{linked} course links"
    )


def _campaign(ctx, fire, *, officer, employee, today):
    fire.refresh_from_db()
    version = fire.current_version
    if version is None or Campaign.objects.filter(version=version).exists():
        return
    cs1 = Department.objects.filter(code="cs-1").first()
    if cs1 is None:
        return
    campaign = services.campaign_start(
        user=officer, version=version, due_date=today + datetime.timedelta(days=10), departments=[cs1],
        title="请阅读并确认新版消防安全管理制度",
    )  # fmt: skip
    people = [p for p in cs1.members.filter(is_active=True).order_by("id") if employee is None or p.pk != employee.pk]
    for person in people[: len(people) // 2]:
        services.acknowledge(user=person, campaign=campaign)


def _link_courses():
    """Courses carry out the clauses their description cites (as the training migration does for old data)."""
    from apps.training.models import Course

    clauses = dict(Clause.objects.values_list("ref", "pk"))
    linked = 0
    for course in Course.objects.prefetch_related("clauses"):
        refs = {r for r in REF.findall(f"{course.description} {course.description_zh}") if r in clauses}
        missing = refs - {c.ref for c in course.clauses.all()}
        if missing:
            course.clauses.add(*[clauses[r] for r in missing])
            linked += len(missing)
    return linked
