"""Responsibility statements (安全责任书, R2.3.1).

Each year the safety officers (or management) issue the year's statements: one per person in scope,
rendered from the year's template of their level (and post, if it has one) in both languages, and
kept as issued. Management signs with the department heads; each head with the department's
employees. Issuing is idempotent — whoever has a statement of the year gets none again — and a person
who joins later gets theirs through the organisation's hire hook. Each person signs their own statement
by typing their name; the counter-party then countersigns the same way. A signed statement never
changes. Reminders chase the unsigned, and the counter-parties with statements waiting for them.

Who is in scope: every active person who heads a department signs at the head level (with
management); every other active person with a department, except management, at the employee level
(with the head of their department)."""

import datetime
import string
import unicodedata
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Min, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.core.exceptions import ApplicationError
from apps.core.permissions import require
from apps.core.services import timeline_record
from apps.notifications.selectors import already_sent
from apps.notifications.services import Message, notify_bulk
from apps.organization.models import Department, Post

from ..defaults import DEFAULTS
from ..models import Statement, StatementLevel, StatementRound, StatementTemplate
from ..workflow import STATEMENT_FLOW
from .common import after_commit, management, require_text, send, subject

BATCH = 1000
REMIND_AFTER_DAYS = 7  # first reminder a week after issue, then once a week


# ---------------------------------------------------------------------------------------------- templates


def statement_templates_ensure(*, year: int) -> list[StatementTemplate]:
    """The year's default template of each level: last year's if there was one, else the shipped
    default written from R2.3 of the regulation. Existing templates are left alone."""
    made = []
    for level, default in DEFAULTS.items():
        if StatementTemplate.objects.filter(year=year, level=level, post__isnull=True).exists():
            continue
        previous = (
            StatementTemplate.objects.filter(year__lt=year, level=level, post__isnull=True).order_by("-year").first()
        )
        if previous is not None:
            texts = {f: getattr(previous, f) for f in ("body", "body_zh", "duties", "duties_zh")}
            texts["title"] = previous.title.replace(str(previous.year), str(year))
            texts["title_zh"] = previous.title_zh.replace(str(previous.year), str(year))
        else:
            texts = {
                **default,
                "title": default["title"].format(year=year),
                "title_zh": default["title_zh"].format(year=year),
            }
        try:
            with transaction.atomic():
                made.append(StatementTemplate.objects.create(year=year, level=level, **texts))
        except IntegrityError:
            continue  # made by someone else at the same moment
    return made


def statement_template_save(*, user, template: StatementTemplate | None = None, **data) -> StatementTemplate:
    """Create or change a template. Statements already issued keep the text they were issued with."""
    require(user, "responsibilities.manage_templates")
    template = template or StatementTemplate()
    for name, value in data.items():
        setattr(template, name, value)
    try:
        template.full_clean()
    except Exception as exc:  # ValidationError from the unique constraints
        messages = getattr(exc, "messages", [str(exc)])
        raise ApplicationError(" ".join(messages)) from exc
    with transaction.atomic():
        template.save()
        timeline_record(subject=template, actor=user, action=gettext_noop("changed"))
    return template


# ---------------------------------------------------------------------------------------------- rendering


def render_text(text: str, values: dict) -> str:
    """Fill the known placeholders only; anything else (a stray brace) is kept as written. Never
    formats with attribute or index access, whatever a template contains."""
    out = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text
    for literal, field, spec, conversion in parsed:
        out.append(literal)
        if field is None:
            continue
        if field in values:
            out.append(str(values[field]))
        else:
            out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def _texts(template, *, name, department, post, year):
    """Title and text in both languages for one person."""
    result = {}
    for suffix, lang_name in (("", "name"), ("_zh", "name_zh")):
        dept_name = (getattr(department, lang_name, "") or department.name) if department else "—"
        post_name = (getattr(post, lang_name, "") or post.name) if post else "—"
        values = {"name": name, "department": dept_name, "post": post_name, "year": year}
        values["duties"] = render_text(getattr(template, f"duties{suffix}"), values)
        result[f"title{suffix}"] = render_text(getattr(template, f"title{suffix}") or template.title, values)[:200]
        result[f"text{suffix}"] = render_text(getattr(template, f"body{suffix}"), values)
    return result


class _Scope:
    """Everything needed to issue statements, loaded in a fixed number of queries."""

    def __init__(self, year):
        self.year = year
        self.departments = {d.pk: d for d in Department.objects.all()}
        self.posts = {p.pk: p for p in Post.objects.all()}
        self.headed = {}
        for dept in sorted(self.departments.values(), key=lambda d: (d.name, d.pk)):
            if dept.head_id is not None:
                self.headed.setdefault(dept.head_id, dept)
        self.templates = {(t.level, t.post_id): t for t in StatementTemplate.objects.filter(year=year)}

    def level_of(self, person):
        """(level, department) for a person in scope, else None."""
        if not person.is_active:
            return None
        if person.pk in self.headed:
            return StatementLevel.HEAD, self.headed[person.pk]
        if person.role == get_user_model().Role.MANAGEMENT or person.department_id is None:
            return None
        return StatementLevel.EMPLOYEE, self.departments.get(person.department_id)

    def statement_for(self, person):
        found = self.level_of(person)
        if found is None:
            return None
        level, department = found
        template = self.templates.get((level, person.post_id)) or self.templates.get((level, None))
        if template is None:
            return None
        texts = _texts(
            template, name=str(person), department=department, post=self.posts.get(person.post_id), year=self.year
        )
        return Statement(year=self.year, person=person, level=level, template=template, department=department, **texts)


def _ask_to_sign(statements):
    notify_bulk(
        Message(
            recipient=s.person,
            key=f"statement:{s.pk}:issued",
            subject=format_lazy(
                gettext_lazy("Your safety responsibility statement {year}: please read and sign it"), year=s.year
            ),  # fmt: skip
            url=s.get_absolute_url(),
        )
        for s in statements
    )


def statements_issue(*, user, year: int) -> int:
    """Issue the year's statements to everyone in scope who has none yet; returns how many were made.

    A fixed number of queries whatever the number of people, plus one insert per 1,000 statements. The
    year's round row is locked first, so two issuers (or an issuer and a hire) never make two."""
    require(user, "responsibilities.issue_statements")
    with transaction.atomic():
        StatementRound.objects.get_or_create(year=year, defaults={"issued_by": user})
        StatementRound.objects.select_for_update().get(year=year)  # one issuer at a time from here
        statement_templates_ensure(year=year)
        scope = _Scope(year)
        have = Statement.objects.filter(year=year).values("person_id")
        people = get_user_model().objects.filter(is_active=True).exclude(pk__in=have).order_by("pk")
        planned = [s for s in (scope.statement_for(p) for p in people) if s is not None]
        created = []
        for i in range(0, len(planned), BATCH):
            created += Statement.objects.bulk_create(planned[i : i + BATCH])
        STATEMENT_FLOW.start_many(created, "issue", user=user)
        if created:
            after_commit(lambda: _ask_to_sign(created), f"issuing the statements of {year}")
    return len(created)


def statement_issue_for(*, person, year: int | None = None, actor=None) -> Statement | None:
    """The statement of someone who joined after the year's statements were issued (the hire hook);
    nothing if the year was not issued yet, the person is not in scope, or they have one."""
    year = year or timezone.localdate().year
    with transaction.atomic():
        issued = StatementRound.objects.select_for_update().filter(year=year).first()
        if issued is None or Statement.objects.filter(year=year, person=person).exists():
            return None
        statement = _Scope(year).statement_for(person)
        if statement is None:
            return None
        statement.save()
        STATEMENT_FLOW.start(statement, "issue", user=actor, on_commit=lambda s: _ask_to_sign([s]))
    return statement


def on_hire(*, person, actor=None):
    statement_issue_for(person=person, actor=actor)


def on_post_change(*, person, old_post, new_post, actor=None):
    """A person created into a post without a hire date is new too (``old_post`` is None)."""
    if old_post is None:
        statement_issue_for(person=person, actor=actor)


def statement_refresh(*, statement: Statement, user) -> Statement:
    """Re-render an unsigned statement from its template (after the officers corrected it). A signed
    statement never changes."""
    require(user, "responsibilities.manage_templates")
    with transaction.atomic():
        locked = STATEMENT_FLOW.lock(
            statement, states=[Statement.Status.ISSUED], refused=gettext_lazy("A signed statement cannot be changed.")
        )
        fresh = _Scope(locked.year).statement_for(locked.person)
        if fresh is None:
            raise ApplicationError(_("This person is no longer in scope; withdraw the statement instead."))
        for field in ("level", "template", "department", "title", "title_zh", "text", "text_zh"):
            setattr(locked, field, getattr(fresh, field))
        locked.save()
        timeline_record(subject=locked, actor=user, action=gettext_noop("text renewed"))
    statement.refresh_from_db()
    return statement


# ---------------------------------------------------------------------------------------------- signing


def _same_name(typed: str, user) -> bool:
    def norm(value):
        return " ".join(unicodedata.normalize("NFKC", value or "").split()).casefold()

    typed = norm(typed)
    return bool(typed) and typed in {norm(user.full_name), norm(user.get_full_name())} - {""}


def _counterparties(statement) -> list:
    if statement.level == StatementLevel.HEAD:
        return management()
    department = statement.department
    if department is not None and department.head_id and department.head.is_active:
        return [department.head]
    return management() if department is not None and department.head_id is None else []


def statement_sign(*, statement: Statement, user, typed_name: str, confirm_read: bool = False) -> Statement:
    """The person signs their own statement: they confirm they read it and type their name."""
    if not confirm_read:
        raise ApplicationError(_("Confirm that you have read the full text."))
    typed_name = require_text(typed_name, _("Type your full name to sign."))
    if not _same_name(typed_name, user):
        raise ApplicationError(
            _("Type your name exactly as the app knows it: %(name)s.") % {"name": user.get_full_name()}
        )

    def apply(s):
        s.signed_name = typed_name[:150]

    def ask_countersign(s):
        send(
            recipients=[p for p in _counterparties(s) if p.pk != s.person_id],
            key=f"statement:{s.pk}:signed",
            subject=subject(s.number, gettext_lazy("signed: please countersign")),
            url=s.get_absolute_url(),
        )

    STATEMENT_FLOW.apply(statement, "sign", user=user, apply=apply, on_commit=ask_countersign)
    return statement


def statement_countersign(*, statement: Statement, user, typed_name: str) -> Statement:
    typed_name = require_text(typed_name, _("Type your full name to countersign."))
    if not _same_name(typed_name, user):
        raise ApplicationError(
            _("Type your name exactly as the app knows it: %(name)s.") % {"name": user.get_full_name()}
        )

    def apply(s):
        s.countersigned_name = typed_name[:150]

    STATEMENT_FLOW.apply(
        statement, "countersign", user=user, apply=apply,
        on_commit=lambda s: send(
            recipients=[s.person], key=f"statement:{s.pk}:countersigned",
            subject=subject(s.number, gettext_lazy("countersigned")), url=s.get_absolute_url(),
        ),
    )  # fmt: skip
    return statement


def statement_withdraw(*, statement: Statement, user, comment: str) -> Statement:
    """An officer withdraws an unsigned statement (the person left, or is out of scope), with a reason."""
    require_text(comment, _("Say why the statement is withdrawn."))
    STATEMENT_FLOW.apply(statement, "withdraw", user=user, comment=comment)
    return statement


# ---------------------------------------------------------------------------------------------- reminders


def statement_reminders(*, today: datetime.date) -> list[Message]:
    """Unsigned statements a week or more after issue: the person, once a week. Signed statements
    waiting for countersignature: one message a week to each counter-party with the number waiting.

    Two queries find them all (plus the heads and management, one query each); the unsigned ones
    already reminded this week are left out by the query itself."""
    week = f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
    cutoff = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=REMIND_AFTER_DAYS),
                                                           datetime.time.max))  # fmt: skip
    messages = []
    # Leave out, in the same query, whoever was reminded this week already.
    key_suffix = f":unsigned:{week}"
    key = Concat(Value("statement:"), Cast(OuterRef("pk"), CharField()), Value(key_suffix))
    unsigned = (
        Statement.objects.filter(status=Statement.Status.ISSUED, year__gte=today.year, created_at__lte=cutoff)
        .exclude(already_sent(recipient=OuterRef("person_id"), key=key))
        .select_related("person")
    )
    for s in unsigned:
        messages.append(
            Message(
                s.person,
                f"statement:{s.pk}{key_suffix}",
                format_lazy(gettext_lazy("Reminder: sign your safety responsibility statement {year}"), year=s.year),
                "",
                s.get_absolute_url(),
            )
        )
    waiting = (
        Statement.objects.filter(status=Statement.Status.SIGNED, year__gte=today.year)
        .values("level", "department_id")
        .annotate(n=Count("pk"), year=Min("year"))
        .order_by()
    )
    by_head, for_management = defaultdict(int), 0
    for row in waiting:
        if row["level"] == StatementLevel.HEAD:
            for_management += row["n"]
        elif row["department_id"] is not None:
            by_head[row["department_id"]] += row["n"]
    heads = {
        d.pk: d.head
        for d in Department.objects.filter(pk__in=list(by_head), head__is_active=True).select_related("head")
    }
    url = reverse("responsibilities:statement_status")
    for dept_id, count in by_head.items():
        head = heads.get(dept_id)
        if head is not None:
            messages.append(
                Message(
                    head,
                    f"statements:countersign:{dept_id}:{week}",
                    format_lazy(gettext_lazy("{n} signed statements wait for your countersignature"), n=count),
                    "",
                    url,
                )  # fmt: skip
            )
    if for_management:
        for manager in management():
            messages.append(
                Message(
                    manager,
                    f"statements:countersign:management:{week}",
                    format_lazy(gettext_lazy("{n} signed statements wait for your countersignature"), n=for_management),
                    "",
                    url,
                )  # fmt: skip
            )
    return messages
