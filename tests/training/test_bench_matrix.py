"""The issue's size: a department of 200 people × 20 required courses, against 5 × 3.

Run: .venv/bin/pytest tests/training/test_bench_matrix.py -q -s  (prints queries and milliseconds)."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organization.models import User
from apps.training.models import Assignment, Completion, Course, Requirement

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def build(department, people, courses, tag):
    today = timezone.localdate()
    staff = User.objects.bulk_create(
        User(username=f"{tag}-{i}", full_name=f"员工{tag}{i}", department=department) for i in range(people)
    )
    course_rows = Course.objects.bulk_create(
        Course(code=f"{tag}-c{j}", name=f"Course {tag} {j}", category="awareness") for j in range(courses)
    )
    Requirement.objects.bulk_create(Requirement(course=c, trigger="periodic") for c in course_rows)
    records, assignments = [], []
    for j, course in enumerate(course_rows):
        for i, person in enumerate(staff):
            kind = (i + j) % 4
            if kind == 0:
                records.append(Completion(person=person, course=course, completed_on=today, source="manual"))
            elif kind == 1:
                due = today - datetime.timedelta(days=1)
                assignments.append(Assignment(person=person, course=course, due_date=due, reason="periodic"))
            elif kind == 2:
                records.append(
                    Completion(
                        person=person,
                        course=course,
                        completed_on=today - datetime.timedelta(days=400),
                        expires_on=today - datetime.timedelta(days=30),
                        source="manual",
                    )
                )
    Completion.objects.bulk_create(records)
    Assignment.objects.bulk_create(assignments)


def measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200
    return len(ctx.captured_queries), elapsed, response


def test_matrix_for_200_people_and_20_courses_uses_as_many_queries_as_for_5_by_3(client, head, department):
    client.force_login(head)
    url = reverse("training:matrix")
    build(department, 5, 3, "s")
    small_queries, small_ms, _ = measure(client, url)
    User.objects.filter(username__startswith="s-").delete()
    Requirement.objects.all().delete()
    build(department, 200, 20, "l")
    large_queries, large_ms, response = measure(client, url)
    assert response.content.decode().count('<td class="matrix-') == 100 * 20  # first page: 100 people
    print(
        f"\nmatrix 5x3: {small_queries} queries, {small_ms:.0f} ms; 200x20: {large_queries} queries, {large_ms:.0f} ms"
    )
    assert small_queries == large_queries
