"""Responsibility statements (R2.3.1): issue per person in scope (idempotent), the hire hook, signing
by typing one's name, countersigning by the counter-party, immutability once signed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.exceptions import ApplicationError, NotAllowed
from apps.core.selectors import timeline_for
from apps.notifications.models import Notification
from apps.organization import services as org
from apps.responsibilities import services
from apps.responsibilities.models import Statement, StatementTemplate
from tests.organization.factories import UserFactory
from tests.responsibilities.conftest import refused, this_year

pytestmark = pytest.mark.django_db
S = Statement.Status


@pytest.fixture
def issued(personas):
    services.statements_issue(user=personas["officer"], year=this_year())
    return {name: Statement.objects.filter(person=user).first() for name, user in personas.items() if user}


def test_issuing_makes_one_statement_per_person_in_scope_at_their_level(issued, personas):
    assert issued["head"].level == "head" and issued["other_head"].level == "head"
    assert issued["employee"].level == "employee" and issued["officer"].level == "employee"
    assert issued["manager"] is None  # management issues, it does not sign with itself
    assert issued["employee"].department == personas["head"].department


def test_the_text_is_rendered_with_the_persons_name_department_and_duties_in_both_languages(issued, personas):
    statement = issued["employee"]
    assert "李娜" in statement.text and "Customer Service 1" in statement.text
    assert "李娜" in statement.text_zh and "客服一部" in statement.text_zh
    assert "发现安全隐患及时报告" in statement.text_zh  # duties from R2.3 (员工职责)
    assert "{" not in statement.text_zh


def test_reissuing_the_year_duplicates_nothing(issued, personas):
    count = Statement.objects.count()
    assert services.statements_issue(user=personas["officer"], year=this_year()) == 0
    assert Statement.objects.count() == count
    assert all(timeline_for(s).count() == 1 for s in Statement.objects.all())


def test_issuing_costs_a_fixed_number_of_queries_whatever_the_number_of_people(officer, department):
    def run(year, n):
        for _ in range(n):
            UserFactory(department=department)
        with CaptureQueriesContext(connection) as ctx:
            services.statements_issue(user=officer, year=year)
        return len(ctx.captured_queries)

    assert run(2030, 3) == run(2031, 40)


def test_an_employee_may_not_issue_statements(employee):
    with pytest.raises(NotAllowed):
        services.statements_issue(user=employee, year=this_year())
    assert not Statement.objects.exists()


def test_a_late_joiner_gets_the_statement_once_through_the_hire_hook(issued, personas, department, committed):
    with committed():
        person = org.person_create(
            actor=personas["officer"], username="newhire", full_name="新同事", department=department,
            hire_date=datetime.date.today(),
        )  # fmt: skip
    statement = Statement.objects.get(person=person)
    assert statement.level == "employee" and statement.year == this_year()
    assert Notification.objects.filter(recipient=person, key=f"statement:{statement.pk}:issued").exists()
    services.statements_issue(user=personas["officer"], year=this_year())
    services.statement_issue_for(person=person)
    assert Statement.objects.filter(person=person).count() == 1


def test_nobody_gets_a_statement_through_the_hook_before_the_year_is_issued(officer, department):
    person = org.person_create(
        actor=officer, username="early", full_name="早到", department=department, hire_date=datetime.date.today()
    )
    assert not Statement.objects.filter(person=person).exists()


def test_a_person_signs_their_own_statement_by_typing_their_name(issued, personas):
    statement = issued["employee"]
    services.statement_sign(statement=statement, user=personas["employee"], typed_name=" 李娜 ", confirm_read=True)
    assert (statement.status, statement.signed_name) == (S.SIGNED, "李娜")
    assert statement.signed_at is not None
    entry = timeline_for(statement).last()
    assert (entry.action, entry.actor) == ("sign", personas["employee"])


def test_a_person_cannot_sign_someone_elses_statement(issued, personas):
    statement = issued["employee"]
    for name in ("head", "officer", "manager", "outsider"):
        user = personas[name]
        refused(
            lambda u=user: services.statement_sign(statement=statement, user=u, typed_name=str(u), confirm_read=True),
            statement, NotAllowed,
        )  # fmt: skip


def test_signing_with_another_name_or_without_confirming_is_refused(issued, personas):
    statement = issued["employee"]
    sign = services.statement_sign
    refused(
        lambda: sign(statement=statement, user=personas["employee"], typed_name="王芳", confirm_read=True), statement
    )
    refused(
        lambda: sign(statement=statement, user=personas["employee"], typed_name="李娜", confirm_read=False), statement
    )


def test_the_department_head_countersigns_an_employees_statement(issued, personas, committed):
    statement = issued["employee"]
    with committed():
        services.statement_sign(statement=statement, user=personas["employee"], typed_name="李娜", confirm_read=True)
    assert Notification.objects.filter(recipient=personas["head"], key=f"statement:{statement.pk}:signed").exists()
    for name in ("other_head", "officer", "employee"):
        user = personas[name]
        refused(
            lambda u=user: services.statement_countersign(statement=statement, user=u, typed_name=str(u)),
            statement, NotAllowed,
        )  # fmt: skip
    services.statement_countersign(statement=statement, user=personas["head"], typed_name="王芳")
    assert (statement.status, statement.countersigned_by, statement.countersigned_name) == (
        S.COUNTERSIGNED, personas["head"], "王芳",
    )  # fmt: skip


def test_management_countersigns_a_heads_statement_and_the_head_does_not_countersign_their_own(issued, personas):
    statement = issued["head"]
    services.statement_sign(statement=statement, user=personas["head"], typed_name="王芳", confirm_read=True)
    refused(lambda: services.statement_countersign(statement=statement, user=personas["head"], typed_name="王芳"),
            statement, NotAllowed)  # fmt: skip
    services.statement_countersign(statement=statement, user=personas["manager"], typed_name="周总")
    assert statement.status == S.COUNTERSIGNED


def test_an_unsigned_statement_cannot_be_countersigned(issued, personas):
    statement = issued["employee"]
    refused(lambda: services.statement_countersign(statement=statement, user=personas["head"], typed_name="王芳"),
            statement)  # fmt: skip


def test_a_signed_statement_cannot_be_edited(issued, personas):
    statement = issued["employee"]
    services.statement_sign(statement=statement, user=personas["employee"], typed_name="李娜", confirm_read=True)
    template = statement.template
    template.body = "Changed {name}"
    template.save()
    error = refused(lambda: services.statement_refresh(statement=statement, user=personas["officer"]), statement)
    assert "cannot be changed" in error.message
    assert "Changed" not in Statement.objects.get(pk=statement.pk).text


def test_an_unsigned_statement_is_renewed_from_the_corrected_template(issued, personas):
    statement = issued["employee"]
    StatementTemplate.objects.filter(pk=statement.template_id).update(body="Corrected for {name}")
    services.statement_refresh(statement=statement, user=personas["officer"])
    assert statement.text == "Corrected for 李娜"


def test_a_signed_statement_cannot_be_signed_again_or_withdrawn(issued, personas):
    statement = issued["employee"]
    services.statement_sign(statement=statement, user=personas["employee"], typed_name="李娜", confirm_read=True)
    refused(lambda: services.statement_sign(statement=statement, user=personas["employee"], typed_name="李娜",
                                            confirm_read=True), statement)  # fmt: skip
    refused(
        lambda: services.statement_withdraw(statement=statement, user=personas["officer"], comment="Left"), statement
    )


def test_an_officer_withdraws_an_unsigned_statement_with_a_reason(issued, personas):
    statement = issued["outsider"]
    refused(lambda: services.statement_withdraw(statement=statement, user=personas["head"], comment="x"),
            statement, NotAllowed)  # fmt: skip
    services.statement_withdraw(statement=statement, user=personas["officer"], comment="Left the company")
    assert statement.status == S.WITHDRAWN


def test_a_template_with_an_unknown_placeholder_is_refused():
    from apps.responsibilities.forms import check_placeholders

    with pytest.raises(Exception) as exc:
        check_placeholders("Dear {name.__class__}")
    assert "Unknown placeholder" in str(exc.value)


def test_rendering_fills_only_known_placeholders_and_never_follows_attributes():
    text = services.render_text("{name} {name.__class__} {year}", {"name": "李娜", "year": 2026})
    assert text == "李娜 {name.__class__} 2026"


def test_a_post_template_is_used_for_people_in_that_post(officer, department):
    from tests.organization.factories import PostFactory

    post = PostFactory(name="Fire warden", name_zh="消防员")
    warden = UserFactory(department=department, post=post, full_name="张伟")
    services.statement_templates_ensure(year=this_year())
    services.statement_template_save(
        user=officer, year=this_year(), level="employee", post=post, title="Warden", title_zh="消防员责任书",
        body="{name} guards exits", body_zh="{name}负责疏散", duties="d", duties_zh="d",
    )  # fmt: skip
    services.statements_issue(user=officer, year=this_year())
    assert Statement.objects.get(person=warden).text == "张伟 guards exits"


def test_a_second_default_template_for_the_same_year_and_level_is_refused(officer):
    services.statement_templates_ensure(year=this_year())
    with pytest.raises(ApplicationError):
        services.statement_template_save(
            user=officer, year=this_year(), level="employee", post=None, title="x", title_zh="x", body="x",
            body_zh="x", duties="x", duties_zh="x",
        )  # fmt: skip


def test_management_countersigns_for_a_department_without_a_head(officer, manager):
    from tests.organization.factories import DepartmentFactory

    lonely = UserFactory(department=DepartmentFactory(code="no-head"), full_name="孤单")
    services.statements_issue(user=officer, year=this_year())
    statement = Statement.objects.get(person=lonely)
    services.statement_sign(statement=statement, user=lonely, typed_name="孤单", confirm_read=True)
    services.statement_countersign(statement=statement, user=manager, typed_name="周总")
    assert statement.status == S.COUNTERSIGNED
