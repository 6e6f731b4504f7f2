from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Core")

    def ready(self):
        # Every app's declared moves (apps/<app>/workflow.py) register their permissions and timeline
        # labels at start-up, before the first request asks for them.
        autodiscover_modules("workflow")
