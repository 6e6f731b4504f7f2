from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "apps.emergency"
    verbose_name = _("Emergency management")

    def ready(self):
        from apps.notifications import relevance

        from .models import Drill
        from .services import drill_message_relevant

        # A reminder of a drill that was cancelled or moved shows as no longer needed.
        relevance.register(Drill, drill_message_relevant)
