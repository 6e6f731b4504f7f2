"""Issue 12: the home page's team-training panel counts in the database — the same figures as the
clearance of every person, in as many queries for 40 people as for 4."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organization.models import Post, User
from apps.training import selectors
from apps.training.models import Assignment, Completion, Requirement
from tests.organization.factories import DepartmentFactory
from tests.training.factories import CourseFactory, RequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(department):
    """Three induction rules: everyone, one department, one post; and a periodic rule (not induction)."""
    everyone, dept_course, post_course = CourseFactory(), CourseFactory(), CourseFactory()
    post = Post.objects.create(code="agent", name="Agent")
    RequirementFactory(course=everyone, trigger=Requirement.Trigger.HIRE)
    by_dept = RequirementFactory(course=dept_course, trigger=Requirement.Trigger.HIRE, audience="departments")
    by_dept.departments.add(department)
    by_post = RequirementFactory(course=post_course, trigger=Requirement.Trigger.HIRE, audience="posts")
    by_post.posts.add(post)
    RequirementFactory(trigger=Requirement.Trigger.PERIODIC)
    return everyone, dept_course, post_course, post


def _crowd(department, other, rules, tag, n):
    everyone, dept_course, post_course, post = rules
    today = timezone.localdate()
    people = User.objects.bulk_create(
        User(username=f"{tag}-{i}", full_name=f"{tag}{i:03d}", department=department if i % 4 else other,
             post=post if i % 3 == 0 else None)
        for i in range(n)
    )  # fmt: skip
    for i, person in enumerate(people):
        done = [everyone] if i % 2 else [everyone, dept_course, post_course]
        for course in done[: 1 + i % 3]:
            Completion.objects.create(person=person, course=course, completed_on=today, source="manual")
        Assignment.objects.create(person=person, course=everyone, due_date=today - datetime.timedelta(days=i % 2))
    return people


def _python_figures(user):
    rows = selectors.team_overview(user=user)
    not_cleared = [r["person"] for r in rows if not r["clearance"].cleared]
    return {
        "total": len(rows),
        "cleared": len(rows) - len(not_cleared),
        "not_cleared": not_cleared[:8],
        "open": sum(r["open"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
    }


@pytest.mark.parametrize("who", ["manager", "head"])
def test_the_summary_matches_the_clearance_of_every_person(request, department, rules, who):
    user = request.getfixturevalue(who)
    _crowd(department, DepartmentFactory(), rules, "p", 30)
    summary = selectors.team_clearance_summary(user=user)
    expected = _python_figures(user)
    assert 0 < summary["cleared"] < summary["total"]
    assert {k: v for k, v in summary.items() if k != "not_cleared"} == {
        k: v for k, v in expected.items() if k != "not_cleared"
    }
    assert [r["person"] for r in summary["not_cleared"]] == expected["not_cleared"]


def test_the_home_page_costs_as_many_queries_for_40_people_as_for_4(client, manager, department, rules):
    other = DepartmentFactory()
    client.force_login(manager)
    client.get(reverse("home"))  # warm per-process caches
    _crowd(department, other, rules, "s", 4)
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("home"))
    assert b"panel-training-team" in response.content
    _crowd(department, other, rules, "l", 36)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("home"))
    html = response.content.decode()
    summary = selectors.team_clearance_summary(user=manager)
    assert f"{summary['cleared']} of {summary['total']}" in html or str(summary["total"]) in html
    assert len(small) == len(large)


@pytest.mark.parametrize("who", ["officer", "head"])
def test_the_not_cleared_page_pages_the_same_people_in_the_same_order(request, department, rules, who):
    user = request.getfixturevalue(who)
    _crowd(department, DepartmentFactory(), rules, "p", 30)
    expected = [(p.pk, [c.pk for c in cl.missing]) for p, cl in selectors.new_hires_not_cleared(user=user)]
    seen = []
    page = selectors.new_hires_not_cleared_page(user=user, per_page=4)
    for number in page.paginator.page_range:
        page = selectors.new_hires_not_cleared_page(user=user, per_page=4, page_number=number)
        seen += [(p.pk, [c.pk for c in cl.missing]) for p, cl in page.object_list]
    assert seen == expected and len(expected) > 4
