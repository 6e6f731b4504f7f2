"""Operators can look at every training record in the admin; the audited ones cannot be changed there."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from apps.training.models import Assignment, AttemptQuestion, Completion, Exam, Material, Option
from apps.training.services import exam_attempt_start, exam_attempt_submit
from tests.organization.factories import UserFactory
from tests.training.factories import CourseFactory, SessionFactory, make_exam_course

pytestmark = pytest.mark.django_db

# Shown inside their parent's page: a course's exam and materials, a question's options, an attempt's
# drawn questions.
INLINE_ONLY = {Exam, Material, Option, AttemptQuestion}
READ_ONLY = {"assignment", "examattempt", "completion", "enrolment", "question"}


@pytest.fixture
def operator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_every_training_model_is_in_the_admin():
    missing = [
        m.__name__
        for m in apps.get_app_config("training").get_models()
        if m not in INLINE_ONLY and not admin.site.is_registered(m)
    ]
    assert missing == []


def test_every_training_list_and_record_page_opens_for_an_operator(client, operator, employee):
    course, _exam = make_exam_course()
    exam_attempt_submit(user=employee, attempt=exam_attempt_start(user=employee, course=course))
    SessionFactory(course=course)
    Assignment.objects.create(person=employee, course=CourseFactory(), due_date=timezone.localdate(), reason="manual")
    Completion.objects.create(person=employee, course=course, completed_on=timezone.localdate(), source="manual")
    for model in apps.get_app_config("training").get_models():
        if model in INLINE_ONLY:
            continue
        name = model._meta.model_name
        assert client.get(reverse(f"admin:training_{name}_changelist")).status_code == 200, name
        obj = model.objects.first()
        if obj is not None:
            assert client.get(reverse(f"admin:training_{name}_change", args=[obj.pk])).status_code == 200, name


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_audited_training_records_cannot_be_added_or_changed_in_the_admin(name):
    model = apps.get_model("training", name)
    model_admin = admin.site._registry[model]
    request = type("Request", (), {"user": UserFactory.build(is_superuser=True)})()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
