"""An email file dropped on the intake form, in the browser: the form is read and comes back filled in (zero axe
violations, also with the errors of an unreadable file), and the case is logged with the email's attachment."""

import base64

import pytest

from casework.models import Case
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.casework.test_email_intake import message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DROP = """([name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, { type: "message/rfc822" }));
  return data;
}"""


def drop(page, selector: str, name: str, raw: bytes):
    """Drag a file from the desktop and let go of it over `selector`, as an officer does from their mail program."""
    data = page.evaluate_handle(DROP, [name, base64.b64encode(raw).decode()])
    page.dispatch_event(selector, "dragover", {"dataTransfer": data})
    with page.expect_navigation():
        page.dispatch_event(selector, "drop", {"dataTransfer": data})


def test_an_email_dropped_on_the_intake_form_fills_it_in_and_is_logged(
    seeded_after_flush, browser_page, live_server, officer_a, member_a
):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/casework/new/")
    page.goto(f"{live_server.url}/casework/new/")
    assert page.locator("[data-email-drop] #id_email_file").count() == 1
    assert_no_axe_violations(page, context="intake form")

    drop(page, "#id_subject", "notes.eml", b"\x00\x01 not an email")
    assert "This file is not an email" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="intake form, an unreadable email dropped")

    drop(page, "#id_subject", "pothole.eml", message())
    assert page.locator(".govuk-error-summary").count() == 0
    assert page.input_value("#id_subject") == "Potholes on Mile End Road"
    assert page.input_value("#id_name") == "Jo Resident"
    assert page.input_value("#id_email") == "jo.resident@example.org"
    assert page.is_checked("input[name=channel][value=email]")
    assert "Attachments kept with the case: photo-report.pdf" in page.locator("#email-read").inner_text()
    assert_no_axe_violations(page, context="intake form, an email read")

    page.select_option("#id_case_type", label="Resident correspondence")
    page.select_option("#id_member", label=str(member_a))
    click_through(page, "button[name=submit]")
    case = Case.objects.get()
    assert page.url.endswith(case.get_absolute_url())
    assert (case.subject, case.correspondent.email) == ("Potholes on Mile End Road", "jo.resident@example.org")
    assert case.attachments.get().original_name == "photo-report.pdf"
