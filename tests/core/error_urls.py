"""The site's URLs plus one view that fails, for the 500 page tests."""

from django.urls import path

from config.urls import handler403, handler404  # noqa: F401 (Django looks the handlers up in ROOT_URLCONF)
from config.urls import urlpatterns as site_urls


def boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("boom/", boom), *site_urls]
