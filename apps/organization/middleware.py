from django.utils import translation


class UserLanguageMiddleware:
    """Activate the signed-in user's chosen language (it wins over the browser's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        lang = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if lang:
            translation.activate(lang)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if lang:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
