from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "apps.dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from apps.organization.panels import register_person_panel

        from .calendar import calendar_url

        # Only the person sees their own feed address: the token in it is a credential.
        register_person_panel(
            key="calendar",
            template="dashboards/inc/calendar_panel.html",
            context=lambda *, request, person: (
                {"calendar_url": calendar_url(person)} if request.user.pk == person.pk else None
            ),
            order=90,
        )
