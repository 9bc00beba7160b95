"""The speech library's pages in a real browser, scanned with axe (issue 12, acceptance 6: zero violations): the
list with its filters open, the passage form with errors, a passage's page, and inserting it into a section."""

from datetime import date

import pytest

from briefings.models import Passage, PassageUse
from tests.briefings.factories import make_pack, make_passage, make_section
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_library_pages_have_no_axe_violations(seeded_after_flush, browser_page, live_server, member_a, officer_a):
    make_passage(officer_a, title="Mayor's biography", kind="biography", body="Born in Eastbridge.")
    make_passage(officer_a, title="Old figure", kind="statistic", body="12%.", source="ONS", review_on=date(2026, 1, 1))
    section = make_section(make_pack(member_a, lead_officer=officer_a), body="The hub opens on Saturday.")
    page = browser_page
    sign_in(page, live_server, officer_a, next_path="/briefings/library/")
    page.goto(f"{live_server.url}/briefings/library/?q=figure")
    assert "Review due" in page.locator("#passage-list").inner_text()
    assert_no_axe_violations(page, context="the library list")

    page.goto(f"{live_server.url}/briefings/library/new/")
    assert_no_axe_violations(page, context="the passage form")
    page.check("input[name=kind][value=statistic]")
    page.fill("#id_body", "1,240 new council homes since May 2022.")
    click_through(page, "main form button.govuk-button")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter a title for the passage" in summary and "Enter where the statistic comes from" in summary
    assert_no_axe_violations(page, context="the passage form with errors")
    assert not Passage.objects.filter(body__startswith="1,240").exists()

    page.fill("#id_title", "Homes built since 2022")
    page.fill("#id_source", "Housing delivery monitoring report")
    for name, value in (("source_date_0", "31"), ("source_date_1", "10"), ("source_date_2", "2026")):
        page.fill(f"#id_{name}", value)
    click_through(page, "main form button.govuk-button")
    passage = Passage.objects.get(title="Homes built since 2022")
    assert page.url.endswith(passage.get_absolute_url())
    assert_no_axe_violations(page, context="a passage's page")

    page.goto(f"{live_server.url}/briefings/sections/{section.pk}/insert/?q=homes")
    assert_no_axe_violations(page, context="inserting a passage")
    page.check("#id_passage")
    with page.expect_navigation():
        page.click("main form[method=post] button.govuk-button")
    assert PassageUse.objects.get().passage == passage
    page.goto(live_server.url + passage.get_absolute_url())
    assert section.pack.title in page.locator("main").inner_text()
    assert_no_axe_violations(page, context="a passage's page with where it was used")
