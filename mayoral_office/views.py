from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office import absences, audit_display, chasing, registry, selectors, services
from mayoral_office.access import get_visible_or_404, require_perm
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.filters import AccessLogFilter, AuditFilter
from mayoral_office.forms import SignInForm, TokenForm
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.middleware import TWO_FACTOR_PENDING
from mayoral_office.views_support import add_service_error


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if selectors.two_factor_enrolled(form.get_user()):
            self.request.session[TWO_FACTOR_PENDING] = True  # a code at every sign-in, once enrolled
        return response


sign_in = login_not_required(SignInView.as_view())


@require_http_methods(["POST"])
def sign_out(request):
    return auth_views.LogoutView.as_view()(request)


@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Second step of sign-in: a code from the user's authenticator app."""
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not any(devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('two-factor-setup')}?{urlencode({'next': request.GET.get('next', '')})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", "The security code is wrong or has expired. Enter the code now shown in your app")
    return render(request, "registration/two_factor.html", {"form": form, "next": request.GET.get("next", "")})


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrolment on first sign-in, or another authenticator from a verified session: scan the QR code, then prove
    it works with one code."""
    adding = selectors.two_factor_enrolled(request.user)
    if adding and not request.user.is_verified():
        return redirect("two-factor")
    device = services.two_factor_enrolment_start(actor=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_enrolment_confirm(actor=request.user, device=device, token=form.cleaned_data["token"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            otp_login(request, device)
            messages.success(request, f"{device.name} is set up for two-factor sign-in to your account.")
            return redirect("two-factor-devices" if adding else _safe_next(request))
    context = {"form": form, "adding": adding, "next": request.GET.get("next", ""), **selectors.totp_enrolment(device)}
    return render(request, "registration/two_factor_setup.html", context)


def _verified_or_sign_in(request):
    if not request.user.is_verified():
        target = "two-factor" if selectors.two_factor_enrolled(request.user) else "two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
    return None


@require_http_methods(["GET", "POST"])
def two_factor_devices(request):
    """The user's own authenticator apps and backup codes. New backup codes are shown once, on this page."""
    if response := _verified_or_sign_in(request):
        return response
    codes = []
    if request.method == "POST":
        try:
            codes = services.two_factor_backup_codes_regenerate(actor=request.user)
        except ServiceError as exc:
            messages.error(request, exc.message)
    context = {"new_codes": codes, **selectors.two_factor_devices(request.user)}
    return render(request, "registration/two_factor_devices.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_device_remove(request, pk):
    """Remove one of the user's own authenticator apps, with a warning first when it is the last."""
    if response := _verified_or_sign_in(request):
        return response
    device = get_object_or_404(TOTPDevice, pk=parse_pk(pk) or 0, user=request.user, confirmed=True)
    warnings = selectors.two_factor_removal_warnings(request.user, device)
    if request.method == "POST":
        try:
            services.two_factor_device_remove(actor=request.user, device=device, confirmed="confirm" in request.POST)
        except NeedsConfirmation as exc:
            warnings = exc.warnings
        else:
            messages.success(request, f"{device.name} has been removed from your account.")
            return redirect("two-factor-devices")
    context = {"device": device, "warnings": warnings, "mfa_required": settings.MFA_REQUIRED}
    return render(request, "registration/two_factor_device_remove.html", context)


def configuration_sign_in(request):
    """The configuration (admin) site's sign-in: everyone signs in through the service's own page (with two-factor);
    a signed-in user without configuration rights is told so rather than asked to sign in again."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect(f"{reverse('sign-in')}?{urlencode({'next': request.GET.get('next', reverse('admin:index'))})}")


DUE_SHOWN = 20  # the home page's "Due and overdue" lists the first twenty, and says how many more


def _due(user, listed: set[str]) -> dict:
    """The user's own items due or overdue, across the apps: the lines (the first DUE_SHOWN are listed) and how
    many there are in all."""
    due = chasing.home_due(user, shown=DUE_SHOWN, without=listed)
    shown = due.lines[:DUE_SHOWN]
    return {"due": shown, "due_total": due.total, "due_more": due.total - len(shown)}


def home(request):
    member = getattr(request.user, "member", None)  # a member's own record (read once a request by the access rules)
    member_view = registry.member_view(request.user, member, timezone.localdate()) if member else []
    listed = {section.replaces_chase for section in member_view}  # a member's drafts: in their view, not twice
    context = {
        "member_view": member_view,
        "sections": registry.sections_for(request.user),
        "work": registry.home_work(request.user),
        # the user's own items due or overdue, across the apps
        **_due(request.user, listed),
        "covering": absences.covering_now(request.user),  # whose items are in "due" while they are away
        "mfa_required": settings.MFA_REQUIRED,
        "two_factor_enrolled": request.user.is_verified() or selectors.two_factor_enrolled(request.user),
    }
    return render(request, "mayoral_office/home.html", context)


@login_not_required
def accessibility(request):
    return render(request, "mayoral_office/accessibility.html")


def _audit_list(request, filterset_class, queryset, template_name, **extra):
    filterset, page = filtered_page(request, filterset_class, queryset)
    context = {"filter": filterset, "page": page, "querystring": querystring_without_page(request), **extra}
    if filterset_class is AuditFilter:
        context["rows"] = audit_display.rows(page)
    return render(request, template_name, context)


def audit_trail(request):
    require_perm(request.user, "view_audit_trail")
    return _audit_list(request, AuditFilter, selectors.audit_entries(), "mayoral_office/audit_trail.html")


def record_history(request, app_label, model_name, pk):
    """One record's changes, for anyone who may see the record (the office's records only)."""
    model = audit_display.record_of(app_label, model_name)
    if model is None:
        raise Http404("Not found")
    record = get_visible_or_404(request, audit_display.readable_records(model, request.user), pk=pk)
    entries = selectors.record_audit_entries(record)
    extra = {"record": record, "record_type": audit_display.record_type_of(model)}
    return _audit_list(request, AuditFilter, entries, "mayoral_office/audit_trail.html", **extra)


def access_log(request):
    require_perm(request.user, "view_audit_trail")
    return _audit_list(request, AccessLogFilter, selectors.access_log_entries(), "mayoral_office/access_log.html")
