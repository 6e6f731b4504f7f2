"""The one way a record moves from state to state (docs/architecture.md, "The workflow engine").

An app declares its moves once, in ``apps/<app>/workflow.py``::

    FLOW = Workflow(Hazard, field="status", label=attrgetter("number"), moves=[
        Move("sign_off", sources=[S.RECTIFIED], target=S.SIGNED_OFF, label=_("Signed off"),
             verb=_("Sign off"), allowed=can_sign_off, comment=OPTIONAL, form=CommentForm),
    ])

and from that one declaration come:

- the rules permission of each move, ``<app>.<move>_<model>`` ("the record is in a state the move starts
  from" and ``allowed``), so ``{% has_perm %}``, views and services agree;
- :meth:`Workflow.moves_for`, the buttons of the record's page (``templates/inc/moves.html``);
- :meth:`Workflow.apply`, what every service calls to make a move: lock the row, check the state
  (:class:`Conflict`), check the permission (:class:`NotAllowed`), apply the step's changes, save with
  ``update_fields``, write one timeline row whose action is the move's name (shown as its label in
  the reader's language), and queue side effects after the commit, guarded so that a failing side
  effect is logged and never fails the request;
- the URL patterns and the generic view of every move (:meth:`Workflow.urlpatterns`,
  ``apps.core.workflow_views``).
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections.abc import Callable, Iterable

import rules
from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import fields as core_fields
from .exceptions import ApplicationError, Conflict, NotAllowed
from .forms import bind_user
from .services import timeline_record

logger = logging.getLogger(__name__)

# Comment policies: no comment field, an optional comment, or a required reason.
NONE, OPTIONAL, REQUIRED = "none", "optional", "required"
COMMENT_POLICIES = (NONE, OPTIONAL, REQUIRED)


# ---------------------------------------------------------------------------------------------- forms


class MoveForm(forms.Form):
    """The base of every move's form. It is built with the record (``obj``), the user and the move,
    and hands the service its cleaned data as keyword arguments (:meth:`service_kwargs`)."""

    # Fields that only help the page (a search box) and are not arguments of the service.
    page_only_fields: tuple[str, ...] = ()

    def __init__(self, *args, obj=None, user=None, move=None, **kwargs):
        self.obj, self.user, self.move = obj, user, move
        super().__init__(*args, **kwargs)
        bind_user(self, user)  # person pickers search and accept the people of their scope for this user

    def service_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.page_only_fields}


class NoCommentForm(MoveForm):
    """A move that is only a button."""


class CommentForm(MoveForm):
    comment = core_fields.TextField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(MoveForm):
    comment = core_fields.TextField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


DEFAULT_FORMS = {NONE: NoCommentForm, OPTIONAL: CommentForm, REQUIRED: ReasonForm}


# ---------------------------------------------------------------------------------------------- moves


def did_the_work(move, obj, user) -> bool:
    """Whether ``user`` is one of the people ``move.not_by`` names on ``obj`` (separation of duties)."""
    return user is not None and any(getattr(obj, f"{field}_id", None) == user.pk for field in move.not_by)


@dataclasses.dataclass(frozen=True)
class Move:
    """One allowed transition.

    ``sources`` empty declares how a record *starts* (e.g. "report"): never a button, recorded by
    :meth:`Workflow.start`. ``label`` says what happened (timeline, success message: "Signed off"),
    ``verb`` is the button ("Sign off"). ``allowed`` is a ``rules`` predicate ``(user, obj)``; the state
    check is added by the workflow. ``comment`` is the policy (NONE, OPTIONAL, REQUIRED: the engine
    refuses an empty comment) and picks the default form; ``form`` replaces it (a :class:`MoveForm`
    whose cleaned data are the service's keyword arguments). ``stamp_by``/``stamp_at`` name fields set
    to the user and the time of the move (who and when, e.g. ``signed_off_by``/``signed_off_at``).
    ``apply``/``on_commit`` are hooks run on every use of the move, before the caller's own
    (``apply(obj)`` inside the transaction, ``on_commit(obj)`` after it). ``danger`` styles the
    button as a step back. ``service`` is the name of the app's service (a function in the app's
    ``services`` module) when it is not ``<model>_<move>``. ``system`` marks a move the application
    makes itself (a time limit ran out, another record completed this one): never a button nor a URL,
    no permission of its own (the service that makes it has checked what it needs), and its actor may
    be ``None`` (the timeline shows "system"). ``not_by`` names the record's person fields (``created_by``,
    ``submitted_by``…) whose person may not make this move: separation of duties, enforced by the engine
    for everyone, superusers included (``has_perm`` never refuses an active superuser).
    """

    name: str
    sources: tuple = ()
    target: str = ""
    label: object = ""
    verb: object = ""
    allowed: rules.Predicate | None = None
    comment: str = OPTIONAL
    form: type[MoveForm] | None = None
    stamp_by: str = ""
    stamp_at: str = ""
    apply: Callable | None = None
    on_commit: Callable | None = None
    danger: bool = False
    service: str = ""
    system: bool = False
    not_by: tuple = ()
    perm: str = dataclasses.field(default="", compare=False)  # filled in by the Workflow

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(self.sources))
        object.__setattr__(self, "not_by", tuple(self.not_by))
        if self.comment not in COMMENT_POLICIES:
            raise ValueError(f"{self.name}: comment must be one of {COMMENT_POLICIES}, not {self.comment!r}")
        if self.sources and self.allowed is None and not self.system:
            raise ValueError(f"{self.name}: a move needs an `allowed` predicate")
        if self.system and self.allowed is not None:
            raise ValueError(f"{self.name}: a system move has no `allowed` predicate")

    @property
    def is_start(self) -> bool:
        return not self.sources

    @property
    def offered(self) -> bool:
        """A move people ask for: a button, a URL and a permission (not a start or system move)."""
        return not self.is_start and not self.system

    @property
    def form_class(self) -> type[MoveForm]:
        return self.form or DEFAULT_FORMS[self.comment]


# ---------------------------------------------------------------------------------------------- registry

_REGISTRY: dict[tuple[str, str], Workflow] = {}


def workflow_for(model_or_obj) -> Workflow | None:
    """The workflow declared for a model (class or instance), or None."""
    meta = model_or_obj._meta
    return _REGISTRY.get((meta.app_label, meta.model_name))


def workflow_for_content_type(content_type_id) -> Workflow | None:
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return workflow_for(model) if model is not None else None


def action_label(content_type_id, action: str):
    """A timeline action as words for the reader: the move's label when the subject's model has a
    workflow that declares it, otherwise the stored (English) action translated."""
    flow = workflow_for_content_type(content_type_id) if content_type_id else None
    move = flow.moves.get(action) if flow is not None else None
    if move is not None and move.label:
        return move.label
    return gettext(action) if action else ""


def registered_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


# ---------------------------------------------------------------------------------------------- workflow


def _in_state_predicate(field: str, sources: tuple, name: str) -> rules.Predicate:
    def in_state(user, obj):
        return obj is not None and getattr(obj, field) in sources

    return rules.Predicate(in_state, name=name)


class Workflow:
    """The declared moves of one model's state field. Creating it registers the moves' permissions
    and makes the model's timeline show the moves' labels.

    ``label(obj)`` names the record in messages; ``lock_related`` is loaded with the locked row (what the
    predicates and hooks read); ``services`` is the module of the moves' services (default: the app's
    ``services``) and ``subject`` their keyword for the record (default: the model's name, ``hazard=``);
    ``namespace`` is the URL namespace the moves are mounted in when it is not the app's label
    (appliance requests of ``inspections`` live under ``appliances:``)."""

    def __init__(
        self,
        model: type[models.Model],
        *,
        moves: Iterable[Move],
        field: str = "status",
        label: Callable[[models.Model], str] = str,
        lock_related: tuple[str, ...] = (),
        services: str = "",
        subject: str = "",
        namespace: str = "",
    ):
        meta = model._meta
        self.model = model
        self.field = field
        self.app_label, self.model_name = meta.app_label, meta.model_name
        self.record_label = label
        self.lock_related = tuple(lock_related)
        self.services_module = services or f"{model.__module__.rsplit('.', 1)[0]}.services"
        self.subject = subject or self.model_name  # the services' keyword for the record
        self.namespace = namespace or self.app_label
        self.moves: dict[str, Move] = {}
        for move in moves:
            if move.name in self.moves:
                raise ValueError(f"{self.model_name}: move {move.name!r} declared twice")
            perm = f"{self.app_label}.{move.name}_{self.model_name}"
            if move.allowed is not None:
                allowed = move.allowed
                if not move.is_start:
                    in_state = _in_state_predicate(field, move.sources, f"{self.model_name}_can_{move.name}_now")
                    allowed = in_state & allowed
                rules.set_perm(perm, allowed)
            self.moves[move.name] = dataclasses.replace(move, perm=perm)
        _REGISTRY[(self.app_label, self.model_name)] = self

    def __repr__(self):
        return f"<Workflow {self.app_label}.{self.model_name}.{self.field}: {', '.join(self.moves)}>"

    # -- reading ---------------------------------------------------------------------------------

    def state_of(self, obj):
        return getattr(obj, self.field)

    def state_label(self, obj) -> str:
        return getattr(obj, f"get_{self.field}_display")()

    def can_start_from(self, obj, move: Move) -> bool:
        return self.state_of(obj) in move.sources

    def conflict(self, obj, move: Move) -> Conflict:
        """The refusal of a move that does not start from the record's state (someone was faster)."""
        return Conflict(
            gettext(
                "%(number)s is now “%(status)s”: “%(action)s” is not possible at this step. Reload the page to see why."
            )
            % {"number": self.record_label(obj), "status": self.state_label(obj), "action": move.verb or move.label}
        )

    def moves_for(self, obj, user) -> list[Move]:
        """The moves ``user`` may make on ``obj`` now, in declaration order: the page's buttons."""
        return [
            m
            for m in self.moves.values()
            if m.offered and user.has_perm(m.perm, obj) and not did_the_work(m, obj, user)
        ]

    def service_for(self, move: Move) -> Callable:
        """The app's service for ``move``: ``<services module>.<model>_<move>`` unless the move names one."""
        module = importlib.import_module(self.services_module)
        return getattr(module, move.service or f"{self.model_name}_{move.name}")

    def form_for(self, move: Move, *, obj, user, data=None, files=None) -> MoveForm:
        return move.form_class(data, files, prefix=move.name, obj=obj, user=user, move=move)

    def url_name(self, move: Move) -> str:
        return f"{self.namespace}:{self.model_name}_{move.name}"

    def urlpatterns(self, *, queryset, render_detail) -> list:
        """One URL per move, ``<pk>/<move-name>/`` named ``<model>_<move>``, all served by the generic
        move view (``apps.core.workflow_views.move_view``)."""
        from .workflow_views import move_urlpatterns

        return move_urlpatterns(self, queryset=queryset, render_detail=render_detail)

    # -- writing ---------------------------------------------------------------------------------

    def start(self, obj, move_name: str, *, user, comment: str = "", on_commit: Callable | None = None):
        """Record how a new record started (its start move), inside the caller's transaction."""
        move = self.moves[move_name]
        if not move.is_start:
            raise ValueError(f"{move_name} is not a start move of {self.model_name}")
        timeline_record(subject=obj, actor=user, action=move.name, to_state=self.state_of(obj), comment=comment)
        self._queue(obj, move, (move.on_commit, on_commit))
        return obj

    def start_many(self, objs, move_name: str, *, user, comment: str = "") -> None:
        """Record the start move of many records just created in bulk (one insert for all their
        timeline rows, inside the caller's transaction). The move's own ``on_commit`` hook is not run:
        the caller sends what follows a bulk creation in bulk too."""
        from django.contrib.contenttypes.models import ContentType
        from django.utils import translation

        from .models import TimelineEntry

        move = self.moves[move_name]
        if not move.is_start:
            raise ValueError(f"{move_name} is not a start move of {self.model_name}")
        objs = list(objs)
        if not objs:
            return
        content_type = ContentType.objects.get_for_model(self.model)
        with translation.override("en"):
            action = str(move.name)
        TimelineEntry.objects.bulk_create(
            TimelineEntry(
                content_type=content_type,
                object_id=obj.pk,
                actor=user,
                action=action,
                to_state=self.state_of(obj),
                comment=comment or "",
            )
            for obj in objs
        )

    def apply(
        self,
        obj,
        move_name: str,
        *,
        user,
        comment: str = "",
        apply: Callable | None = None,
        on_commit: Callable | None = None,
    ):
        """Make a move: lock → check state → check permission → apply → save → timeline → on_commit.

        ``apply(locked)`` validates and sets the step's fields on the locked copy; an ApplicationError
        it raises rolls everything back. ``on_commit(saved)`` runs after the commit (notifications);
        if it fails, the failure is logged and the move stands. Returns the saved copy; ``obj`` is
        brought up to date as well.
        """
        move = self.moves[move_name]
        # A person's words are trimmed; a text the system writes (lazy, with parameters) is kept as such
        # so that the timeline shows it in each reader's language.
        comment = comment.strip() if isinstance(comment, str) else (comment or "")
        with transaction.atomic():
            locked = self._lock(obj)
            record = self.record_label(locked)
            if self.state_of(locked) not in move.sources:
                raise self.conflict(locked, move)
            if not move.system and not user.has_perm(move.perm, locked):
                raise NotAllowed(gettext("You are not allowed to do this with %(number)s.") % {"number": record})
            if not move.system and did_the_work(move, locked, user):
                raise NotAllowed(
                    gettext("You did the work on %(number)s, so someone else must approve it.") % {"number": record}
                )
            if move.comment == REQUIRED and not comment:
                raise ApplicationError(gettext("Give a reason."))
            from_state = self.state_of(locked)
            before = self._snapshot(locked)
            if move.stamp_by:
                setattr(locked, move.stamp_by, user)
            if move.stamp_at:
                setattr(locked, move.stamp_at, timezone.now())
            for hook in (move.apply, apply):
                if hook is not None:
                    hook(locked)
            setattr(locked, self.field, move.target)
            locked.save(update_fields=self._changed_fields(locked, before))
            timeline_record(
                subject=locked,
                actor=user,
                action=move.name,
                from_state=from_state,
                to_state=move.target,
                comment=comment,
            )
            self._queue(locked, move, (move.on_commit, on_commit))
        _sync(obj, locked)
        return locked

    def lock(self, obj, *, states: Iterable, refused=None):
        """Lock the record for a change that keeps its state, inside the caller's transaction, and check
        under the lock that it is in one of ``states``; else :class:`Conflict` saying ``refused`` (a
        message, or a function of the locked record returning one or None) or naming the record's
        state. Returns the locked copy (with ``lock_related`` loaded). Prefer :meth:`edit`, which also
        saves and records the change."""
        locked = self._lock(obj)
        if self.state_of(locked) not in tuple(states):
            if callable(refused):  # a message about the locked record: refused(locked)
                refused = refused(locked)
            if refused is not None:
                raise Conflict(str(refused))
            raise Conflict(
                gettext("%(number)s is now “%(status)s”: this change is not possible at this step.")
                % {"number": self.record_label(locked), "status": self.state_label(locked)}
            )
        return locked

    def edit(
        self,
        obj,
        *,
        user,
        states: Iterable,
        perm: str = "",
        action: str = "",
        comment="",
        apply: Callable | None = None,
        on_commit: Callable | None = None,
        refused=None,
    ):
        """Change a record *without* moving it (correct a report, add a line), in the states that allow
        it: lock → check the state is one of ``states`` (else :class:`Conflict`, ``refused`` or a
        message naming the record's state) → check ``perm`` → ``apply(locked)`` → save the changed
        fields → one timeline row when ``action`` is given → queue ``on_commit``. Returns the saved
        copy; ``obj`` is brought up to date as well."""
        with transaction.atomic():
            locked = self.lock(obj, states=states, refused=refused)
            if perm and not user.has_perm(perm, locked):
                raise NotAllowed(
                    gettext("You are not allowed to do this with %(number)s.") % {"number": self.record_label(locked)}
                )
            before = self._snapshot(locked)
            if apply is not None:
                apply(locked)
            changed = self._changed_fields(locked, before)
            auto = {f.name for f in locked._meta.concrete_fields if getattr(f, "auto_now", False)}
            if set(changed) - auto:  # something besides updated_at
                locked.save(update_fields=changed)
            if action:
                timeline_record(subject=locked, actor=user, action=action, comment=comment)
            if on_commit is not None:
                transaction.on_commit(_guarded(on_commit, locked, f"{self.model_name} {locked.pk} {action or 'edit'}"))
        _sync(obj, locked)
        return locked

    # -- internals -------------------------------------------------------------------------------

    def _lock(self, obj):
        qs = self.model._default_manager.select_for_update(of=("self",))
        if self.lock_related:
            qs = qs.select_related(*self.lock_related)
        return qs.get(pk=obj.pk)

    def _snapshot(self, obj) -> dict:
        return {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}

    def _changed_fields(self, obj, before: dict) -> list[str]:
        changed = []
        for f in obj._meta.concrete_fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(obj, f.attname) != before[f.name]:
                changed.append(f.name)
        return changed

    def _queue(self, obj, move: Move, hooks):
        for hook in hooks:
            if hook is not None:
                transaction.on_commit(_guarded(hook, obj, f"{self.model_name} {obj.pk} {move.name}"))


def _sync(obj, locked):
    """Bring the caller's instance in step with the saved copy, keeping its loaded relations unless the
    move changed them."""
    if obj is locked:
        return
    cache = obj._state.fields_cache
    for f in obj._meta.concrete_fields:
        if f.is_relation and getattr(obj, f.attname) != getattr(locked, f.attname):
            cache.pop(f.name, None)
    obj.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    cache.update(locked._state.fields_cache)


def _guarded(hook: Callable, obj, what: str) -> Callable[[], None]:
    """A side effect that may fail without failing the request: it is logged, the move stands
    (reminders are derived from the database, so the periodic job finds what was missed)."""

    def run():
        try:
            hook(obj)
        except Exception:
            logger.exception("side effect after %s failed; the move stands", what)

    return run
