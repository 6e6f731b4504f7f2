from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "apps.incidents"
    verbose_name = _("Incidents")

    def ready(self):
        # The figures objectives and scorecards read through apps.core.metrics.
        from .metrics import register_metrics

        register_metrics()
