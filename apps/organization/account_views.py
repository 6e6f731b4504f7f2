from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.i18n_messages import language_of
from apps.core.security import client_address, security_event
from apps.core.throttle import throttle_hit, throttle_key

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


class SignInView(LoginView):
    """Django's sign-in; a person who has not chosen a language yet keeps the one they picked on the
    sign-in page (the switcher's cookie), so it is chosen once and followed everywhere (e-mail, PDFs)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        picked = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if not user.language and picked in dict(settings.LANGUAGES):
            user_set_language(user=user, language=picked)
        return response


@login_required
def profile(request):
    return redirect(request.user.get_absolute_url())


class PersonLanguagePasswordResetForm(PasswordResetForm):
    """The reset e-mail in the language of the person it goes to, not of whoever asked for it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(language_of(context.get("user"))):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, at most ``ANQUAN_PASSWORD_RESET_PER_ADDRESS`` e-mails to one address and
    ``ANQUAN_PASSWORD_RESET_PER_CLIENT`` requests from one client an hour.

    Both counters count every valid request, whether or not the address has an account, so neither
    answer tells an address that exists from one that does not: over the address limit the page looks
    exactly as if the e-mail went out; over the client limit the form asks to wait (429).
    """

    form_class = PersonLanguagePasswordResetForm
    window_seconds = 60 * 60

    def form_valid(self, form):
        request = self.request
        window = self.window_seconds
        client = throttle_key("password-reset-client", client_address(request))
        if not throttle_hit(client, limit=settings.ANQUAN_PASSWORD_RESET_PER_CLIENT, window_seconds=window):
            security_event("password_reset_throttled", request=request, limit="client")
            form.add_error(None, _("Too many password reset requests from your network. Please wait an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        address = throttle_key("password-reset-address", form.cleaned_data["email"])
        if not throttle_hit(address, limit=settings.ANQUAN_PASSWORD_RESET_PER_ADDRESS, window_seconds=window):
            security_event("password_reset_throttled", request=request, limit="address")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
