from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "apps.documents"
    verbose_name = _("Documents")

    def ready(self):
        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        # R2.2.1 and every clause a document in force carries out, on /regulation/.
        register_evidence(PROVIDER)

        from apps.archive.sections import register_section

        from .archive import SECTION

        register_section(SECTION)  # the yearly safety archive (R2.2.6)

        from . import metrics

        metrics.register_metrics()  # figures for objectives and the scorecard
