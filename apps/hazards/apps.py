from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "apps.hazards"
    verbose_name = _("Hazards")

    def ready(self):
        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        # R7.3 on /regulation/: the hazard loop's records are the evidence.
        register_evidence(PROVIDER)

        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        # The figures objectives and scorecards read through apps.core.metrics.
        from .metrics import register_metrics

        register_metrics()

        from apps.notifications import relevance

        from .models import Hazard
        from .services import notification_still_relevant

        # A "please sign it off" whose hazard has been signed off shows as no longer needed.
        relevance.register(Hazard, notification_still_relevant)

        from apps.organization.selectors import register_person_scope

        from .forms import RESPONSIBLE_SCOPE
        from .selectors import responsible_candidates

        # The plan's person picker: its search and its validation offer the same people.
        register_person_scope(RESPONSIBLE_SCOPE, responsible_candidates)
