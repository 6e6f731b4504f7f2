from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import user_set_language


@require_POST
def language_switch(request):
    """Switch the interface language; saved on the user so every device follows."""
    lang = request.POST.get("language", "")
    nxt = request.POST.get("next") or "/"
    # Only a path on this site: anything else ("abc" would be taken for a view name) goes home.
    safe = url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if not (safe and nxt.startswith("/") and nxt.isprintable()):
        nxt = "/"
    response = HttpResponseRedirect(nxt)
    if not translation.check_for_language(lang):
        messages.error(request, _("Unknown language."))
        return response
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=lang)
    response.set_cookie("django_language", lang, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@login_required
def profile(request):
    return redirect(request.user.get_absolute_url())
