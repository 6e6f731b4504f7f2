from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "apps.incidents"
    verbose_name = _("Incidents")

    def ready(self):
        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        # Their records are evidence on /regulation/ (the regulation reads them through this provider).
        register_evidence(PROVIDER)

        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        # The figures objectives and scorecards read through apps.core.metrics.
        from .metrics import register_metrics

        register_metrics()
