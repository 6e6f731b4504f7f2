from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "apps.rewards"
    verbose_name = _("Rewards and penalties")

    def ready(self):
        from apps.core.panels import register_record_panel

        from .views import evidence_panel

        # R8: a hazard cited as evidence shows the rewards and penalties resting on it.
        for model in ("hazards.hazard", "incidents.incident"):
            register_record_panel(
                model=model, key="rewards", template="rewards/inc/evidence_panel.html", context=evidence_panel,
                order=200,
            )  # fmt: skip
