"""The dashboard in a real browser: the Head of Mayor's Office opens it from the menu, it has no axe violations (with
its charts drawn, and with a wrong period), and a figure leads to the list it counts."""

from datetime import date, timedelta

import pytest

from casework.models import Status
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.casework.factories import CaseFactory, aware

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_opens_the_dashboard_and_follows_a_figure_to_its_list(
    seeded_after_flush, browser_page, live_server, settings, clock, head
):
    settings.MFA_REQUIRED = False
    today = clock.today
    for n, status in enumerate([Status.ALLOCATED, Status.ALLOCATED, Status.ALLOCATED, Status.DRAFTING]):
        received = today - timedelta(days=20 + n)
        CaseFactory(status=status, received_at=aware(received), response_due=received + timedelta(days=14))
    CaseFactory(
        status=Status.RESPONSE_SENT,
        received_at=aware(today - timedelta(days=10)),
        response_due=today,
        response_sent_on=today - timedelta(days=2),
    )
    page = browser_page
    sign_in(page, live_server, head)
    click_through(page, "nav a:text-is('Dashboard')")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("canvas[data-dashboard-chart]").count() >= 5  # drawn by Chart.js from each table's figures
    assert_no_axe_violations(page, context="the dashboard")

    allocated = page.locator("#casework-open-by-stage tr", has_text="Allocated").locator("a")
    assert allocated.inner_text() == "3"
    click_through(page, "#casework-open-by-stage tr:has-text('Allocated') a")
    assert "/casework/" in page.url and "status=allocated" in page.url
    assert page.locator("#case-list tbody tr").count() == 3
    assert "of 3" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/dashboard/?period=custom&start=2026-12-01&end=2026-11-01")
    assert "The period must start on or before the day it ends" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, context="the dashboard with a wrong period")

    page.goto(f"{live_server.url}/briefings/engagements/?date_from={date(2026, 12, 1)}&date_to={date(2026, 12, 20)}")
    assert page.locator("h1").inner_text() == "Engagements and their briefings"
    assert_no_axe_violations(page, context="engagements and their briefings")
