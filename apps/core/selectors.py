from django.contrib.contenttypes.models import ContentType

from .models import Attachment, TimelineEntry


def timeline_for(subject):
    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor")


def attachments_for(subject, role=None):
    qs = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk)
    if role is not None:
        qs = qs.filter(role=role)
    return qs


def view_permission_for(obj) -> str:
    """The rules permission that guards seeing ``obj`` and its attachments."""
    meta = obj._meta
    return f"{meta.app_label}.view_{meta.model_name}"
