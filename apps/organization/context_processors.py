from django.utils.functional import SimpleLazyObject, lazy

from .selectors import company_profile


def request_company_profile(request):
    """The company profile, read at most once per request (pages and PDFs of one request share it)."""
    profile = getattr(request, "_anquan_company_profile", None)
    if profile is None:
        profile = request._anquan_company_profile = company_profile()
    return profile


def company(request):
    """``COMPANY`` (the profile) and ``COMPANY_NAME`` (its name in the reader's language), both lazy:
    a page that shows neither makes no query."""
    profile = SimpleLazyObject(lambda: request_company_profile(request))
    return {
        "COMPANY": profile,
        "COMPANY_NAME": lazy(lambda: profile.display_name, str)(),
        "COMPANY_SHORT_NAME": lazy(lambda: profile.display_short_name, str)(),
    }
