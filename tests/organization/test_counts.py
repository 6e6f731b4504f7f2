"""Every annotated count of the organisation module, on records with several children of each kind."""

import pytest

from apps.organization.selectors import department_list, post_list
from tests.organization.factories import AreaFactory, DepartmentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_department_counts_its_three_members():
    department = DepartmentFactory()
    post = PostFactory()
    UserFactory.create_batch(3, department=department, post=post)
    AreaFactory.create_batch(2, department=department)
    assert department_list().get(pk=department.pk).member_count == 3


def test_a_post_counts_its_two_holders():
    post = PostFactory()
    UserFactory.create_batch(2, post=post, department=DepartmentFactory())
    assert post_list().get(pk=post.pk).member_count == 2
