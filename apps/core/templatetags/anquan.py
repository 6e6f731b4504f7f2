from django import template
from django.urls import reverse

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
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
