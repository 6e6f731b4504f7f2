from django.utils import translation

from apps.core.i18n_messages import language_of


class UserLanguageMiddleware:
    """Activate the signed-in person's language: the one they chose, else the company's default
    (``LANGUAGE_CODE``) — never the browser's, so pages, e-mails and PDFs agree. Signed-out pages keep
    Django's choice (the switcher's cookie, the browser's preference, then the company default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in:
            translation.activate(language_of(user))
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if signed_in:
            response.headers["Content-Language"] = request.LANGUAGE_CODE
        return response
