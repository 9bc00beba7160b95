"""Acceptance 1 and 8: the whole journey in the browser, with an axe scan of every casework page it visits.

An officer logs a letter from a resident to a Cabinet Member, allocates it, asks a directorate for a
contribution (which the directorate contact answers), drafts a response, the member approves it, the response
letter PDF is produced, the response is recorded and the case closes."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Case, Draft, Status
from mayoral_office.working_days import add_working_days
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_user(page, live_server, user, path):
    page.context.clear_cookies()
    sign_in(page, live_server, user, next_path=path)
    page.goto(f"{live_server.url}{path}")


def test_full_casework_journey_in_the_browser(
    seeded_after_flush,
    browser_page,
    live_server,
    officer_a,
    member_a_user,
    member_a,
    directorate,
    directorate_contact,
):
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/casework/")
    page.goto(f"{live_server.url}/casework/")
    assert_no_axe_violations(page, context="work queue")

    # Intake
    click_through(page, "text=Log correspondence")
    assert_no_axe_violations(page, context="intake form")
    page.click("#id_submit")  # empty form: GOV.UK error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page
    assert "Enter the date received" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="intake form with errors")
    assert Case.objects.count() == 0

    today = timezone.localdate()
    page.select_option("#id_case_type", label="Resident correspondence")
    page.check("input[name=channel][value=letter]")
    page.fill("#id_received_date_0", str(today.day))
    page.fill("#id_received_date_1", str(today.month))
    page.fill("#id_received_date_2", str(today.year))
    page.select_option("#id_member", label=str(member_a))
    page.check("input[name=kind][value=resident]")
    page.fill("#id_name", "Margaret Okafor")
    page.fill("#id_address", "14 Roman Road\nLondon")
    page.fill("#id_postcode", "e3 5ln")
    page.fill("#id_email", "margaret@example.org")
    page.fill("#id_subject", "Damp and mould in my flat")
    page.fill("#id_summary", "Black mould in the bedroom; repairs not booked.")
    page.click("#id_submit")
    page.wait_for_selector("h1:has-text('Damp and mould in my flat')")
    case = Case.objects.get()
    assert case.reference.startswith(f"MO/{today.year}/")
    assert case.correspondent.postcode == "E3 5LN"
    assert_no_axe_violations(page, context="case page")
    case_url = page.url

    # Allocation
    click_through(page, "a:has-text('Allocate')")
    assert_no_axe_violations(page, context="allocate")
    page.select_option("#id_officer", label=officer_a.full_name)
    page.click("#id_submit")
    page.wait_for_selector("text=The case is allocated.")
    case.refresh_from_db()
    assert (case.status, case.officer) == (Status.ALLOCATED, officer_a)

    # Contribution request
    click_through(page, "text=Ask a directorate")
    assert_no_axe_violations(page, context="contribution request")
    page.select_option("#id_directorate", label=directorate.name)
    page.fill("#id_question", "Please tell us when the damp survey will happen.")
    page.click("#id_submit")
    page.wait_for_selector("#contributions")
    assert "Due" in page.locator("#contributions").inner_text()
    case.refresh_from_db()
    assert case.status == Status.WITH_DIRECTORATE

    # The directorate contact answers in the app
    contribution = case.contributions.get()
    _switch_user(page, live_server, directorate_contact, "/casework/contributions/")
    assert_no_axe_violations(page, context="contact's requests")
    click_through(page, f"text={case.reference}")
    assert_no_axe_violations(page, context="contribution answer form")
    page.fill("#id_answer", "The survey is booked for next Tuesday and repairs will follow within 10 days.")
    page.click("#id_submit")
    page.wait_for_selector("text=Your contribution has been sent")
    contribution.refresh_from_db()
    assert contribution.answered_by == directorate_contact

    # Drafting
    _switch_user(page, live_server, officer_a, case_url.replace(live_server.url, ""))
    assert "Received" in page.locator("#contributions").inner_text()
    click_through(page, "text=Draft the response")
    assert_no_axe_violations(page, context="draft form")
    page.fill("#id_body", "Thank you for writing to me about the damp in your flat. A survey is booked.")
    page.click("#id_submit")
    page.wait_for_selector("text=The draft is saved as a new version.")
    page.click(f"text=Send to {member_a.name} for approval")
    page.wait_for_selector("text=is sent to")
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPROVAL

    # The member approves
    _switch_user(page, live_server, member_a_user, case_url.replace(live_server.url, ""))
    assert_no_axe_violations(page, context="case page for the member")
    click_through(page, "text=Approve or return the draft")
    assert_no_axe_violations(page, context="approval form")
    page.check("input[name=decision][value=approve]")
    page.click("#id_submit")
    page.wait_for_selector("text=Your decision is recorded.")
    draft = Draft.objects.get()
    assert draft.state == Draft.State.APPROVED and not draft.reviewed_on_behalf

    # The letter PDF, the response and closure
    _switch_user(page, live_server, officer_a, case_url.replace(live_server.url, ""))
    letter_href = page.get_attribute("a:has-text('Response letter (PDF)')", "href")
    pdf = page.request.get(f"{live_server.url}{letter_href}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    click_through(page, "text=Record the response")
    assert_no_axe_violations(page, context="record response")
    page.click("#id_submit")  # today's date and 'Letter' are filled in
    page.wait_for_selector("text=The response is recorded.")
    click_through(page, "text=Close the case")
    assert_no_axe_violations(page, context="close")
    page.click("#id_submit")
    page.wait_for_selector("text=The case is now 'closed'.")
    assert_no_axe_violations(page, context="closed case")
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    history = list(case.events.filter(kind="stage").values_list("to_status", flat=True))
    assert history == [
        "received",
        "allocated",
        "with_directorate",
        "drafting",
        "drafting",
        "awaiting_approval",
        "approved",
        "response_sent",
        "closed",
    ] or history[-4:] == ["awaiting_approval", "approved", "response_sent", "closed"]

    # The lists and the correspondent page are accessible too
    page.goto(f"{live_server.url}/casework/?queue=all")
    assert_no_axe_violations(page, context="all cases")
    page.goto(f"{live_server.url}/casework/?queue=all&q=damp&status=closed")
    assert case.reference in page.content()
    assert_no_axe_violations(page, context="filtered list")
    page.goto(f"{live_server.url}/casework/correspondents/{case.correspondent_id}/")
    assert_no_axe_violations(page, context="correspondent page")


def test_every_other_casework_page_has_no_axe_violations(
    seeded_after_flush, browser_page, live_server, officer_a, member_a, head, directorate
):
    from casework import services
    from tests.casework.factories import CorrespondentFactory, case_type

    case = services.case_log(
        actor=officer_a,
        case_type=case_type("resident"),
        received_at=timezone.now(),
        member=member_a,
        correspondent=CorrespondentFactory(),
        subject="Street lighting out",
        summary="Four lamp posts dark",
        sensitivity="sensitive",
    )
    services.case_allocate(actor=officer_a, case=case, officer=officer_a)
    services.contribution_request(
        actor=officer_a,
        case=case,
        directorate=directorate,
        question="When?",
        due_on=add_working_days(timezone.localdate(), 1),  # a due date must be a working day
    )
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/casework/")
    base = f"{live_server.url}/casework/{case.pk}"
    for path, label in [
        ("/edit/", "edit"),
        ("/hold/", "hold"),
        ("/extend/", "extend"),
        ("/timeline/", "timeline entry"),
        ("/documents/", "add document"),
        ("/link/", "link"),
        ("/drafts/new/", "draft"),
        ("/move/drafting/", "mark as drafting"),  # with the directorate: no reply needed is not offered
    ]:
        page.goto(f"{base}{path}")
        assert_no_axe_violations(page, context=label)
        click_through(page, "#id_submit")  # submitted empty or unchanged: an error summary, or a saved change
        assert_no_axe_violations(page, context=f"{label} after submit")
    # a second request to the same directorate: a warning and the "send anyway" checkbox
    page.goto(f"{base}/contributions/new/")
    page.select_option("#id_directorate", label=directorate.name)
    page.fill("#id_question", "And the repair history?")
    click_through(page, "#id_submit")
    assert page.locator("input[name=confirm]").count() == 1
    assert_no_axe_violations(page, context="contribution warning")
    for path in [
        "/casework/by-member/",
        "/casework/contributions/",
        "/casework/?queue=overdue",
        "/casework/?received_from=31/02/2026",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(page, context=path)
    page.goto(f"{base}/")
    page.click("text=Put on hold (stop the clock)")
    page.fill("#id_reason", "Waiting for photographs")
    page.click("#id_submit")
    page.wait_for_selector("text=The case is on hold")
    assert_no_axe_violations(page, context="case on hold")
    page.click("text=Restart the clock")
    page.wait_for_selector("text=The clock has restarted")
    assert_no_axe_violations(page, context="case after restart")
