from django.utils.functional import SimpleLazyObject, lazy

from .selectors import company_profile


def company(request):
    """``COMPANY`` (the profile) and ``COMPANY_NAME`` / ``COMPANY_SHORT_NAME`` in the reader's language,
    all lazy: a page that shows none of them makes no query, one that does makes one per request."""
    profile = SimpleLazyObject(lambda: company_profile(request))
    return {
        "COMPANY": profile,
        "COMPANY_NAME": lazy(lambda: profile.display_name, str)(),
        "COMPANY_SHORT_NAME": lazy(lambda: profile.display_short_name, str)(),
    }
