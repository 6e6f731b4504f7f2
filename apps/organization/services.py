from django.db import transaction

from apps.core.exceptions import ApplicationError


def user_set_language(*, user, language: str) -> None:
    from django.conf import settings
    from django.utils.translation import gettext as _

    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Unknown language."))
    with transaction.atomic():
        user.language = language
        user.save(update_fields=["language"])
