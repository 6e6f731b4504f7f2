from .models import Notification


def notification_list(*, user, unread_only=False):
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def already_sent(*, recipient, key):
    """``Exists``: the recipient (an ``OuterRef`` to a user id) already has a message with ``key`` (an
    expression over the outer row). A reminder query excludes it to find, in the same query, only whom
    it has not told yet — so a run after the first costs no lookups however many rows are due."""
    from django.db.models import Exists

    return Exists(Notification.objects.filter(recipient_id=recipient, key=key))


# How many unread messages the home page looks through for the few it shows (obsolete ones are skipped).
RECENT_WINDOW = 25


def recent_unread(*, user, limit: int = 5) -> list:
    """The newest unread messages that still ask for something, for the home page (a fixed number of
    queries: one for the messages, one per kind of record they are about)."""
    from .relevance import mark_obsolete

    notes = mark_obsolete(notification_list(user=user, unread_only=True)[:RECENT_WINDOW])
    return [note for note in notes if not note.is_obsolete][:limit]
