"""Whether a message is still needed: a reminder whose subject has moved on says so instead of nagging.

A module that sends messages about its records (``notify(about=hazard, topic="sign_off")``) registers,
in its ``AppConfig.ready()``, one check for the model::

    relevance.register(Hazard, still_relevant=lambda hazard, topic: ...)

``still_relevant(record, topic)`` answers for one message from the record as it is now; ``topic`` is the
module's own word for what the message asked (``"sign_off"``, ``"deadline:2026-11-25"``). A message with
no topic, or about a model nobody registered, is always relevant; one whose record was deleted is not.

:func:`mark_obsolete` sets ``is_obsolete`` on the messages a page shows with one query per kind of
record among them, however many messages there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class _Check:
    still_relevant: Callable[[models.Model, str], bool]
    queryset: Callable[[], models.QuerySet] | None


_REGISTRY: dict[tuple[str, str], _Check] = {}


def register(model: type[models.Model], still_relevant, *, queryset=None) -> None:
    """Register the check for messages about ``model``; ``queryset`` (a callable) may select related rows
    the check reads. Registering a model again replaces its check (``ready()`` may run twice in tests)."""
    meta = model._meta
    _REGISTRY[(meta.app_label, meta.model_name)] = _Check(still_relevant, queryset)


def registered_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [apps.get_model(app_label, model_name) for app_label, model_name in _REGISTRY]


def mark_obsolete(notifications: Iterable) -> list:
    """Set ``is_obsolete`` on each message (a list is returned; pass a page or a sliced queryset)."""
    notes = list(notifications)
    wanted: dict[int, list] = defaultdict(list)
    for note in notes:
        note.is_obsolete = False
        if note.about_type_id and note.about_id and note.about_topic:
            wanted[note.about_type_id].append(note)
    for type_id, group in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        check = _REGISTRY.get((model._meta.app_label, model._meta.model_name)) if model is not None else None
        if check is None:
            continue
        queryset = check.queryset() if check.queryset is not None else model._default_manager.all()
        records = queryset.in_bulk({note.about_id for note in group})
        for note in group:
            record = records.get(note.about_id)
            note.is_obsolete = record is None or not check.still_relevant(record, note.about_topic)
    return notes
