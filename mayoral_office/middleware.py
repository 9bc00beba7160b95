"""Session and sign-in rules applied to every request."""

import time
from urllib.parse import urlencode, urlsplit

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from mayoral_office.audit import client_ip
from mayoral_office.models import normalise_email

SIGNED_IN_AT = "signed_in_at"
REFRESHED_AT = "refreshed_at"

# Views a signed-in user may reach before finishing two-factor.
TWO_FACTOR_EXEMPT = {"sign-in", "sign-out", "two-factor", "two-factor-setup", "accessibility"}  # view names
# Set at sign-in for an account with a second factor: it must give a code even where two-factor is optional.
TWO_FACTOR_PENDING = "mo_two_factor_pending"


def axes_username(request, credentials) -> str | None:
    """Count failed sign-ins under the same normalised address that sign-in looks up, so no other spelling of an
    address can reach the account with a fresh count."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return normalise_email(value) or None


class SessionLifetimeMiddleware:
    """Ends a session 10 hours after sign-in however active it is. Idle expiry is the session's age (30 minutes)
    from its last save: a request saves it again, so the 30 minutes restart, when the last save is at least
    SESSION_REFRESH_SECONDS old (a minute). Not on every request: that was a database write, and its commit, for
    every page and every htmx call; the idle timeout is now between 29 and 30 minutes of the last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            now = time.time()
            if started is None:
                request.session[SIGNED_IN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                messages.info(request, "You have been signed out because you signed in more than 10 hours ago.")
                return redirect(settings.LOGIN_URL)
            if now - request.session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT] = now  # the session is saved, with 30 more minutes
        return self.get_response(request)


class TwoFactorMiddleware:
    """A signed-in user with a second factor must give a code before anything else; where two-factor is required, a
    user without one must enrol first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.user.is_verified():
            return None
        if not settings.MFA_REQUIRED and not request.session.get(TWO_FACTOR_PENDING):
            return None
        match = request.resolver_match
        if match and match.view_name in TWO_FACTOR_EXEMPT:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        from mayoral_office.selectors import two_factor_enrolled

        enrolled = two_factor_enrolled(request.user)
        if not enrolled and not settings.MFA_REQUIRED:
            return None  # the user has since removed their last device: a password alone, where that is allowed
        target = "two-factor" if enrolled else "two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, recording the client address the way the rest of the office does: trusting
    X-Forwarded-For only as far as PROXY_COUNT says, so a client cannot write an address of its choosing."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)


class NoStoreMiddleware:
    """Pages and exports shown to a signed-in user hold personal data: no browser or proxy may keep a copy
    (`Cache-Control: no-store, private`), whatever the view set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response


class ServiceErrorMiddleware:
    """A service's refusal that no view caught ("This case is not on hold", after someone else restarted the
    clock) is a message on the page the officer came from, never a server error. `exc.redirect_to` (set by the
    authorising fetch) names the record's page; otherwise the referring page of this site, or home."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.utils.http import url_has_allowed_host_and_scheme

        from mayoral_office.errors import ServiceError

        if not isinstance(exception, ServiceError):
            return None
        messages.error(request, exception.message)
        target = getattr(exception, "redirect_to", None) or request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("home")
        elif request.method == "GET" and urlsplit(target).path == request.path:
            target = reverse("home")  # a page that refuses to open never sends the officer back to itself
        return redirect(target)
