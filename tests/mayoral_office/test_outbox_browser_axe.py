"""The outbox pages and the email settings page in a real browser: no axe violations, and their buttons work."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from mayoral_office.models import ChaseEntry, Notification, User, Ward
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_outbox_pages_have_no_axe_violations(browser_page, live_server, settings, head):
    settings.MFA_REQUIRED = False
    failed = Notification.objects.create(
        to=["tenant@example.org"],
        subject="Repairs update",
        body="Dear tenant,\n\nThe repair is booked.",
        kind="casework.letter",
        status=Notification.Status.FAILED,
        attempts=2,
        last_error="The mail server could not be reached (ConnectionRefusedError: refused)",
    )
    digest = Notification.objects.create(
        to=[head.email], subject="Your work for Wednesday", body="…", kind="chase.digest", recipient=head
    )
    ward = Ward.objects.create(name="Bow East")
    ChaseEntry.objects.create(
        kind="test.kind",
        regarding_type=ContentType.objects.get_for_model(Ward),
        regarding_id=str(ward.pk),
        recipient=head,
        stage=ChaseEntry.Stage.HEAD,
        day=date(2026, 12, 2),
        due_on=date(2026, 11, 20),
        notification=digest,
    )
    page = browser_page
    sign_in(page, live_server, head)
    page.goto(f"{live_server.url}/outbox/")
    assert page.locator("h1").inner_text() == "Outbox"
    assert_no_axe_violations(page, context="outbox")
    page.goto(f"{live_server.url}/outbox/?status=lost")
    assert_no_axe_violations(page, context="outbox with a bad filter")
    page.goto(f"{live_server.url}/outbox/{digest.pk}/")
    assert "What it chased (1)" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="a chase digest")
    page.goto(f"{live_server.url}/outbox/{failed.pk}/")
    assert_no_axe_violations(page, context="a failed email")
    click_through(page, "[data-action='outbox.abandon'] button")
    assert "The email is abandoned" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="after abandoning")
    assert Notification.objects.get(pk=failed.pk).status == Notification.Status.ABANDONED


def test_the_email_settings_page_has_no_axe_violations(browser_page, live_server, settings, officer_a):
    settings.MFA_REQUIRED = False
    page = browser_page
    sign_in(page, live_server, officer_a)
    click_through(page, "header a[href='/account/email/']")
    assert_no_axe_violations(page, context="email settings")
    page.check("#id_chase_alerts")
    click_through(page, "main button.govuk-button")
    assert "Your email settings are saved" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="email settings saved")
    assert User.objects.get(pk=officer_a.pk).chase_alerts
