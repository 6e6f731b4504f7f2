from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "apps.archive"
    verbose_name = _("Archive")

    def ready(self):
        from apps.regulation.evidence import register_evidence

        from .evidence import PROVIDER

        register_evidence(PROVIDER)  # R2.2.6 on /regulation/
