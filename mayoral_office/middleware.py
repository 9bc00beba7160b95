"""Session and sign-in rules applied to every request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SIGNED_IN_AT = "signed_in_at"

# Views a signed-in user may reach before finishing two-factor.
TWO_FACTOR_EXEMPT = {"sign-in", "sign-out", "two-factor", "two-factor-setup", "accessibility"}


def axes_username(request, credentials) -> str | None:
    """Count failed sign-ins per email address whatever its letter case, so MixedCase cannot dodge the lock-out."""
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None


class SessionLifetimeMiddleware:
    """Ends a session 10 hours after sign-in however active it is (idle expiry is the cookie age: 30 minutes)."""

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
        return self.get_response(request)


class TwoFactorMiddleware:
    """When two-factor is required, a signed-in user must enrol (first sign-in) or verify before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_REQUIRED or not request.user.is_authenticated:
            return None
        if request.user.is_verified():
            return None
        match = request.resolver_match
        if match and match.url_name in TWO_FACTOR_EXEMPT:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        from django_otp import devices_for_user

        target = "two-factor" if any(devices_for_user(request.user, confirmed=True)) else "two-factor-setup"
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")
