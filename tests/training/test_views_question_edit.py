"""Editing a question creates a new version; attempts already taken keep the one they were scored on."""

import pytest
from django.urls import reverse

from apps.core.exceptions import Conflict
from apps.training import services
from apps.training.models import Question
from tests.training.factories import answer_all, make_exam_course

pytestmark = pytest.mark.django_db


def _edit_data(question, *, text="Edited question?", correct_index=1):
    data = {
        "kind": question.kind,
        "text": text,
        "text_zh": "改过的问题？",
        "explanation": "Because the rules say so.",
        "explanation_zh": "因为规定如此。",
    }
    for i, option in enumerate(question.options.all(), start=1):
        data[f"option_{i}"] = f"Edited {option.text}"
        data[f"option_{i}_zh"] = option.text_zh
        if i - 1 == correct_index:
            data[f"option_{i}_correct"] = "on"
    return data


@pytest.fixture
def exam_course(db):
    course, exam = make_exam_course(questions=1, pass_mark=100)
    exam.show_wrong_questions = exam.show_correct_answers = True
    exam.save()
    return course


def _wrong_section(html):
    return html.split('id="wrong-questions"')[1].split("</ol>")[0]


def test_edit_form_is_filled_with_the_question(client, officer, exam_course):
    question = exam_course.questions.get()
    client.force_login(officer)
    response = client.get(reverse("training:question_update", args=[question.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert question.text in html and question.options.first().text in html


def test_officer_edit_saves_a_new_version_and_retires_the_old(client, officer, exam_course):
    old = exam_course.questions.get()
    client.force_login(officer)
    response = client.post(reverse("training:question_update", args=[old.pk]), _edit_data(old))
    assert response.status_code == 302
    old.refresh_from_db()
    new = Question.objects.get(is_active=True)
    assert not old.is_active and new.previous_version == old
    assert (new.text, new.text_zh, new.explanation_zh) == ("Edited question?", "改过的问题？", "因为规定如此。")
    assert [o.is_correct for o in new.options.all()] == [False, True, False, False]
    assert [o.is_correct for o in old.options.all()] == [True, False, False, False]


def test_editing_leaves_a_past_attempts_score_and_review_page_unchanged(client, officer, employee, exam_course):
    attempt = services.exam_attempt_start(user=employee, course=exam_course)
    answer_all(attempt, employee, right=False)
    attempt = services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    before = _wrong_section(client.get(attempt.get_absolute_url()).content.decode())
    score_before = (attempt.score, attempt.correct_count, attempt.passed)

    question = exam_course.questions.get()
    client.force_login(officer)
    # Make the employee's wrong answer the right one and reword everything.
    chosen = attempt.items.get().selected[0]
    index = [o.pk for o in question.options.all()].index(chosen)
    client.post(reverse("training:question_update", args=[question.pk]), _edit_data(question, correct_index=index))

    attempt.refresh_from_db()
    assert (attempt.score, attempt.correct_count, attempt.passed) == score_before
    assert attempt.items.get().is_correct is False
    client.force_login(employee)
    after = _wrong_section(client.get(attempt.get_absolute_url()).content.decode())
    assert after == before and "Edited" not in after


def test_a_running_attempt_is_scored_against_the_version_it_drew(officer, employee, exam_course):
    attempt = services.exam_attempt_start(user=employee, course=exam_course)
    answer_all(attempt, employee, right=True)
    question = exam_course.questions.get()
    services.question_update(
        user=officer,
        question=question,
        kind=question.kind,
        text="Reworded?",
        options=[("a", "", False), ("b", "", True)],
    )
    attempt = services.exam_attempt_submit(user=employee, attempt=attempt)
    assert attempt.passed and attempt.correct_count == 1


def test_the_next_attempt_draws_the_new_version(client, officer, employee, exam_course):
    old = exam_course.questions.get()
    client.force_login(officer)
    client.post(reverse("training:question_update", args=[old.pk]), _edit_data(old))
    attempt = services.exam_attempt_start(user=employee, course=exam_course)
    assert attempt.items.get().question.previous_version == old


def test_explanation_is_shown_after_submission_with_the_correct_answers(client, officer, employee, exam_course):
    old = exam_course.questions.get()
    client.force_login(officer)
    client.post(reverse("training:question_update", args=[old.pk]), _edit_data(old))
    attempt = services.exam_attempt_start(user=employee, course=exam_course)
    answer_all(attempt, employee, right=False)
    attempt = services.exam_attempt_submit(user=employee, attempt=attempt)
    client.force_login(employee)
    assert "Because the rules say so." in client.get(attempt.get_absolute_url()).content.decode()


def test_employee_cannot_edit_a_question(client, employee, exam_course):
    question = exam_course.questions.get()
    client.force_login(employee)
    response = client.post(reverse("training:question_update", args=[question.pk]), _edit_data(question))
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.is_active and Question.objects.count() == 1


def test_a_retired_version_cannot_be_edited_again(officer, exam_course):
    question = exam_course.questions.get()
    options = [("a", "", True), ("b", "", False)]
    services.question_update(user=officer, question=question, kind=question.kind, text="v2", options=options)
    with pytest.raises(Conflict):
        services.question_update(user=officer, question=question, kind=question.kind, text="v3", options=options)
    assert Question.objects.filter(is_active=True).get().text == "v2"
