"""The page that logs a case from an email file, in the browser: zero axe violations, empty and with its errors,
and an .eml file chosen and logged."""

import pytest

from casework.models import Case
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.casework.test_email_intake import message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_a_case_from_an_email_file_page_is_accessible_and_works(
    seeded_after_flush, browser_page, live_server, officer_a, member_a, tmp_path
):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/casework/new/")
    page.goto(f"{live_server.url}/casework/new/")
    click_through(page, "text=Log a case from an email file (.eml or .msg)")
    assert page.locator("h1").inner_text() == "Log a case from an email file"
    assert_no_axe_violations(page, context="email file page")

    click_through(page, "button:has-text('Log the case')")
    assert page.locator(".govuk-error-summary").count() == 1
    assert "Choose the email file" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="email file page with errors")

    eml = tmp_path / "pothole.eml"
    eml.write_bytes(message())
    page.set_input_files("#id_email_file", str(eml))
    page.select_option("#id_case_type", label="Resident correspondence")
    page.select_option("#id_member", label=str(member_a))
    click_through(page, "button:has-text('Log the case')")
    case = Case.objects.get()
    assert page.url.endswith(case.get_absolute_url())
    assert "logged from the email" in page.locator(".govuk-notification-banner").inner_text()
    assert case.attachments.get().original_name == "photo-report.pdf"
