from django.conf import settings


def site(request):
    # COMPANY_NAME comes from apps.organization.context_processors.company (the company profile).
    return {"SITE_URL": settings.SITE_URL}
