"""Issue 11, acceptance 3, in a real browser: an officer schedules a CLT meeting, builds the agenda, records the
minutes with a decision and two actions; one action is closed, the other appears as matters arising on the next CLT
agenda; the agenda pack PDF has the items in order. Every page is scanned with axe."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from decisions.models import Action, Decision, Meeting
from tests.browser.support import assert_no_axe_violations, click_through, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _fill_date(page, name, day, month, year):
    page.fill(f"#id_{name}_0", str(day))
    page.fill(f"#id_{name}_1", str(month))
    page.fill(f"#id_{name}_2", str(year))


def _schedule(page, live_server, day, month, year, start):
    page.goto(f"{live_server.url}/decisions/meetings/new/")
    assert_no_axe_violations(page, context="schedule a meeting")
    page.select_option("#id_body", label="Corporate Leadership Team")
    _fill_date(page, "day", day, month, year)
    page.fill("#id_start", start)
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting scheduled")


def _add_item(page, title):
    click_through(page, "text=Add an agenda item")
    page.fill("#id_title", title)
    page.fill("#id_minutes_allowed", "15")
    click_through(page, "main form button.govuk-button")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(title)


def _add_action(page, description, owner):
    click_through(page, "text=Add an action arising")
    assert_no_axe_violations(page, context="add an action arising")
    page.fill("#id_description", description)
    page.select_option("#id_owner", label=owner)
    _fill_date(page, "due_on", 11, 12, 2026)
    click_through(page, "main form button.govuk-button")


def test_an_officer_runs_a_clt_meeting_from_agenda_to_matters_arising(
    seeded_after_flush, browser_page, live_server, exec_officer, clock
):
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/decisions/meetings/")
    _schedule(page, live_server, 2, 12, 2026, "10:10")
    meeting_url = page.url
    for title in ("Budget monitoring, month 8", "Winter pressures", "Office accommodation review"):
        _add_item(page, title)
    page.click("button:has-text('Up: Winter pressures')")  # Winter pressures before Budget monitoring
    page.wait_for_load_state()
    assert_no_axe_violations(page, context="the meeting's agenda")
    rows = page.locator("#agenda tbody tr").all_inner_texts()
    order = [next(t for t in ("Budget", "Winter", "Office") if t in row) for row in rows if any(
        t in row for t in ("Budget", "Winter", "Office"))]  # fmt: skip
    assert order == ["Winter", "Budget", "Office"]

    clock.move_to("2026-12-02 10:25")  # the meeting has started (within the 30 minutes a session stays idle)
    page.goto(meeting_url)
    click_through(page, "#agenda >> text=Budget monitoring, month 8")
    page.fill("#id_discussion", "The forecast overspend is £1.2m; directors agreed recovery actions.")
    click_through(page, "text=Save the minutes of this item")
    page.click("text=Record a decision")
    page.fill("#id_title", "Budget recovery plan")
    page.fill("#id_text", "CLT agreed the recovery plan and a spending freeze on agency staff.")
    click_through(page, "text=Record the decision")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision CLT/2026/001 recorded")
    assert_no_axe_violations(page, context="the item's minutes")
    item_url = page.url
    _add_action(page, "Circulate the recovery plan to all budget holders", exec_officer.full_name)
    page.goto(item_url)
    _add_action(page, "Report agency spend to the next CLT", exec_officer.full_name)
    assert Decision.objects.filter(reference="CLT/2026/001").exists()
    assert Action.objects.count() == 2

    closed = Action.objects.get(description__startswith="Circulate")
    page.goto(f"{live_server.url}{closed.get_absolute_url()}")
    page.fill("#id_text", "Sent to all budget holders on 2 December.")
    page.select_option("#id_status", "done")
    click_through(page, "main form button.govuk-button")
    assert_no_axe_violations(page, context="the closed action")

    _schedule(page, live_server, 16, 12, 2026, "09:30")
    next_meeting = Meeting.objects.order_by("-starts_at").first()
    matters = page.locator("#agenda tr", has_text="Matters arising")
    expect(matters).to_contain_text("Report agency spend to the next CLT")
    expect(matters).not_to_contain_text("Circulate the recovery plan")
    assert page.url.endswith(next_meeting.get_absolute_url())

    pack = page.request.get(f"{meeting_url}agenda.pdf")
    assert pack.ok and pack.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.body())).pages)
    body = text[text.index("1. Apologies") :]
    assert body.index("Winter pressures") < body.index("Budget monitoring") < body.index("Office accommodation")
