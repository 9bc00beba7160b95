"""Two-factor that says the truth: once enrolled, a code at every sign-in, even where two-factor is optional (the
demo); the home page's message matches the account; the user manages their own devices and backup codes."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.mayoral_office.test_sign_in import sign_in, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def optional_mfa(settings):
    settings.MFA_REQUIRED = False  # as under `make run`: enrolment is the user's choice


def verify(client, device, next_path="/"):
    return client.post(f"{reverse('two-factor')}?next={next_path}", {"token": token_for(device)})


def test_an_enrolled_user_gives_a_code_at_every_sign_in_even_when_two_factor_is_optional(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    for _ in range(2):  # the first sign-in, and again after signing out
        sign_in(client, officer_a)
        response = client.get(reverse("casework:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two-factor"))
        assert verify(client, device, "/casework/")["Location"] == "/casework/"
        assert client.get(reverse("casework:index")).status_code == 200
        device.last_t = -1  # the next sign-in's code is from the same 30 seconds; django-otp refuses a replay
        device.save()
        client.post(reverse("sign-out"))


def test_a_user_without_a_second_factor_signs_in_with_a_password_where_it_is_optional(client, officer_a):
    sign_in(client, officer_a)
    body = client.get(reverse("home")).content.decode()
    assert "Two-factor authentication is not yet set up for your account" in body
    assert reverse("two-factor-setup") in body


def test_the_home_page_of_an_enrolled_account_never_says_not_yet_set_up(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    sign_in(client, officer_a)
    verify(client, device)
    body = client.get(reverse("home")).content.decode()
    assert "not yet set up" not in body
    assert "Two-factor authentication is on for your account" in body
    assert reverse("two-factor-devices") in body


def test_adding_a_second_authenticator_from_a_verified_session(client, officer_a):
    first = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    sign_in(client, officer_a)
    verify(client, first)
    assert "Add another authenticator app" in client.get(reverse("two-factor-setup")).content.decode()
    second = TOTPDevice.objects.get(user=officer_a, confirmed=False)
    response = client.post(reverse("two-factor-setup"), {"token": token_for(second)})
    assert response["Location"] == reverse("two-factor-devices")
    assert TOTPDevice.objects.filter(user=officer_a, confirmed=True).count() == 2
    body = client.get(reverse("two-factor-devices")).content.decode()
    assert "Authenticator app 2" in body


def test_device_pages_need_a_verified_session(client, officer_a):
    TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    client.force_login(officer_a)  # signed in with a password only
    for url in (reverse("two-factor-devices"), reverse("two-factor-setup")):
        assert client.get(url)["Location"].startswith(reverse("two-factor"))


def test_backup_codes_are_shown_once_replace_the_old_ones_and_sign_in(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    sign_in(client, officer_a)
    verify(client, device)
    body = client.get(reverse("two-factor-devices")).content.decode()
    assert "You have 0 unused backup codes" in body
    client.post(reverse("two-factor-devices"))
    old = set(StaticToken.objects.filter(device__user=officer_a).values_list("token", flat=True))
    response = client.post(reverse("two-factor-devices"))
    new = set(StaticToken.objects.filter(device__user=officer_a).values_list("token", flat=True))
    assert len(new) == 10 and not old & new
    body = response.content.decode()
    code = sorted(new)[0]
    assert f"{code[:4]} {code[4:]}" in body
    assert "You have 10 unused backup codes" in body
    assert not any(code in str(entry.changes) for entry in LogEntry.objects.all() for code in new)
    client.post(reverse("sign-out"))
    sign_in(client, officer_a)
    response = client.post(f"{reverse('two-factor')}?next=/casework/", {"token": f"{code[:4]}-{code[4:].upper()}"})
    assert response["Location"] == "/casework/"
    assert StaticToken.objects.filter(device__user=officer_a).count() == 9  # each code works once


def test_removing_the_last_device_warns_first_and_takes_the_backup_codes_with_it(client, officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    sign_in(client, officer_a)
    verify(client, device)
    client.post(reverse("two-factor-devices"))
    url = reverse("two-factor-device-remove", args=[device.pk])
    page = client.get(url).content.decode()
    assert "This is the only authenticator app on your account" in page
    assert client.post(url).status_code == 200  # not confirmed: the warning again, nothing removed
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client.post(url, {"confirm": "yes"})["Location"] == reverse("two-factor-devices")
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert not StaticToken.objects.filter(device__user=officer_a).exists()
    assert "not yet set up" in client.get(reverse("home")).content.decode()


def test_removing_one_of_two_devices_needs_no_warning_and_only_ones_own(client, officer_a, officer_b):
    first = TOTPDevice.objects.create(user=officer_a, name="Authenticator app", confirmed=True)
    second = TOTPDevice.objects.create(user=officer_a, name="Authenticator app 2", confirmed=True)
    theirs = TOTPDevice.objects.create(user=officer_b, name="Authenticator app", confirmed=True)
    sign_in(client, officer_a)
    verify(client, first)
    url = reverse("two-factor-device-remove", args=[second.pk])
    assert "only authenticator" not in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert client.get(reverse("two-factor-device-remove", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("two-factor-device-remove", args=["9" * 40])).status_code == 404
    assert TOTPDevice.objects.filter(user=officer_b).exists()
