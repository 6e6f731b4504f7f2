"""Explicit hooks for higher apps to react to organisation events (STYLE.md: no bare signals).

``organization.services`` calls :func:`fire_hire` when a person is created with a hire date (by hand or
by CSV import) and :func:`fire_post_change` when a person's post changes or a person is created into a
post without a hire date (``old_post`` is then ``None``). Higher apps (training)
register callbacks in their ``AppConfig.ready()``. Callbacks run inside the caller's transaction.
"""

from collections.abc import Callable

_on_hire: list[Callable] = []
_on_post_change: list[Callable] = []


def register_on_hire(callback: Callable) -> Callable:
    """``callback(*, person, actor)``."""
    if callback not in _on_hire:
        _on_hire.append(callback)
    return callback


def register_on_post_change(callback: Callable) -> Callable:
    """``callback(*, person, old_post, new_post, actor)``."""
    if callback not in _on_post_change:
        _on_post_change.append(callback)
    return callback


def fire_hire(*, person, actor=None) -> None:
    for callback in list(_on_hire):
        callback(person=person, actor=actor)


def fire_post_change(*, person, old_post, new_post, actor=None) -> None:
    for callback in list(_on_post_change):
        callback(person=person, old_post=old_post, new_post=new_post, actor=actor)
