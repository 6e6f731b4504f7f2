from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "apps.emergency"
    verbose_name = _("Emergency management")

    def ready(self):
        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        # Their records are evidence on /regulation/ (the regulation reads them through this provider).
        register_evidence(PROVIDER)

        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        # Contingency plans are controlled documents: document control copies, checks and shows our steps.
        from apps.documents.services import register_on_draft, register_ready_check
        from apps.documents.views import register_body_renderer

        from .services import check_steps, copy_steps
        from .views import plan_steps_body

        register_on_draft(copy_steps)
        register_ready_check(check_steps)
        register_body_renderer(plan_steps_body)

        from apps.notifications import relevance

        from .models import Drill
        from .services import drill_message_relevant

        # A reminder of a drill that was cancelled or moved shows as no longer needed.
        relevance.register(Drill, drill_message_relevant)

        from . import metrics

        metrics.register_metrics()  # figures for objectives and the scorecard
