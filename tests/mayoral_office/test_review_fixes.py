"""Sign-in identity, audit addresses, configuration rights, the outbox and other guards."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from mayoral_office.audit import client_ip
from mayoral_office.mailer import deliver
from mayoral_office.models import Notification, User
from mayoral_office.outbox import queue_email
from mayoral_office.services import user_disable
from mayoral_office.tasks import send_outbox
from tests.mayoral_office.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class TestEmailIdentity:
    def test_addresses_are_stored_in_one_spelling(self):
        user = UserFactory(email="  Mixed.Case@Eastbridge.GOV.uk ")
        assert user.email == "mixed.case@eastbridge.gov.uk"

    def test_a_second_account_differing_only_in_case_is_refused(self, officer_a):
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.filter(pk=officer_a.pk).update(email="x@eastbridge.gov.uk")
            User.objects.create(email="placeholder@eastbridge.gov.uk", full_name="B")
            User.objects.filter(email="placeholder@eastbridge.gov.uk").update(email="X@EASTBRIDGE.GOV.UK")

    def test_look_alike_spelling_does_not_sign_in(self, client):
        user = UserFactory(email="senior.exec@eastbridge.gov.uk")
        look_alike = "senior.exec@eastbr\u0131dge.gov.uk"  # dotless i, which PostgreSQL matches to "I"
        response = client.post(reverse("sign-in"), {"username": look_alike, "password": PASSWORD})
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()
        assert client.post(reverse("sign-in"), {"username": user.email, "password": PASSWORD}).status_code == 302

    def test_admin_add_form_stores_lower_case(self, client, head):
        client.force_login(head)
        response = client.post(
            reverse("admin:mayoral_office_user_add"),
            {
                "email": "New.Person@Eastbridge.gov.uk",
                "full_name": "New Person",
                "password1": "a long enough passphrase 42",
                "password2": "a long enough passphrase 42",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert User.objects.filter(email="new.person@eastbridge.gov.uk").exists()


class TestClientAddress:
    def test_forwarded_for_is_ignored_without_a_trusted_proxy(self, settings):
        settings.PROXY_COUNT = 0
        request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")
        assert client_ip(request) == "10.1.2.3"

    def test_behind_one_proxy_the_address_it_saw_is_used(self, settings):
        settings.PROXY_COUNT = 1
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 81.2.69.160")
        assert client_ip(request) == "81.2.69.160"

    def test_audit_entries_cannot_be_given_a_forged_address(self, client, head, member_a, settings):
        settings.PROXY_COUNT = 0
        client.force_login(head)
        client.post(
            reverse("admin:mayoral_office_member_change", args=[member_a.pk]),
            {
                "name": member_a.name,
                "office": member_a.office,
                "title": "Changed",
                "ward": member_a.ward_id,
                "email": member_a.email,
                "active_from": "01/05/2024",
                "active_to": "",
                "support_assignments-TOTAL_FORMS": "0",
                "support_assignments-INITIAL_FORMS": "0",
            },
            REMOTE_ADDR="10.1.2.3",
            HTTP_X_FORWARDED_FOR="6.6.6.6",
        )
        entry = LogEntry.objects.filter(object_pk=str(member_a.pk), action=LogEntry.Action.UPDATE).latest("timestamp")
        assert entry.remote_addr == "10.1.2.3"


class TestConfigurationRights:
    def test_head_of_office_sees_the_configuration_tables(self, client, head):
        client.force_login(head)
        body = client.get(reverse("admin:index")).content.decode()
        for table in ["Closure days", "Members", "Support assignments", "Users", "Directorates"]:
            assert table in body

    def test_head_of_office_cannot_make_an_administrator(self, client, head, officer_a):
        client.force_login(head)
        body = client.get(reverse("admin:mayoral_office_user_change", args=[officer_a.pk])).content.decode()
        assert 'name="is_superuser"' not in body

    def test_officers_cannot_open_configuration(self, client, officer_a):
        officer_a.is_staff = False
        officer_a.save()
        client.force_login(officer_a)
        assert client.get(reverse("admin:index")).status_code == 302

    def test_only_the_head_can_disable_accounts(self, intern, head):
        with pytest.raises(PermissionDenied):
            user_disable(actor=intern, user=head)
        head.refresh_from_db()
        assert head.is_active


class TestOutbox:
    def test_an_email_is_sent_once_however_often_it_is_sent(self, mailoutbox):
        notification = queue_email(to=["a@eastbridge.gov.uk"], subject="Reminder", body="Due today")
        deliver(notification)
        deliver(Notification.objects.get(pk=notification.pk))
        send_outbox()
        assert len(mailoutbox) == 1

    def test_the_sweep_retries_failures_and_releases_stale_claims(self, mailoutbox):
        old = timezone.now() - timedelta(minutes=30)
        failed = Notification.objects.create(to=["a@x.gov.uk"], subject="Failed", body="b", status="failed")
        stale = Notification.objects.create(
            to=["b@x.gov.uk"], subject="Stale", body="b", status="sending", claimed_at=old
        )
        fresh = Notification.objects.create(to=["c@x.gov.uk"], subject="Fresh", body="b")
        Notification.objects.filter(pk__in=[failed.pk, stale.pk]).update(created_at=old)
        assert send_outbox() == 2
        assert sorted(m.subject for m in mailoutbox) == ["Failed", "Stale"]
        fresh.refresh_from_db()
        assert fresh.status == Notification.Status.PENDING

    def test_send_outbox_command(self, mailoutbox, capsys):
        n = Notification.objects.create(to=["a@x.gov.uk"], subject="Queued", body="b")
        Notification.objects.filter(pk=n.pk).update(created_at=timezone.now() - timedelta(minutes=5))
        call_command("send_outbox")
        assert "Sent 1 email(s)." in capsys.readouterr().out


def test_seed_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="does not run when DJANGO_ENV=production"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_sort_links_escape_their_label(rf):
    html = Template('{% load office %}{% sort_link "when" label %}').render(
        Context({"request": rf.get("/?ordering=when"), "label": "<script>alert(1)</script>"})
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "ordering=-when" in html and "(sorted ascending)" in html


class TestTwoFactorEdges:
    @pytest.fixture(autouse=True)
    def require_mfa(self, settings):
        settings.MFA_REQUIRED = True

    def test_the_next_address_survives_the_two_factor_redirect(self, client, officer_a):
        client.force_login(officer_a)
        response = client.get("/casework/?q=a&next=/audit/")
        assert response["Location"] == "/two-factor/setup/?next=%2Fcasework%2F%3Fq%3Da%26next%3D%2Faudit%2F"

    def test_only_a_verified_session_can_add_a_second_authenticator(self, client, officer_a):
        """A stolen password alone cannot add the thief's phone (adding one from a verified session is allowed:
        tests/mayoral_office/test_two_factor_devices.py)."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=officer_a, name="app", confirmed=True)
        client.post(reverse("sign-in"), {"username": officer_a.email, "password": PASSWORD})
        response = client.get(reverse("two-factor-setup"))
        assert response.status_code == 302 and response["Location"] == reverse("two-factor")
        assert TOTPDevice.objects.filter(user=officer_a).count() == 1

    def test_two_unconfirmed_devices_do_not_break_enrolment(self, client, officer_a):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=officer_a, name="tab 1", confirmed=False)
        TOTPDevice.objects.create(user=officer_a, name="tab 2", confirmed=False)
        client.force_login(officer_a)
        assert client.get(reverse("two-factor-setup")).status_code == 200
