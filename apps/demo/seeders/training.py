"""Training demo data (R6): courses with real bilingual question banks, requirements, a year of sessions
and exam attempts, an annual plan, and a mix of compliance states. ``newhire`` stays not cleared.

Idempotent: courses, questions, requirements, sessions and plan lines are looked up by natural keys;
the history (attempts, attendance, records) is generated only on the first run.
"""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.core.models import TimelineEntry
from apps.demo.clock import at, morning_of
from apps.organization.models import Area, Post, User
from apps.training import services
from apps.training.models import (
    Assignment,
    AttemptQuestion,
    Completion,
    Course,
    Enrolment,
    Exam,
    ExamAttempt,
    Option,
    PlanLine,
    Question,
    Requirement,
    TrainingSession,
)

from .training_materials import MATERIALS
from .training_questions import AGENT, FIRE, INFOSEC

C, M = Course.Category, Course.Method

# code, English, Chinese, category, method, minutes, validity months, description (en, zh)
COURSES = [
    (
        "induction-fire",
        "Fire safety induction",
        "消防安全入职培训",
        C.EMERGENCY,
        M.ONLINE,
        45,
        12,
        "Alarms, exits, extinguishers and evacuation in our offices (R3.1, R5).",
        "本公司办公场所的火灾报警、疏散通道、灭火器使用和疏散要求（R3.1、R5）。",
    ),
    (
        "induction-infosec",
        "Information security essentials",
        "信息安全基础",
        C.RULES,
        M.ONLINE,
        40,
        12,
        "Customer data, passwords, phishing and devices (R4.1–R4.3).",
        "客户数据、密码、钓鱼邮件与设备安全（R4.1–R4.3）。",
    ),
    (
        "agent-workstation",
        "Call-centre workstation safety",
        "坐席岗位安全操作规程",
        C.PROCEDURES,
        M.ONLINE,
        20,
        24,
        "Operating procedure for agents: posture, headsets, breaks, abusive callers.",
        "坐席人员操作规程：坐姿、耳机、休息与骚扰来电处理。",
    ),
    (
        "extinguisher-practice",
        "Extinguisher and evacuation practice",
        "灭火器实操与疏散演练",
        C.EMERGENCY,
        M.DEMONSTRATION,
        60,
        12,
        "Hands-on use of extinguishers in the car park, led by the safety officer.",
        "由安全管理员在停车场带领进行灭火器实操。",
    ),
    (
        "safety-law",
        "Work Safety Law for managers",
        "安全生产法（管理人员）",
        C.LAWS,
        M.CLASSROOM,
        90,
        24,
        "Duties of department heads under the PRC Work Safety Law and company rules.",
        "《中华人民共和国安全生产法》及公司制度下部门负责人的安全职责。",
    ),
    (
        "case-2023-fire",
        "Case study: the 2023 pantry fire",
        "案例分析：2023 年茶水间火情",
        C.AWARENESS,
        M.CASE_STUDY,
        30,
        None,
        "What happened, why, and what we changed.",
        "事件经过、原因分析与整改措施。",
    ),
]

COMPACT_PEOPLE = {"manager", "officer", "head", "employee"}
BANKS = {"induction-fire": FIRE, "induction-infosec": INFOSEC, "agent-workstation": AGENT}
EXAMS = {"induction-fire": (10, 80, 15, 3), "induction-infosec": (10, 80, 15, 3), "agent-workstation": (5, 80, 10, 3)}


def seed(ctx):
    today = timezone.localdate()
    courses = {}
    for code, en, zh, category, method, minutes, months, desc, desc_zh in COURSES:
        course, _ = Course.objects.update_or_create(
            code=code,
            defaults={
                "name": en,
                "name_zh": zh,
                "category": category,
                "method": method,
                "duration_minutes": minutes,
                "validity_months": months,
                "description": desc,
                "description_zh": desc_zh,
            },
        )
        courses[code] = course
    for code, bank in BANKS.items():
        _bank(courses[code], bank)
        n, mark, minutes, attempts = EXAMS[code]
        Exam.objects.update_or_create(
            course=courses[code],
            defaults={"question_count": n, "pass_mark": mark, "time_limit_minutes": minutes, "max_attempts": attempts},
        )

    _materials(courses)

    posts = {p.code: p for p in Post.objects.all()}
    reqs = {
        "induction-fire": _requirement(courses["induction-fire"], Requirement.Trigger.HIRE, due_days=3),
        "induction-infosec": _requirement(courses["induction-infosec"], Requirement.Trigger.HIRE, due_days=3),
        "extinguisher-practice": _requirement(courses["extinguisher-practice"], Requirement.Trigger.PERIODIC, 30),
    }
    if "agent" in posts:
        reqs["agent-workstation"] = _requirement(
            courses["agent-workstation"], Requirement.Trigger.POST, 14, posts=[posts["agent"]]
        )
    if "dept-manager" in posts:
        reqs["safety-law"] = _requirement(
            courses["safety-law"], Requirement.Trigger.PERIODIC, 60, posts=[posts["dept-manager"]]
        )

    sessions = _sessions(ctx, courses, today)
    _plan(courses, today.year)

    people = list(User.objects.filter(is_active=True).exclude(username="newhire").order_by("id"))
    if not Completion.objects.filter(course__code__in=courses).exists():
        if ctx.compact:  # the demo logins carry the exam history; everyone else has a recorded pass
            _recorded_passes(ctx, courses, [p for p in people if p.username not in COMPACT_PEOPLE], today)
        _history(ctx, courses, sessions, people, today)

    newhire = User.objects.filter(username="newhire").first()
    if newhire is not None:
        # The organisation seeder hired newhire before these rules existed: assign now, as the hook would.
        Completion.objects.filter(person=newhire).delete()
        services.requirements_apply_on_hire(person=newhire, actor=None)
    services.requirements_sync(today=today)
    ctx.log(
        f"  training: {len(courses)} courses, {Question.objects.count()} questions, "
        f"{ExamAttempt.objects.count()} attempts, {Completion.objects.count()} records, "
        f"{Assignment.objects.filter(status='open').count()} open assignments"
    )


def _materials(courses):
    """Every course's study material (``training_materials.py``), added by the safety officer through the
    service when the course was set up, over a year ago."""
    officer = User.objects.filter(username="officer").first()
    if officer is None:
        return
    course_type = ContentType.objects.get_for_model(Course)
    for code, materials in MATERIALS.items():
        course = courses.get(code)
        if course is None:
            continue
        rng = random.Random(f"materials-{code}")
        added = morning_of(rng.randint(400, 430), rng)
        for title, title_zh, text, text_zh in materials:
            if course.materials.filter(title=title).exists():
                continue
            services.material_add(
                user=officer, course=course, title=title, title_zh=title_zh, text=text, text_zh=text_zh
            )
            added += datetime.timedelta(minutes=rng.randint(10, 40))
            entry = TimelineEntry.objects.filter(content_type=course_type, object_id=course.pk).latest("id")
            at(entry, added)
            course.materials.filter(title=title).update(created_at=added)


def arranged(bank):
    """The bank with the answers of each choice question rotated so the right one moves around.

    The bank lists the right answer first (easy to read and review); stored that way every right
    answer would share a position and the lowest id. The ``k``-th choice question of the bank is
    rotated by ``k``, which spreads the right answers evenly over the positions and is the same on
    every run (the seed stays idempotent). True/false keeps "True, False"."""
    result, k = [], 0
    for kind, en, zh, options in bank:
        if kind != Question.Kind.TRUE_FALSE:
            shift = k % len(options)
            options = options[shift:] + options[:shift]
            k += 1
        result.append((kind, en, zh, options))
    return result


def _bank(course, bank):
    for kind, en, zh, options in arranged(bank):
        question, created = Question.objects.get_or_create(
            course=course, text=en, defaults={"kind": kind, "text_zh": zh}
        )
        if created:
            Option.objects.bulk_create(
                Option(question=question, text=o_en, text_zh=o_zh, is_correct=ok, position=i)
                for i, (o_en, o_zh, ok) in enumerate(options)
            )
            continue
        # A bank seeded before the answers were arranged: move them to their arranged positions.
        position = {o_en: i for i, (o_en, _zh, _ok) in enumerate(options)}
        stored = [o for o in question.options.all() if o.text in position and o.position != position[o.text]]
        for option in stored:
            option.position = position[option.text]
        Option.objects.bulk_update(stored, ["position"])


def _requirement(course, trigger, due_days, posts=None):
    audience = Requirement.Audience.POSTS if posts else Requirement.Audience.ALL
    req, _ = Requirement.objects.get_or_create(
        course=course, trigger=trigger, audience=audience, defaults={"due_days": due_days}
    )
    if posts:
        req.posts.set(posts)
    return req


def _sessions(ctx, courses, today):
    """Monthly extinguisher practice for a year, quarterly law classes, and two upcoming sessions."""
    room = Area.objects.filter(code="sh-6-training").first() or Area.objects.first()
    trainer = User.objects.filter(username="officer").first()
    tz = timezone.get_current_timezone()
    sessions = []
    for months_ago in range(12, -2, -1):
        month_index = today.month - 1 - months_ago
        year, month = today.year + month_index // 12, month_index % 12 + 1
        day = datetime.datetime(year, month, 15, 14, 0, tzinfo=tz)
        s, _ = TrainingSession.objects.get_or_create(
            course=courses["extinguisher-practice"],
            starts_at=day,
            defaults={"area": room, "trainer": trainer, "capacity": 25, "duration_minutes": 60},
        )
        sessions.append(s)
        if month % 3 == 0:
            law, _ = TrainingSession.objects.get_or_create(
                course=courses["safety-law"],
                starts_at=day + datetime.timedelta(days=2, hours=-4),
                defaults={"area": room, "trainer": trainer, "capacity": 15, "duration_minutes": 90},
            )
            sessions.append(law)
    return sessions


def _plan(courses, year):
    lines = [
        (1, "induction-infosec"),
        (2, "extinguisher-practice"),
        (3, "safety-law"),
        (4, "agent-workstation"),
        (5, "extinguisher-practice"),
        (6, "case-2023-fire"),
        (6, "induction-fire"),
        (8, "extinguisher-practice"),
        (9, "safety-law"),
        (10, "induction-infosec"),
        (11, "extinguisher-practice"),
        (12, "safety-law"),
    ]
    for month, code in lines:
        course = courses[code]
        PlanLine.objects.get_or_create(year=year, month=month, course=course, defaults={"method": course.method})


def _recorded_passes(ctx, courses, people, today):
    """The compact demo's shortcut for people without exam history: their courses recorded as passed."""
    officer = User.objects.filter(username="officer").first()
    records = []
    for person in people:
        for code in ("induction-fire", "induction-infosec", "agent-workstation"):
            if code == "agent-workstation" and (person.post is None or person.post.code != "agent"):
                continue
            day = today - datetime.timedelta(days=ctx.rng.randint(5, 330))
            course = courses[code]
            records.append(
                Completion(
                    person=person,
                    course=course,
                    completed_on=day,
                    expires_on=services.expiry_for(course, day),
                    source=Completion.Source.MANUAL,
                    recorded_by=officer,
                )
            )
    Completion.objects.bulk_create(records)


def _history(ctx, courses, sessions, people, today):
    """A year of exam attempts and attendance; about one in six people left with gaps or expiries."""
    rng = ctx.rng
    tz = timezone.get_current_timezone()
    for code in ("induction-fire", "induction-infosec", "agent-workstation"):
        course = courses[code]
        exam = course.exam
        question_ids = list(course.questions.values_list("id", flat=True))
        options = {}
        for qid, oid, ok in Option.objects.filter(question__course=course).values_list(
            "question_id", "id", "is_correct"
        ):
            options.setdefault(qid, []).append((oid, ok))
        for person in people:
            if ctx.compact and person.username not in COMPACT_PEOPLE:
                continue  # a recorded pass instead (_recorded_passes)
            fate = 0.5 if person.username in ("employee", "head", "officer") else rng.random()
            if code == "agent-workstation" and (person.post is None or person.post.code != "agent"):
                continue
            induction = code.startswith("induction-")
            if fate < 0.08 and not induction:
                continue  # never took it: the matrix shows it due (everyone in post took induction)
            days_ago = rng.randint(380, 420) if fate < 0.16 else rng.randint(5, 330)  # some expired
            day = today - datetime.timedelta(days=days_ago)
            # Long-serving staff mostly passed induction; a few still struggle (they have it to do again).
            low = 0.8 if induction else 0.55
            skill = 0.95 if person.username in ("employee", "head", "officer") else rng.uniform(low, 0.97)
            for number in range(1, 4):
                started = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=tz)
                attempt = ExamAttempt.objects.create(
                    exam=exam,
                    person=person,
                    number=number,
                    status=ExamAttempt.Status.SUBMITTED,
                    started_at=started,
                    deadline=started + datetime.timedelta(minutes=exam.time_limit_minutes),
                    submitted_at=started + datetime.timedelta(minutes=rng.randint(4, exam.time_limit_minutes - 1)),
                    pass_mark=exam.pass_mark,
                )
                items = []
                for position, qid in enumerate(rng.sample(question_ids, exam.question_count), start=1):
                    opts = options[qid][:]
                    rng.shuffle(opts)
                    right = [oid for oid, ok in opts if ok]
                    wrong = [oid for oid, ok in opts if not ok]
                    chosen = right if rng.random() < skill or not wrong else [rng.choice(wrong)]
                    items.append(
                        AttemptQuestion(
                            attempt=attempt,
                            question_id=qid,
                            position=position,
                            option_order=[o for o, _ in opts],
                            selected=sorted(chosen),
                            answered_at=started,
                        )
                    )
                AttemptQuestion.objects.bulk_create(items)
                services.exam_attempt_score(attempt=attempt)
                attempt.save()
                if attempt.passed:
                    record = Completion.objects.create(
                        person=person,
                        course=course,
                        completed_on=day,
                        expires_on=services.expiry_for(course, day),
                        score=attempt.score,
                        source=Completion.Source.EXAM,
                        attempt=attempt,
                    )
                    if fate < 0.12 and record.expires_on and record.expires_on < today:
                        # Reassigned before expiry and ignored since: overdue.
                        Assignment.objects.create(
                            person=person, course=course, reason=Assignment.Reason.RENEWAL, due_date=record.expires_on
                        )
                    break
                day += datetime.timedelta(days=1)
            else:
                if induction:
                    # Failed every attempt: the officer assigned induction again (fresh attempts), and the
                    # person is shown "not cleared" with the course to do, never a dead end.
                    Assignment.objects.create(
                        person=person,
                        course=course,
                        reason=Assignment.Reason.HIRE,
                        due_date=today - datetime.timedelta(days=rng.randint(1, 10)),
                    )
    now = timezone.now()
    for session in sessions:
        if session.starts_at > now:
            continue
        size = min(session.capacity, rng.randint(8, session.capacity))
        for person in rng.sample(people, size):
            if Enrolment.objects.filter(session=session, person=person).exists():
                continue
            attended = rng.random() < 0.9
            Enrolment.objects.create(
                session=session,
                person=person,
                attended=attended,
                marked_at=session.starts_at,
                marked_by=session.trainer,
            )
            if attended:
                day = timezone.localtime(session.starts_at).date()
                Completion.objects.create(
                    person=person,
                    course=session.course,
                    completed_on=day,
                    expires_on=services.expiry_for(session.course, day),
                    source=Completion.Source.ATTENDANCE,
                    session=session,
                )
    # A few people have a manual assignment that is overdue, to show escalation.
    for person in rng.sample(people, min(5, len(people))):
        if not Assignment.objects.filter(person=person, course=courses["case-2023-fire"], status="open").exists():
            Assignment.objects.create(
                person=person,
                course=courses["case-2023-fire"],
                reason=Assignment.Reason.MANUAL,
                due_date=today - datetime.timedelta(days=rng.randint(2, 20)),
            )
