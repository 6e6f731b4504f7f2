from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "apps.inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from apps.notifications import relevance

        from .models import ApplianceRequest, Equipment, Inspection
        from .services import notification_still_relevant

        # A reminder about an inspection already finished, a check already recorded or a request already
        # decided shows as no longer needed.
        for model in (Inspection, Equipment, ApplianceRequest):
            relevance.register(model, notification_still_relevant)
