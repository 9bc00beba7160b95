import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mayoral_office.middleware import SIGNED_IN_AT
from mayoral_office.services import user_disable
from tests.mayoral_office.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("sign-in"), {"username": user.email, "password": password})


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_correct_password_signs_in(client, officer_a):
    response = sign_in(client, officer_a)
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_email_is_case_insensitive(client, officer_a):
    response = client.post(reverse("sign-in"), {"username": officer_a.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_shows_error_summary(client, officer_a):
    response = sign_in(client, officer_a, "not the password")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body


def test_missing_fields_show_plain_english_errors(client):
    body = client.post(reverse("sign-in"), {"username": "", "password": ""}).content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body


def test_six_wrong_passwords_lock_the_account(client, officer_a):
    for _ in range(4):
        assert sign_in(client, officer_a, "wrong password").status_code == 200
    # The fifth failure locks the account...
    assert sign_in(client, officer_a, "wrong password").status_code == 429
    # ...so the sixth attempt is refused even with the right password, and in any letter case.
    response = client.post(reverse("sign-in"), {"username": officer_a.email.upper(), "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_four_wrong_passwords_do_not_lock(client, officer_a):
    for _ in range(4):
        sign_in(client, officer_a, "wrong password")
    assert sign_in(client, officer_a).status_code == 302


def test_each_request_extends_an_idle_session_by_thirty_minutes(client, officer_a):
    client.force_login(officer_a)
    client.get(reverse("home"))
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)


def _expires(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_a_minute_after_the_last_save_restarts_the_idle_timeout_and_one_sooner_writes_nothing(
    client, officer_a, clock
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer_a)
    client.get(reverse("home"))
    saved = _expires(client)
    clock.shift(seconds=50)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)
    assert _expires(client) == saved  # 50 seconds on: not saved again
    clock.shift(seconds=15)
    client.get(reverse("home"))
    assert _expires(client) - saved >= timedelta(seconds=65)  # 65 seconds after the save: 30 minutes from now
    assert timedelta(minutes=29) < _expires(client) - timezone.now() <= timedelta(minutes=30)


def test_a_session_idle_for_thirty_minutes_after_a_request_is_signed_out(client, officer_a, clock):
    client.force_login(officer_a)
    client.get(reverse("home"))
    clock.shift(seconds=40)
    assert client.get(reverse("home")).status_code == 200  # not saved: the 30 minutes run from the first request
    clock.shift(minutes=29, seconds=30)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))


def test_an_idle_session_expires(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("home")).status_code == 200
    # 31 minutes without a request: the stored session has expired.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))


def test_session_ends_ten_hours_after_sign_in_however_active(client, officer_a):
    client.force_login(officer_a)
    client.get(reverse("home"))
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 10 * 3600 - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_disabled_user_session_stops_at_next_request(client, officer_a, head):
    client.force_login(officer_a)
    assert client.get(reverse("home")).status_code == 200
    ended = user_disable(actor=head, user=officer_a)
    assert ended == 1
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))


def test_disabling_in_the_admin_ends_the_session(client, officer_a, head):
    officer_client = client
    officer_client.force_login(officer_a)
    from django.test import Client

    admin = Client()
    admin.force_login(head)
    change_url = reverse("admin:mayoral_office_user_change", args=[officer_a.pk])
    form = {
        "email": officer_a.email,
        "full_name": officer_a.full_name,
        "job_title": officer_a.job_title,
        "phone": "",
        "directorate": "",
        "groups": [g.pk for g in officer_a.groups.all()],
        "is_staff": "",
    }
    response = admin.post(change_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    officer_a.refresh_from_db()
    assert not officer_a.is_active
    assert officer_client.get(reverse("home")).status_code == 302


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def require_mfa(self, settings):
        settings.MFA_REQUIRED = True

    def test_first_sign_in_requires_enrolment(self, client, officer_a):
        sign_in(client, officer_a)
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two-factor-setup"))

    def test_enrolment_with_a_valid_code_confirms_the_device(self, client, officer_a):
        sign_in(client, officer_a)
        page = client.get(reverse("two-factor-setup"))
        assert "Set up two-factor authentication" in page.content.decode()
        device = TOTPDevice.objects.get(user=officer_a, confirmed=False)
        response = client.post(reverse("two-factor-setup"), {"token": token_for(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(reverse("home")).status_code == 200

    def test_enrolment_rejects_a_wrong_code(self, client, officer_a):
        sign_in(client, officer_a)
        client.get(reverse("two-factor-setup"))
        body = client.post(reverse("two-factor-setup"), {"token": "000000"}).content.decode()
        assert "The security code is wrong" in body
        assert not TOTPDevice.objects.filter(user=officer_a, confirmed=True).exists()
        assert client.get(reverse("home")).status_code == 302

    def test_enrolled_user_must_enter_a_code(self, client, officer_a):
        device = TOTPDevice.objects.create(user=officer_a, name="app", confirmed=True)
        sign_in(client, officer_a)
        response = client.get(reverse("casework:index"))
        assert response["Location"].startswith(reverse("two-factor"))
        assert client.post(reverse("two-factor"), {"token": "12ab56"}).status_code == 200
        response = client.post(f"{reverse('two-factor')}?next=/casework/", {"token": token_for(device)})
        assert response.status_code == 302
        assert response["Location"] == "/casework/"
        assert client.get(reverse("casework:index")).status_code == 200

    def test_next_cannot_send_the_user_off_site(self, client, officer_a):
        device = TOTPDevice.objects.create(user=officer_a, name="app", confirmed=True)
        sign_in(client, officer_a)
        response = client.post(f"{reverse('two-factor')}?next=https://evil.example/", {"token": token_for(device)})
        assert response["Location"] == reverse("home")


def test_sign_out_needs_post(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("sign-out")).status_code == 405
    assert client.post(reverse("sign-out")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
