import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_no_axe_violations, give_totp_device, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_with_two_factor_and_home_has_no_axe_violations(
    browser_page, live_server, settings, officer_a
):
    settings.MFA_REQUIRED = True
    give_totp_device(officer_a)
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert "/sign-in/" in page.url
    assert_no_axe_violations(page, context="sign-in page")
    sign_in(page, live_server, officer_a)
    assert page.url == f"{live_server.url}/"
    assert page.locator("h1").inner_text() == "Welcome, " + officer_a.get_short_name()
    assert "Cabinet Support Officer" in page.locator("main").inner_text()
    for label in ["Casework", "Diary", "Briefings", "Decisions", "Procurement"]:
        assert page.get_by_role("link", name=label, exact=True).first.is_visible()
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert_no_axe_violations(page, context="home page")


def test_two_factor_pages_have_no_axe_violations(browser_page, live_server, settings, officer_a):
    settings.MFA_REQUIRED = True
    page = browser_page
    sign_in(page, live_server, officer_a)
    assert "/two-factor/setup/" in page.url
    assert_no_axe_violations(page, context="two-factor setup")
    page.click("main button.govuk-button")  # no code entered
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page
    assert_no_axe_violations(page, context="two-factor setup with errors")


def test_pages_run_under_the_real_csp_without_violations(chromium, live_server, settings, officer_a):
    """Without bypass_csp: the GOV.UK scripts and htmx load, and the browser reports no CSP violation on the
    sign-in, two-factor and home pages."""
    settings.MFA_REQUIRED = True
    context = chromium.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{live_server.url}/sign-in/")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    give_totp_device(officer_a)
    sign_in(page, live_server, officer_a)
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert page.evaluate("typeof window.htmx") == "object"
    context.close()
    assert [m for m in messages if "Content Security Policy" in m] == []


def test_device_management_pages_have_no_axe_violations(browser_page, live_server, settings, officer_a):
    settings.MFA_REQUIRED = False  # as under `make run`: once enrolled, still a code at sign-in
    give_totp_device(officer_a)
    page = browser_page
    sign_in(page, live_server, officer_a)
    assert page.url == f"{live_server.url}/"
    with page.expect_navigation():
        page.get_by_role("link", name="Manage your devices and backup codes").click()
    assert_no_axe_violations(page, context="two-factor devices")
    with page.expect_navigation():
        page.get_by_role("button", name="Make backup codes").click()
    assert page.get_by_role("list", name="Backup codes").locator("li").count() == 10
    assert_no_axe_violations(page, context="new backup codes")
    with page.expect_navigation():
        page.get_by_role("link", name="Remove Authenticator app").click()
    assert "only authenticator app" in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="remove the last device")
