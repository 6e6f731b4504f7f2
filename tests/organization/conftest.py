import pytest

from apps.organization import hooks


class HookRecorder:
    def __init__(self):
        self.hires = []
        self.post_changes = []

    def on_hire(self, *, person, actor):
        self.hires.append(person)

    def on_post_change(self, *, person, old_post, new_post, actor):
        self.post_changes.append((person, old_post, new_post))


@pytest.fixture
def hook_calls():
    """Record what organisation tells higher apps (hires, post changes) during one test."""
    recorder = HookRecorder()
    hooks.register_on_hire(recorder.on_hire)
    hooks.register_on_post_change(recorder.on_post_change)
    yield recorder
    hooks._on_hire.remove(recorder.on_hire)
    hooks._on_post_change.remove(recorder.on_post_change)
