import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def querystring_replace(context, **kwargs):
    """The current query string with some keys replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def attachment_url(att, thumb=False):
    return reverse("core:attachment_thumb" if thumb else "core:attachment", args=[att.token])


@register.filter
def ago(value, now=None):
    """How long ago ``value`` was, for people: "just now" under a minute, else "5 minutes ago"."""
    if not value:
        return ""
    now = now or timezone.now()
    if now - value < datetime.timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value, now)}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def timeline_action(entry):
    """A timeline action in the reader's language: the move's label when the subject's model has a
    workflow (``apps/<app>/workflow.py``), otherwise the stored English action translated."""
    from apps.core.workflow import action_label

    return action_label(getattr(entry, "content_type_id", None), entry.action)


@register.simple_tag
def timeline_state(entry, value):
    """A timeline state shown as its label: the subject model's ``Status`` choice, else the raw value."""
    if not value:
        return ""
    ct_id = getattr(entry, "content_type_id", None)
    if ct_id is None:
        return value
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(ct_id).model_class()
    status = getattr(model, "Status", None)
    if status is None or not hasattr(status, "choices"):
        return value
    return dict(status.choices).get(value, value)
