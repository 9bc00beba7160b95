"""The office's shared tools in a real browser (issue 16): an officer searches from the header box and follows a hit;
writes a how-to guide for a page, which that page then offers under "How do I ...?"; no axe violations on the
search results (with hits, with none, with a wrong search), the guides list, a guide and its form with errors."""

from datetime import date

import pytest

from mayoral_office import guides
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.casework.factories import CaseFactory, CorrespondentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_searches_from_the_header_and_writes_a_guide_for_a_page(
    seeded_after_flush, browser_page, live_server, settings, clock, officer_a, member_a, head
):
    settings.MFA_REQUIRED = False
    case = CaseFactory(member=member_a, correspondent=CorrespondentFactory(name="Marguerite Okonkwo"), subject="Damp")
    guides.guide_save(
        actor=head, title="How do I close a case?", body="Record the response, then close.", owner=head,
        review_on=date(2027, 6, 1),
    )  # fmt: skip
    page = browser_page
    sign_in(page, live_server, officer_a)
    page.fill("#header-search", "Okonkwo")
    click_through(page, ".app-header__search button")
    assert page.locator("h2", has_text="Cases (1)").count() == 1
    assert_no_axe_violations(page, context="search results")
    click_through(page, f"a:text-is('{case.reference}: Damp')")
    assert page.url.endswith(case.get_absolute_url())

    page.goto(f"{live_server.url}/search/?q=Xylophonequartz")
    assert page.locator("#search-none").count() == 1
    page.goto(f"{live_server.url}/search/?q=+")
    assert "Enter something to search for" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="a search with nothing to search for")

    click_through(page, "a:text-is('How-to guides')")
    assert_no_axe_violations(page, context="the guides list")
    click_through(page, "a:text-is('Write a guide')")
    click_through(page, "button:text-is('Save the guide')")
    assert "Write the guide" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="the guide form with errors")
    page.fill("#id_title", "How do I log a case from a letter?")
    page.fill("#id_body", "1. Choose **Log a case**.\n2. Type the surname.")
    page.select_option("#id_page", "casework:create")
    page.fill("#id_review_on_0", "1")
    page.fill("#id_review_on_1", "6")
    page.fill("#id_review_on_2", "2027")
    click_through(page, "button:text-is('Save the guide')")
    assert page.locator("h1").inner_text() == "How do I log a case from a letter?"
    assert page.locator("#guide-body strong").inner_text() == "Log a case"
    assert_no_axe_violations(page, context="a guide")

    page.goto(f"{live_server.url}/casework/new/")
    page.locator(".app-how-do-i summary").click()
    click_through(page, ".app-how-do-i a:text-is('How do I log a case from a letter?')")
    assert page.locator("h1").inner_text() == "How do I log a case from a letter?"


def test_an_officer_records_an_absence_with_cover(
    seeded_after_flush, browser_page, live_server, settings, clock, officer_a, exec_officer
):
    settings.MFA_REQUIRED = False
    page = browser_page
    sign_in(page, live_server, officer_a)
    click_through(page, "a:text-is('Absences')")
    assert page.locator("h1").inner_text() == "Absences and cover"
    click_through(page, "button:text-is('Record the absence')")
    assert "Choose who covers" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="absences with errors")
    page.select_option("#id_cover", label="Rupa Sen")
    for part, value in zip(("0", "1", "2"), ("2", "12", "2026"), strict=True):
        page.fill(f"#id_starts_on_{part}", value)
    for part, value in zip(("0", "1", "2"), ("11", "12", "2026"), strict=True):
        page.fill(f"#id_ends_on_{part}", value)
    click_through(page, "button:text-is('Record the absence')")
    assert (
        "Joanna Kowalska is away from 2 December to 11 December 2026; Rupa Sen covers."
        in page.locator("main").inner_text()
    )
    assert page.locator("#absence-list tbody tr").count() == 1
    assert_no_axe_violations(page, context="absences")


def test_an_officer_keeps_the_directory(
    seeded_after_flush, browser_page, live_server, settings, clock, officer_a, head
):
    from mayoral_office import directory

    settings.MFA_REQUIRED = False
    hospital = directory.organisation_save(actor=head, name="Royal London Hospital", kind="anchor", tags="health")
    directory.person_save(actor=head, name="Dr Helen Osei", role="Chief Executive", organisation=hospital)
    directory.partnership_save(actor=head, name="Partnership Executive Group", organisations=[hospital])
    page = browser_page
    sign_in(page, live_server, officer_a)
    click_through(page, "a:text-is('Directory')")
    assert page.locator("#directory-list tbody tr").count() == 1
    assert_no_axe_violations(page, context="the directory's organisations")
    click_through(page, "a:text-is('Add an organisation')")
    click_through(page, "button:text-is('Save')")
    assert page.locator(".govuk-error-summary").count() == 1
    assert_no_axe_violations(page, context="the organisation form with errors")
    page.fill("#id_name", "Eastbridge Food Bank")
    page.select_option("#id_kind", "voluntary")
    page.fill("#id_tags", "food, cost of living")
    click_through(page, "button:text-is('Save')")
    assert page.locator("h1").inner_text() == "Eastbridge Food Bank"
    assert_no_axe_violations(page, context="an organisation's page")
    page.goto(live_server.url + hospital.get_absolute_url())
    click_through(page, "a:text-is('Dr Helen Osei')")
    assert_no_axe_violations(page, context="a person's page")
    for url in ("/directory/people/", "/directory/partnerships/"):
        page.goto(live_server.url + url)
        assert_no_axe_violations(page, context=url)
    click_through(page, "a:text-is('Partnership Executive Group')")
    assert_no_axe_violations(page, context="a partnership")
