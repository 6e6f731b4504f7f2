import factory
from factory.django import DjangoModelFactory

from apps.training.models import Course, Exam, Option, Question, Requirement, TrainingSession


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"course-{n}")
    name = factory.Sequence(lambda n: f"Course {n}")
    name_zh = factory.Sequence(lambda n: f"课程{n}")
    category = Course.Category.AWARENESS
    method = Course.Method.ONLINE


class ExamFactory(DjangoModelFactory):
    class Meta:
        model = Exam

    course = factory.SubFactory(CourseFactory)
    question_count = 3
    pass_mark = 60
    time_limit_minutes = 20
    max_attempts = 3


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    course = factory.SubFactory(CourseFactory)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    text_zh = factory.Sequence(lambda n: f"问题{n}？")


def make_question(course, kind=Question.Kind.SINGLE, correct=(0,), n_options=4, text=None):
    """A question with ``n_options`` options; indexes in ``correct`` are right."""
    q = QuestionFactory(course=course, kind=kind, **({"text": text} if text else {}))
    if kind == Question.Kind.TRUE_FALSE:
        n_options = 2
    for i in range(n_options):
        Option.objects.create(
            question=q, text=f"Answer {q.pk}-{i}", text_zh=f"答案{i}", is_correct=i in correct, position=i
        )
    return q


def make_exam_course(*, questions=3, question_count=None, pass_mark=60, max_attempts=3, time_limit=20, **course_kw):
    course = CourseFactory(**course_kw)
    exam = ExamFactory(
        course=course,
        question_count=question_count or questions,
        pass_mark=pass_mark,
        max_attempts=max_attempts,
        time_limit_minutes=time_limit,
    )
    for _ in range(questions):
        make_question(course)
    return course, exam


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    trigger = Requirement.Trigger.HIRE
    audience = Requirement.Audience.ALL
    due_days = 7

    @factory.post_generation
    def posts(self, create, extracted, **kwargs):
        if create and extracted:
            self.posts.set(extracted)

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory, method=Course.Method.CLASSROOM)
    starts_at = factory.LazyFunction(lambda: __import__("django.utils.timezone").utils.timezone.now())
    capacity = 10


def tokens_for(item, options):
    """What the exam page submits for ``options`` (options or option ids) of a drawn question."""
    mapping = item.token_for_option
    return [mapping[getattr(o, "pk", o)] for o in options]


def answers_for(attempt, right=True):
    """The final form's answers ({item id: [tokens]}): every drawn question right (or wrong)."""
    answers = {}
    for item in attempt.items.select_related("question").prefetch_related("question__options"):
        chosen = [o for o in item.question.options.all() if o.is_correct == right]
        if item.question.kind != Question.Kind.MULTIPLE:
            chosen = chosen[:1]
        answers[item.pk] = tokens_for(item, chosen)
    return answers


def answer_all(attempt, user, right=True):
    """Answer every drawn question right (or wrong) through the autosave service."""
    from apps.training.services import exam_answer_save

    for item_id, tokens in answers_for(attempt, right=right).items():
        exam_answer_save(user=user, attempt=attempt, item_id=item_id, tokens=tokens)
