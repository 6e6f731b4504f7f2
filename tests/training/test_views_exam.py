import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.training import services
from apps.training.models import Completion, Option
from tests.training.factories import answer_all, make_exam_course, tokens_for

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def _page(client, attempt):
    html = client.get(reverse("training:attempt_detail", args=[attempt.pk])).content.decode()
    return TOKENS.sub(r"\1", html)


def test_the_answer_key_is_absent_from_the_exam_page(client, employee):
    course, _exam = make_exam_course(questions=5, question_count=5)
    client.force_login(employee)
    with time_machine.travel(timezone.now(), tick=False):  # the countdown must not differ between renders
        attempt = services.exam_attempt_start(user=employee, course=course)
        before = _page(client, attempt)
        assert "correct" not in before.lower()
        # Flip the whole key: a page that leaked it in any form would change.
        for option in Option.objects.filter(question__course=course):
            option.is_correct = not option.is_correct
            option.save()
        assert _page(client, attempt) == before


def test_the_exam_page_lists_the_drawn_questions_in_the_shuffled_option_order(client, employee):
    course, _exam = make_exam_course(questions=3)
    attempt = services.exam_attempt_start(user=employee, course=course)
    client.force_login(employee)
    html = _page(client, attempt)
    for item in attempt.items.all():
        positions = [html.index(f'value="{token}"') for token in item.option_tokens]
        assert positions == sorted(positions)
        texts = [o.text for o in sorted(item.question.options.all(), key=lambda o: item.option_order.index(o.pk))]
        assert [html.index(text) for text in texts] == sorted(html.index(text) for text in texts)


def test_autosave_stores_an_answer_and_the_page_shows_it_again(client, employee):
    course, _exam = make_exam_course(questions=1)
    attempt = services.exam_attempt_start(user=employee, course=course)
    item = attempt.items.get()
    client.force_login(employee)
    url = reverse("training:attempt_answer", args=[attempt.pk]) + f"?item={item.pk}"
    response = client.post(url, {f"q-{item.pk}": item.option_tokens[1]}, HTTP_HX_REQUEST="true")
    assert "Saved" in response.content.decode()
    item.refresh_from_db()
    assert item.selected == [item.option_order[1]]
    assert f'value="{item.option_tokens[1]}" id="o-{item.pk}-2" checked' in _page(client, attempt)


def test_submitting_from_the_page_scores_on_the_server_and_shows_wrong_questions(client, employee):
    course, exam = make_exam_course(questions=2, pass_mark=100)
    attempt = services.exam_attempt_start(user=employee, course=course)
    first, second = attempt.items.select_related("question").order_by("position")
    client.force_login(employee)
    right = tokens_for(first, [o for o in first.question.options.all() if o.is_correct])
    wrong = tokens_for(second, [o for o in second.question.options.all() if not o.is_correct][:1])
    response = client.post(
        reverse("training:examattempt_submit", args=[attempt.pk]),
        {f"q-{first.pk}": right, f"q-{second.pk}": wrong},
        follow=True,
    )
    html = response.content.decode()
    assert "Not passed" in html and "50.00 %" in html
    assert second.question.text in html and first.question.text not in html
    assert "Correct answer" not in html  # not configured to reveal the key


def test_wrong_questions_are_hidden_when_the_exam_says_so(client, employee):
    course, exam = make_exam_course(questions=1, pass_mark=100)
    exam.show_wrong_questions = False
    exam.save()
    attempt = services.exam_attempt_start(user=employee, course=course)
    answer_all(attempt, employee, right=False)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    html = _page(client, attempt)
    assert "Questions answered wrongly" not in html and attempt.items.get().question.text not in html


def test_a_passed_exam_offers_the_certificate(client, employee):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    answer_all(attempt, employee)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    record = Completion.objects.get(attempt=attempt)
    assert reverse("training:certificate_pdf", args=[record.pk]) in _page(client, attempt)


def test_another_employee_cannot_see_my_attempt(client, employee, outsider, head):
    course, _exam = make_exam_course()
    attempt = services.exam_attempt_start(user=employee, course=course)
    services.exam_attempt_submit(user=employee, attempt=attempt)
    for user in (outsider, head):
        client.force_login(user)
        assert client.get(reverse("training:attempt_detail", args=[attempt.pk])).status_code == 404
