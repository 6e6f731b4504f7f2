from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "apps.training"
    verbose_name = _("Training")

    def ready(self):
        from apps.organization import hooks

        from . import services

        # R6.4.1 and R6.4.2: organisation tells us about hires and post changes through explicit hooks.
        hooks.register_on_hire(services.on_hire)
        hooks.register_on_post_change(services.on_post_change)

        # R6.4.1: the person page shows whether they are cleared for work.
        from apps.organization.panels import register_person_panel

        from .selectors import training_clearance

        register_person_panel(
            key="training",
            template="training/inc/person_panel.html",
            context=lambda *, request, person: {"clearance": training_clearance(person)},
            order=10,
        )

        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        register_evidence(PROVIDER)  # its records are evidence on /regulation/

        # The figures objectives and scorecards read through apps.core.metrics.
        from .metrics import register_metrics

        register_metrics()

        # A reminder about training already done shows as no longer needed.
        from apps.notifications import relevance

        from .models import Assignment, Completion

        relevance.register(Assignment, services.assignment_message_relevant)
        relevance.register(Completion, services.completion_message_relevant, queryset=services.completions_with_newer)
