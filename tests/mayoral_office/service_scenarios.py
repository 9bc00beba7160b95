"""One scenario per public service of the core, for tests/test_services_audit.py."""

from datetime import date

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office import services
from tests.mayoral_office.factories import UserFactory


def user_disable(request):
    head = request.getfixturevalue("head")
    services.user_disable(actor=head, user=UserFactory())
    return head


def closure_day_add(request):
    head = request.getfixturevalue("head")
    services.closure_day_add(actor=head, day=date(2027, 4, 1), reason="Council closure")
    return head


def closure_day_remove(request):
    head = request.getfixturevalue("head")
    closure = services.closure_day_add(actor=head, day=date(2027, 4, 1), reason="Council closure")
    services.closure_day_remove(actor=head, closure=closure)
    return head


def two_factor_enrolment_start(request):
    officer = request.getfixturevalue("officer_a")
    services.two_factor_enrolment_start(actor=officer)
    return officer


def two_factor_enrolment_confirm(request):
    officer = request.getfixturevalue("officer_a")
    device = services.two_factor_enrolment_start(actor=officer)
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    services.two_factor_enrolment_confirm(actor=officer, device=device, token=token)
    return officer


def two_factor_backup_codes_regenerate(request):
    officer = request.getfixturevalue("officer_a")
    TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)
    services.two_factor_backup_codes_regenerate(actor=officer)
    return officer


def two_factor_device_remove(request):
    officer = request.getfixturevalue("officer_a")
    device = TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)
    services.two_factor_device_remove(actor=officer, device=device, confirmed=True)
    return officer


def user_set_chase_alerts(request):
    officer = request.getfixturevalue("officer_a")
    services.user_set_chase_alerts(actor=officer, user=officer, alerts=True)
    return officer


def api_token_create(request):
    head = request.getfixturevalue("head")
    services.api_token_create(actor=head, user=head, name="Power BI")
    return head


def api_token_revoke(request):
    head = request.getfixturevalue("head")
    token, _ = services.api_token_create(actor=head, user=head, name="Power BI")
    services.api_token_revoke(actor=head, token=token)
    return head


SCENARIOS = {
    "api_token_create": api_token_create,
    "api_token_revoke": api_token_revoke,
    "user_disable": user_disable,
    "closure_day_add": closure_day_add,
    "closure_day_remove": closure_day_remove,
    "two_factor_enrolment_start": two_factor_enrolment_start,
    "two_factor_enrolment_confirm": two_factor_enrolment_confirm,
    "two_factor_backup_codes_regenerate": two_factor_backup_codes_regenerate,
    "two_factor_device_remove": two_factor_device_remove,
    "user_set_chase_alerts": user_set_chase_alerts,
}
