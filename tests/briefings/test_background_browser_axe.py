"""The background proposal page in a real browser, scanned with axe (issue 12, acceptance 6: zero violations): the
checklist as proposed, and after submitting it with nothing ticked (the error summary), then accepting it."""

import pytest

from briefings.models import Section, SectionKind
from tests.briefings.factories import make_pack
from tests.briefings.test_background import ORGANISER, VENUE, a_case
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.diary.factories import at, make_engagement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_proposal_page_has_no_axe_violations(seeded_after_flush, browser_page, live_server, member_a, officer_a):
    engagement = make_engagement(
        member_a, start=at(2026, 12, 10, 14), organiser=ORGANISER, location=VENUE, lead_officer=officer_a
    )
    make_engagement(member_a, start=at(2026, 3, 5, 18), title="Tenants' AGM", organiser=ORGANISER)
    for n in range(2):
        a_case(member_a, ward=member_a.ward, officer=officer_a, subject=f"Street lighting {n}")
    pack = make_pack(member_a, lead_officer=officer_a, engagement=engagement, ward=member_a.ward)
    page = browser_page
    path = f"/briefings/packs/{pack.pk}/background/"
    sign_in(page, live_server, officer_a, next_path=path)
    page.goto(live_server.url + path)
    assert page.locator("input[name=lines]:checked").count() == 3
    assert_no_axe_violations(page, context="the proposal")
    for box in page.locator("input[name=lines]").all():
        box.uncheck()
    click_through(page, "main form button.govuk-button")
    assert "Choose at least one record" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="the proposal with an error")
    page.locator("input[name=lines]").first.check()
    page.fill("#id_intro", "What the office already knows.")
    with page.expect_navigation():
        page.click("main form button.govuk-button")
    section = Section.objects.get(pack=pack, kind=SectionKind.BACKGROUND)
    assert section.body.startswith("What the office already knows.") and len(section.snapshot) == 1
