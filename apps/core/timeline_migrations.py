"""For data migrations of apps moving onto the workflow engine: timeline rows written before stored an
English phrase as their action (``approved``); the engine stores the move's name (``approve``), shown as
its label in the reader's language. Kept stable: migrations import it."""


def rename_timeline_actions(apps, app_label: str, renames, *, forwards: bool) -> None:
    """``renames``: ``(model, phrase, move)`` or ``(model, phrase, move, to_state)``, the last renaming only
    the rows that led to ``to_state`` (one phrase that became two moves). Backwards when not ``forwards``."""
    TimelineEntry = apps.get_model("core", "TimelineEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, phrase, move, *to_state in renames:
        ct = ContentType.objects.filter(app_label=app_label, model=model).first()
        if ct is None:
            continue
        old, new = (phrase, move) if forwards else (move, phrase)
        rows = TimelineEntry.objects.filter(content_type=ct, action=old)
        if to_state:
            rows = rows.filter(to_state=to_state[0])
        rows.update(action=new)
