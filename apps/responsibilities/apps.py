from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilitiesConfig(AppConfig):
    name = "apps.responsibilities"
    verbose_name = _("Responsibilities")

    def ready(self):
        from apps.core.panels import register_record_panel
        from apps.organization import hooks

        from . import metrics, services
        from .views.budget import hazard_funds_panel

        # R2.3.1: a person who joins after the year's statements were issued gets theirs.
        hooks.register_on_hire(services.on_hire)
        hooks.register_on_post_change(services.on_post_change)
        # R2.1.2 / R7.3 五定 "funds": the hazard page shows the budget spending that funds it.
        register_record_panel(
            model="hazards.hazard", key="budget", template="responsibilities/inc/hazard_funds_panel.html",
            context=hazard_funds_panel,
        )  # fmt: skip
        metrics.register_metrics()
