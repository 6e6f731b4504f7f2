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

        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import security

        user_logged_in.connect(security.on_sign_in, dispatch_uid="anquan.security.sign_in")
        user_login_failed.connect(security.on_sign_in_failed, dispatch_uid="anquan.security.sign_in_failed")
        user_locked_out.connect(security.on_locked_out, dispatch_uid="anquan.security.locked_out")

        from django.urls import register_converter

        from .converters import TokenConverter

        register_converter(TokenConverter, "token")
