from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "apps.inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        register_evidence(PROVIDER)  # its records are evidence on /regulation/

        # The figures objectives and scorecards read through apps.core.metrics.
        from .metrics import register_metrics

        register_metrics()

        from apps.notifications import relevance

        from .models import ApplianceRequest, Equipment, Inspection
        from .services import notification_still_relevant

        # A reminder about an inspection already finished, a check already recorded or a request already
        # decided shows as no longer needed.
        for model in (Inspection, Equipment, ApplianceRequest):
            relevance.register(model, notification_still_relevant)
