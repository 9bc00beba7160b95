"""Wide work queues (WCAG 1.4.10 reflow): at 320 px (400% zoom of 1280) no list page is wider than the viewport:
a wide table scrolls inside its own focusable, labelled region; at 1280 px the queue's columns fit the page."""

import pytest

from casework.models import ContributionRequest
from mayoral_office.audit import acting_as
from tests.browser.support import assert_no_axe_violations, sign_in
from tests.casework.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    "/casework/",
    "/casework/?queue=all",
    "/casework/contributions/",
    "/casework/by-member/",
    "/diary/invitations/",
    "/audit/",
    "/audit/access-log/",
]


@pytest.fixture
def lists_with_rows(seeded_after_flush, head, member_a, member_b, directorate):
    with acting_as(head):
        for n in range(12):
            case = CaseFactory(
                member=member_a if n % 2 else member_b,
                subject=f"Overgrown trees blocking the pavement outside number {n} Roman Road",
            )
            ContributionRequest.objects.create(
                case=case, directorate=directorate, question="What is the pruning schedule?", due_on=case.response_due
            )


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_list_page_is_wider_than_a_320_pixel_viewport(browser_page, live_server, head, lists_with_rows):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, live_server, head)
    for path in LISTS:
        page.goto(f"{live_server.url}{path}")
        assert _page_width(page) <= 320, f"{path} is {_page_width(page)} px wide at 320"
        for region in page.locator(".app-table-scroll").all():
            assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
            assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        assert_no_axe_violations(page, context=f"{path} at 320 px")


def test_the_queue_columns_fit_at_1280_pixels(browser_page, live_server, head, lists_with_rows):
    page = browser_page
    sign_in(page, live_server, head)
    for path in ["/casework/?queue=all", "/audit/"]:
        page.goto(f"{live_server.url}{path}")
        region = page.locator(".app-table-scroll").first
        scroll, client = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
        assert scroll <= client, f"{path}: the table is cut off ({scroll} px in {client} px)"
        assert _page_width(page) <= 1280
        assert_no_axe_violations(page, context=f"{path} at 1280 px")
