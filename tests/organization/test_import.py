"""CSV import of the HR export (issue 2 acceptance: clean file, five kinds of bad rows, re-import)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.organization import services
from apps.organization.csv_import import ImportFileError, decode_upload, parse_people_csv
from apps.organization.models import User
from tests.organization.factories import DepartmentFactory, PostFactory, UserFactory

HEADER = "employee_number,full_name,username,email,department,post,hire_date,phone,role\n"


@pytest.fixture
def structure(db):
    return {
        "cs": DepartmentFactory(code="cs-2", name="Customer Service 2", name_zh="客服二部"),
        "it": DepartmentFactory(code="it-ops", name="IT Operations", name_zh="信息运维部"),
        "agent": PostFactory(code="agent", name="Call agent", name_zh="话务员"),
        "lead": PostFactory(code="team-lead", name="Team leader", name_zh="班组长"),
    }


CLEAN = HEADER + (
    "C1001,王伟,wangwei,wangwei@example.com,cs-2,agent,2026-11-23,13800000001,\n"
    "C1002,李静,,lijing@example.com,客服二部,话务员,2024-03-01,,employee\n"
    "C1003,张磊,zhanglei,zhanglei@example.com,IT Operations,Team leader,2019-07-15,,officer\n"
)


def test_a_clean_file_imports_everyone_with_department_post_and_hire_date(officer, structure):
    result = services.person_import(actor=officer, content=CLEAN)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    wang = User.objects.get(employee_number="C1001")
    assert wang.full_name == "王伟"
    assert wang.department == structure["cs"]
    assert wang.post == structure["agent"]
    assert wang.hire_date == datetime.date(2026, 11, 23)
    assert User.objects.get(employee_number="C1003").role == User.Role.SAFETY_OFFICER


def test_departments_and_posts_match_by_code_english_or_chinese_name(officer, structure):
    services.person_import(actor=officer, content=CLEAN)
    assert User.objects.get(employee_number="C1002").department == structure["cs"]
    assert User.objects.get(employee_number="C1003").post == structure["lead"]


def test_a_missing_username_is_derived_from_the_employee_number(officer, structure):
    services.person_import(actor=officer, content=CLEAN)
    assert User.objects.get(employee_number="C1002").username == "c1002"


def test_a_file_with_a_byte_order_mark_reads_like_one_without(structure):
    text = decode_upload(("\ufeff" + CLEAN).encode("utf-8"))
    preview = parse_people_csv(text)
    assert preview.is_clean
    assert preview.created == 3


def test_new_hires_fire_the_hire_hook(officer, structure, hook_calls):
    services.person_import(actor=officer, content=CLEAN)
    assert sorted(p.employee_number for p in hook_calls.hires) == ["C1001", "C1002", "C1003"]


BAD = HEADER + (
    "B001,好人,,good@example.com,cs-2,agent,2026-01-05,,\n"  # row 2: fine
    "B002,部门错,,b002@example.com,Marketing,agent,2026-01-05,,\n"  # row 3: unknown department
    "B003,岗位错,,b003@example.com,cs-2,astronaut,2026-01-05,,\n"  # row 4: unknown post
    "B001,重复号,dup,dup@example.com,cs-2,agent,2026-01-05,,\n"  # row 5: duplicate employee number
    "B005,日期错,,b005@example.com,cs-2,agent,05/01/2026,,\n"  # row 6: bad date
    ",缺工号,nonumber,nonumber@example.com,cs-2,agent,2026-01-05,,\n"  # row 7: missing employee number
    "B007,邮件错,,not-an-email,cs-2,agent,2026-01-05,,\n"  # row 8: bad e-mail
    "B008,用户名重复,good2,b008@example.com,cs-2,agent,2026-01-05,,\n"  # row 9
    "B009,用户名重复,good2,b009@example.com,cs-2,agent,2026-01-05,,\n"  # row 10: duplicate username
    "B010,角色错,,b010@example.com,cs-2,agent,2026-01-05,,pilot\n"  # row 11: unknown role
    "B011,,,b011@example.com,cs-2,agent,2026-01-05,,\n"  # row 12: missing full name
)
EXPECTED_PROBLEMS = {
    3: "unknown department",
    4: "unknown post",
    5: "duplicate employee number",
    6: "bad hire date",
    7: "missing employee_number",
    8: "bad e-mail",
    10: "duplicate username",
    11: "unknown role",
    12: "missing full_name",
}


def test_a_file_with_bad_rows_reports_every_bad_row_with_its_reason(structure):
    preview = parse_people_csv(BAD)
    reported = {p.number: " ".join(p.reasons) for p in preview.problems}
    assert set(reported) == set(EXPECTED_PROBLEMS)
    for row, reason in EXPECTED_PROBLEMS.items():
        assert reason in reported[row], f"row {row}: {reported[row]}"


def test_a_file_with_bad_rows_imports_nothing(officer, structure):
    with pytest.raises(ApplicationError):
        services.person_import(actor=officer, content=BAD)
    assert not User.objects.filter(employee_number__startswith="B").exists()


def test_a_username_owned_by_someone_else_in_the_database_is_a_bad_row(structure):
    UserFactory(username="taken", employee_number="X999")
    preview = parse_people_csv(HEADER + "N001,新人,taken,n@example.com,cs-2,agent,2026-01-05,,\n")
    assert "already belongs to another person" in preview.problems[0].reasons[0]


def test_reimporting_the_same_file_changes_nothing_and_creates_no_duplicates(officer, structure):
    services.person_import(actor=officer, content=CLEAN)
    result = services.person_import(actor=officer, content=CLEAN)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert User.objects.filter(employee_number__startswith="C1").count() == 3


def test_reimporting_an_edited_file_updates_people_by_employee_number(officer, structure, hook_calls):
    services.person_import(actor=officer, content=CLEAN)
    hook_calls.hires.clear()
    edited = CLEAN.replace(
        "C1001,王伟,wangwei,wangwei@example.com,cs-2,agent", "C1001,王伟,wangwei,w@example.com,cs-2,team-lead"
    )
    result = services.person_import(actor=officer, content=edited)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    wang = User.objects.get(employee_number="C1001")
    assert (wang.email, wang.post) == ("w@example.com", structure["lead"])
    assert hook_calls.hires == []
    assert [(p.employee_number, old.code, new.code) for p, old, new in hook_calls.post_changes] == [
        ("C1001", "agent", "team-lead")
    ]


def test_an_empty_cell_never_erases_an_existing_value(officer, structure):
    services.person_import(actor=officer, content=CLEAN)
    blanked = HEADER + "C1001,王伟,,,cs-2,agent,,,\n"
    result = services.person_import(actor=officer, content=blanked)
    wang = User.objects.get(employee_number="C1001")
    assert (wang.username, wang.email, wang.phone) == ("wangwei", "wangwei@example.com", "13800000001")
    assert result.unchanged == 1


def test_the_preview_counts_new_updated_and_unchanged_rows(officer, structure):
    services.person_import(actor=officer, content=CLEAN)
    changed = CLEAN.replace("13800000001", "13900000009") + "C1004,赵敏,,zm@example.com,cs-2,agent,2026-11-20,,\n"
    preview = parse_people_csv(changed)
    assert (preview.created, preview.updated, preview.unchanged) == (1, 1, 2)


def test_a_file_without_the_required_columns_is_refused(structure):
    with pytest.raises(ImportFileError, match="department"):
        parse_people_csv("employee_number,full_name,post\nE1,甲,agent\n")


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ImportFileError, match="UTF-8"):
        decode_upload(CLEAN.encode("gb18030"))


def test_only_officers_may_import(head, structure):
    with pytest.raises(NotAllowed):
        services.person_import(actor=head, content=CLEAN)


# --- the two-step page ------------------------------------------------------------------------------


def _upload(client, text, name="people.csv", content_type="text/csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        reverse("organization:person_import"), {"file": SimpleUploadedFile(name, data, content_type=content_type)}
    )


def test_the_preview_page_imports_nothing_and_the_confirm_step_imports(client, officer, structure):
    client.force_login(officer)
    response = _upload(client, CLEAN)
    assert response.status_code == 200
    assert not User.objects.filter(employee_number__startswith="C1").exists()
    token = response.context["token"]
    response = client.post(reverse("organization:person_import_confirm"), {"token": token}, follow=True)
    assert User.objects.filter(employee_number__startswith="C1").count() == 3
    assert "3 created, 0 updated, 0 unchanged" in response.content.decode()


def test_the_preview_page_lists_every_bad_row_and_offers_no_import(client, officer, structure):
    client.force_login(officer)
    response = _upload(client, BAD)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="import-problem"') == len(EXPECTED_PROBLEMS)
    assert "unknown department “Marketing”" in html
    assert reverse("organization:person_import_confirm") not in html


def test_confirming_with_a_stale_token_imports_nothing(client, officer, structure):
    client.force_login(officer)
    _upload(client, CLEAN)
    response = client.post(reverse("organization:person_import_confirm"), {"token": "stale"})
    assert response.status_code == 302
    assert not User.objects.filter(employee_number__startswith="C1").exists()


def test_a_file_that_went_bad_since_the_preview_shows_its_problems_instead(client, officer, structure):
    client.force_login(officer)
    token = _upload(client, CLEAN).context["token"]
    structure["agent"].delete()
    response = client.post(reverse("organization:person_import_confirm"), {"token": token})
    assert response.status_code == 200
    assert "unknown post" in response.content.decode()
    assert not User.objects.filter(employee_number__startswith="C1").exists()


def test_a_spreadsheet_upload_shows_a_field_error(client, officer, structure):
    client.force_login(officer)
    response = _upload(client, b"PK\x03\x04\x00\x00binary", name="people.xlsx", content_type="application/zip")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_binary_file_named_csv_shows_a_field_error(client, officer, structure):
    client.force_login(officer)
    response = _upload(client, b"\x00\x01\x02\x03" * 10, name="people.csv")
    assert "not a CSV text file" in response.context["form"].errors["file"][0]


def test_a_file_over_the_size_limit_shows_a_field_error(client, officer, structure, monkeypatch):
    monkeypatch.setattr("apps.organization.forms.MAX_IMPORT_BYTES", 100)
    client.force_login(officer)
    response = _upload(client, CLEAN)
    assert "too large" in response.context["form"].errors["file"][0]


def test_a_file_missing_columns_shows_a_field_error(client, officer, structure):
    client.force_login(officer)
    response = _upload(client, "name,email\n甲,a@example.com\n")
    assert "Missing column" in response.context["form"].errors["file"][0]
