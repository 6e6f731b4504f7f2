"""Shared fixtures. Named personas (as in docs/architecture.md): manager, officer, head, other_head, employee,
outsider (an employee of another department). ``persona`` looks one up by name for matrix tests."""

import os
import shutil

import pytest
from django.conf import settings
from django.utils import translation

from tests.organization.factories import DepartmentFactory, UserFactory

PERSONAS = ("anonymous", "employee", "outsider", "head", "other_head", "officer", "manager")


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    """Skip a test whose real service is missing — or fail it when CI demands the services."""
    if require_services():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request by a zh-hans user activates Chinese for the thread (as in production, where every request
    activates its reader's language); reset it so the next test starts in the site's default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """What lives in the test process between tests starts empty: a broker failure must not pause
    queueing (apps.core.queueing) in the next test, nor one test's requests throttle another's."""
    from django.core.cache import cache

    from apps.core.queueing import queue_resume

    queue_resume()
    cache.clear()
    yield
    queue_resume()


@pytest.fixture
def department(db):
    return DepartmentFactory(code="cs-1", name="Customer Service 1", name_zh="客服一部")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(code="it", name="IT", name_zh="信息技术部")


@pytest.fixture
def head(department):
    user = UserFactory(username="head", full_name="王芳", department=department)
    department.head = user
    department.save()
    return user


@pytest.fixture
def other_head(other_department):
    user = UserFactory(username="other_head", full_name="赵磊", department=other_department)
    other_department.head = user
    other_department.save()
    return user


@pytest.fixture
def employee(department, head):
    return UserFactory(username="employee", full_name="李娜", department=department)


@pytest.fixture
def outsider(other_department, other_head):
    return UserFactory(username="outsider", full_name="陈晨", department=other_department)


@pytest.fixture
def officer(db):
    safety = DepartmentFactory(code="safety", name="Safety Management", name_zh="安全管理部")
    return UserFactory(username="officer", full_name="刘强", department=safety, role="officer")


@pytest.fixture
def manager(db):
    office = DepartmentFactory(code="gm", name="General Management", name_zh="总经理办公室")
    return UserFactory(username="manager", full_name="周总", department=office, role="management")


@pytest.fixture
def personas(employee, outsider, head, other_head, officer, manager):
    return {
        "anonymous": None,
        "employee": employee,
        "outsider": outsider,
        "head": head,
        "other_head": other_head,
        "officer": officer,
        "manager": manager,
    }
