"""Reading the HR export: decode, check every row, and say exactly what is wrong with each bad one.

An empty optional cell (username, e-mail, hire date, phone, role, active) never erases what a person
already has; it only means "no value" for a new person.

Nothing here writes; :func:`apps.organization.services.person_import` calls :func:`parse_people_csv`
again inside its transaction and imports only a clean file. Row numbers are spreadsheet row numbers:
the header is row 1, the first person is row 2.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.csv_export import starts_like_formula, unescape_cell

from .models import Department, Post, User

PHONE = re.compile(r"[+\-]?[\d\s\-()]+(?:\s*(?:ext\.?|x|转)\s*\d+)?", re.IGNORECASE)
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 20000

REQUIRED_COLUMNS = ("employee_number", "full_name", "department", "post")
OPTIONAL_COLUMNS = ("username", "email", "hire_date", "phone", "role", "active")

# Header spellings seen in HR exports, mapped to our column names.
COLUMN_ALIASES = {
    "employee_no": "employee_number",
    "employee_id": "employee_number",
    "工号": "employee_number",
    "员工编号": "employee_number",
    "name": "full_name",
    "姓名": "full_name",
    "用户名": "username",
    "e-mail": "email",
    "mail": "email",
    "邮箱": "email",
    "电子邮件": "email",
    "dept": "department",
    "部门": "department",
    "position": "post",
    "岗位": "post",
    "入职日期": "hire_date",
    "hired": "hire_date",
    "电话": "phone",
    "手机": "phone",
    "mobile": "phone",
    "角色": "role",
    "is_active": "active",
    "在职": "active",
}

ROLE_WORDS = {
    "employee": User.Role.EMPLOYEE,
    "员工": User.Role.EMPLOYEE,
    "officer": User.Role.SAFETY_OFFICER,
    "safety officer": User.Role.SAFETY_OFFICER,
    "safety_officer": User.Role.SAFETY_OFFICER,
    "安全员": User.Role.SAFETY_OFFICER,
    "安全管理员": User.Role.SAFETY_OFFICER,
    "management": User.Role.MANAGEMENT,
    "manager": User.Role.MANAGEMENT,
    "管理层": User.Role.MANAGEMENT,
    "公司管理层": User.Role.MANAGEMENT,
}
YES_WORDS = {"1", "yes", "y", "true", "是", "在职", "active"}
NO_WORDS = {"0", "no", "n", "false", "否", "离职", "inactive"}

ACTION_LABELS = {
    "create": gettext_lazy("new"),
    "update": gettext_lazy("update"),
    "unchanged": gettext_lazy("unchanged"),
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not text, wrong encoding, missing columns)."""


@dataclass
class ImportRow:
    number: int
    data: dict[str, Any]
    action: str = "create"  # create | update | unchanged
    changed_fields: list[str] = field(default_factory=list)

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


@dataclass
class RowProblem:
    number: int
    employee_number: str
    reasons: list[str]


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    existing_ids: list[int] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self):
        return self.count("create")

    @property
    def updated(self):
        return self.count("update")

    @property
    def unchanged(self):
        return self.count("unchanged")


def decode_upload(raw: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark; anything else is refused with a hint."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s KB); the limit is %(limit)s KB.")
            % {"size": len(raw) // 1024, "limit": MAX_IMPORT_BYTES // 1024}
        )
    if b"\x00" in raw[:4096]:
        raise ImportFileError(
            _("This is not a CSV text file (it looks like a spreadsheet). Save it as “CSV UTF-8” and try again.")
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None


def _column(name: str) -> str:
    key = (name or "").strip().lstrip("\ufeff").strip().lower().replace(" ", "_")
    return COLUMN_ALIASES.get(key, key)


def _lookup_table(model) -> dict[str, Any]:
    """code, English name and Chinese name (case-insensitive) → object; code wins over names."""
    table: dict[str, Any] = {}
    objects = list(model.objects.all())
    for obj in objects:
        for key in (obj.name, obj.name_zh):
            if key:
                table.setdefault(key.strip().lower(), obj)
    for obj in objects:
        table[obj.code.lower()] = obj
    return table


def _parse_date(value: str) -> datetime.date:
    return datetime.datetime.strptime(value, "%Y-%m-%d").date()


def derive_username(employee_number: str) -> str:
    return "".join(ch for ch in employee_number.lower() if ch.isalnum() or ch in "._-+") or employee_number


def parse_people_csv(text: str) -> ImportPreview:
    """Check every row of the HR export; never stops at the first problem."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except csv.Error as exc:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": exc}) from None
    columns = [_column(name) for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Missing column(s): %(missing)s. The first row must name the columns: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}
        )

    raw_rows: list[tuple[int, dict[str, str]]] = []
    try:
        for index, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(raw_rows) >= MAX_IMPORT_ROWS:
                raise ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_IMPORT_ROWS})
            record = {
                col: unescape_cell(values[i].strip()) if i < len(values) else "" for i, col in enumerate(columns) if col
            }
            raw_rows.append((index, record))
    except csv.Error as exc:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": exc}) from None
    if not raw_rows:
        raise ImportFileError(_("The file has a header but no people."))

    departments = _lookup_table(Department)
    posts = _lookup_table(Post)
    numbers = [r["employee_number"] for _n, r in raw_rows if r.get("employee_number")]
    existing = {p.employee_number: p for p in User.objects.filter(employee_number__in=numbers)}
    usernames_in_file = {_username_for(r, existing) for _n, r in raw_rows} - {""}
    taken_usernames = dict(
        User.objects.annotate(lower_username=Lower("username"))
        .filter(lower_username__in=[u.lower() for u in usernames_in_file])
        .values_list("lower_username", "employee_number")
    )

    preview = ImportPreview(existing_ids=[p.pk for p in existing.values()])
    seen_numbers: dict[str, int] = {}
    seen_usernames: dict[str, int] = {}
    for number, record in raw_rows:
        reasons: list[str] = []
        data: dict[str, Any] = {}

        employee_number = record.get("employee_number", "")
        full_name = record.get("full_name", "")
        for col in REQUIRED_COLUMNS:
            if not record.get(col):
                reasons.append(_("missing %(column)s") % {"column": col})
        if employee_number:
            if len(employee_number) > 40:
                reasons.append(_("employee number is longer than 40 characters"))
            if employee_number in seen_numbers:
                reasons.append(
                    _("duplicate employee number %(number)s (also on row %(row)s)")
                    % {"number": employee_number, "row": seen_numbers[employee_number]}
                )
            else:
                seen_numbers[employee_number] = number
            data["employee_number"] = employee_number
        # A name or number that starts like a spreadsheet formula (=HYPERLINK(…), @SUM(…), +cmd…) is
        # refused, not stored with a neutralising quote: no real name starts that way, a quote would
        # become part of the person's name on every page, and refusing keeps nothing hostile in the
        # database for a later export or another system to trip over. (Exports neutralise anyway.)
        for column, value in (("employee_number", employee_number), ("full_name", full_name)):
            if starts_like_formula(value):
                reasons.append(
                    _("%(column)s “%(value)s” starts with “%(char)s”, which a spreadsheet would run as a formula")
                    % {"column": column, "value": value, "char": value[0]}
                )
        if full_name:
            if len(full_name) > 150:
                reasons.append(_("full name is longer than 150 characters"))
            data["full_name"] = full_name

        username = _username_for(record, existing)
        if username:
            try:
                User.username_validator(username)
                if len(username) > 150:
                    raise ValidationError("too long")
            except ValidationError:
                reasons.append(
                    _("username “%(username)s” may contain only letters, digits and @ . + - _") % {"username": username}
                )
            key = username.lower()
            owner = taken_usernames.get(key, employee_number)
            if key in seen_usernames:
                reasons.append(
                    _("duplicate username %(username)s (also on row %(row)s)")
                    % {"username": username, "row": seen_usernames[key]}
                )
            elif owner != employee_number:
                reasons.append(
                    _("username %(username)s already belongs to another person (employee number %(number)s)")
                    % {"username": username, "number": owner or "—"}
                )
            seen_usernames.setdefault(key, number)
            data["username"] = username

        if record.get("email"):
            try:
                validate_email(record["email"])
                data["email"] = record["email"]
            except ValidationError:
                reasons.append(_("bad e-mail address “%(email)s”") % {"email": record["email"]})

        if record.get("department"):
            department = departments.get(record["department"].lower())
            if department is None:
                reasons.append(_("unknown department “%(value)s”") % {"value": record["department"]})
            data["department"] = department
        if record.get("post"):
            post = posts.get(record["post"].lower())
            if post is None:
                reasons.append(_("unknown post “%(value)s”") % {"value": record["post"]})
            data["post"] = post

        if record.get("hire_date"):
            try:
                data["hire_date"] = _parse_date(record["hire_date"])
            except ValueError:
                reasons.append(_("bad hire date “%(value)s” (use YYYY-MM-DD)") % {"value": record["hire_date"]})
        if record.get("phone"):
            phone = record["phone"]
            # "+86 138…" is a phone number; "=…", "@…" or "+cmd|…" is not.
            if starts_like_formula(phone) and not PHONE.fullmatch(phone):
                reasons.append(_("bad phone number “%(value)s”") % {"value": phone})
            data["phone"] = phone[:40]
        if record.get("role"):
            role = ROLE_WORDS.get(record["role"].lower())
            if role is None:
                reasons.append(
                    _("unknown role “%(value)s” (employee, officer or management)") % {"value": record["role"]}
                )
            data["role"] = role
        if record.get("active"):
            word = record["active"].lower()
            if word in YES_WORDS:
                data["is_active"] = True
            elif word in NO_WORDS:
                data["is_active"] = False
            else:
                reasons.append(_("active must be yes or no, not “%(value)s”") % {"value": record["active"]})

        if reasons:
            preview.problems.append(RowProblem(number=number, employee_number=employee_number, reasons=reasons))
            continue
        row = ImportRow(number=number, data=data)
        person = existing.get(employee_number)
        if person is not None:
            row.changed_fields = [f for f, v in data.items() if _differs(person, f, v)]
            row.action = "update" if row.changed_fields else "unchanged"
        preview.rows.append(row)
    return preview


def _differs(person: User, name: str, value) -> bool:
    field = person._meta.get_field(name)
    if field.is_relation:
        return getattr(person, field.attname) != (value.pk if value is not None else None)
    return getattr(person, name) != value


def _username_for(record: dict[str, str], existing: dict[str, User]) -> str:
    """The username given, or for a new person one derived from the employee number.

    An existing person keeps their username when the cell is empty.
    """
    if record.get("username"):
        return record["username"]
    number = record.get("employee_number", "")
    if number and number not in existing:
        return derive_username(number)
    return ""
