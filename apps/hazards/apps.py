from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "apps.hazards"
    verbose_name = _("Hazards")

    def ready(self):
        from apps.notifications import relevance

        from .models import Hazard
        from .services import notification_still_relevant

        # A "please sign it off" whose hazard has been signed off shows as no longer needed.
        relevance.register(Hazard, notification_still_relevant)
