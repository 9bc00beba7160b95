"""The commissioning pages in a real browser, scanned with axe (zero violations): the commission page as the
directorate contact (who writes and submits the section) and as the lead officer (who returns it), the list, the
draft page with its preview, the form asking for a section, and the landing page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from briefings.models import Commission, CommissionState
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def records(seeded_after_flush, member_a, officer_a, directorate_contact):
    pack = make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 9))
    make_section(pack, body="The other section's text, never shown to the contact.", title="Summary briefing note")
    section = make_section(pack, kind="key_messages", title="Key messages", body="")
    late = make_section(make_pack(member_a, lead_officer=officer_a, title="Tenants' forum", due_on=date(2026, 12, 3)))
    make_commission(late, assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 1))
    commission = make_commission(section, assignee=directorate_contact, requested_by=officer_a)
    free = make_section(pack, kind="press", title="Press lines", body="")
    return {"pack": pack, "commission": commission, "free": free}


def test_the_contact_writes_and_submits_and_the_officer_returns_it(
    browser_page, live_server, records, officer_a, directorate_contact
):
    page = browser_page
    commission = records["commission"]
    sign_in(page, live_server, directorate_contact, next_path=commission.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Key messages")
    assert "never shown to the contact" not in page.content()
    assert_no_axe_violations(page, context="the commission page, as the contact")
    page.goto(f"{live_server.url}/briefings/commissions/?scope=mine")
    assert_no_axe_violations(page, context="the commission list, as the contact")

    page.goto(live_server.url + commission.get_absolute_url())
    click_through(page, "text=Write the section")
    page.fill("#id_body", "## Funding\n\nThe hub cost **£2m**.")
    click_through(page, "button[name=preview]")
    expect(page.locator("#preview h2")).to_have_text("Funding")
    assert_no_axe_violations(page, context="the draft page with a preview")
    click_through(page, "button[name=submit]")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your draft has been saved")
    click_through(page, "text=Submit to the Mayor's Office")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("submitted")
    assert Commission.objects.get(pk=commission.pk).state == CommissionState.SUBMITTED

    page.context.clear_cookies()
    sign_in(page, live_server, officer_a, next_path=commission.get_absolute_url())
    assert_no_axe_violations(page, context="the commission page, as the officer")
    click_through(page, "text=Return with comments")
    click_through(page, "main form button.govuk-button")  # no comments: the error summary
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what needs to change")
    assert_no_axe_violations(page, context="returning with an error")
    page.fill("#id_comments", "Add the opening hours")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("returned")
    assert Commission.objects.get(pk=commission.pk).state == CommissionState.RETURNED


def test_the_officers_pages_have_no_axe_violations(browser_page, live_server, records, officer_a):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/briefings/")
    expect(page.locator("h1")).to_have_text("Briefings")
    assert_no_axe_violations(page, context="the landing page")
    for path in ("/briefings/commissions/", "/briefings/commissions/?scope=late", "/briefings/commissions/?due_from=x"):
        page.goto(live_server.url + path)
        assert_no_axe_violations(page, context=path)
    page.goto(f"{live_server.url}/briefings/sections/{records['free'].pk}/commission/")
    assert_no_axe_violations(page, context="asking for a section")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose who to ask for the section")
    assert_no_axe_violations(page, context="asking for a section, with errors")


def test_a_members_landing_page_has_no_axe_violations(
    browser_page, live_server, seeded_after_flush, member_a, member_a_user, officer_a
):
    make_pack(member_a, lead_officer=officer_a, title="Issued pack", latest_version=1)
    page = browser_page
    sign_in(page, live_server, member_a_user, next_path="/briefings/")
    expect(page.locator("#issued")).to_have_text("Your briefing packs")
    assert_no_axe_violations(page, context="the member's landing page")
