from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "apps.organization"
    verbose_name = _("Organisation")

    def ready(self):
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        # Signing in saves last_login, which the audit trail does not track: without this every sign-in
        # would add an empty "changed" row to the person's history.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_update_last_login_quietly, dispatch_uid="organization_update_last_login")


def _update_last_login_quietly(sender, user, **kwargs):
    from django.contrib.auth.models import update_last_login

    user.skip_history_when_saving = True
    try:
        update_last_login(sender, user, **kwargs)
    finally:
        del user.skip_history_when_saving
