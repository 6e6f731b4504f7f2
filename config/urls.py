"""Top-level URLs. The paths in docs/architecture.md's "Stable URLs" table are part of the product: never move them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.core import views as core_views
from apps.organization import account_views

urlpatterns = [
    path("", include("apps.dashboards.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/language/", account_views.language_switch, name="language_switch"),
    path("accounts/profile/", account_views.profile, name="profile"),
    # Before Django's auth URLs, the same paths and names: sign-in keeps the language picked on its page;
    # password reset is throttled per address and per client.
    path("accounts/login/", account_views.SignInView.as_view(), name="login"),
    path("accounts/password_reset/", account_views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("organization/", include("apps.organization.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("hazards/", include("apps.hazards.urls")),
    path("inspections/", include("apps.inspections.urls")),
    path("equipment/", include("apps.inspections.urls_equipment")),
    path("visitors/", include("apps.inspections.urls_visitors")),
    path("appliances/", include("apps.inspections.urls_appliances")),
    path("training/", include("apps.training.urls")),
    path("incidents/", include("apps.incidents.urls")),
    path("emergency/", include("apps.emergency.urls")),
    path("regulation/", include("apps.regulation.urls")),
    path("documents/", include("apps.documents.urls")),
    path("archive/", include("apps.archive.urls")),
    path("responsibilities/", include("apps.responsibilities.urls")),
    path("rewards/", include("apps.rewards.urls")),
    path("files/", include("apps.core.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "apps.core.views.permission_denied"
handler404 = "apps.core.views.page_not_found"
# 500: Django's own view renders templates/500.html without a request context (no database, no session).

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
