"""Acceptance 1 in a real browser: an officer records an invitation to the Mayor, accepts it, finds it in the
Mayor's week view, moves it by an hour, and the Mayor gets one email whose .ics keeps the UID with a higher
SEQUENCE. Every diary page visited is scanned with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from diary.models import Engagement, Invitation
from tests.browser.support import assert_no_axe_violations, click_through, sign_in
from tests.diary.factories import fill_date

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def ics_event(message):
    (content,) = [content for name, content, _ in message.attachments if name == "invite.ics"]
    return Calendar.from_ical(content), next(iter(Calendar.from_ical(content).walk("VEVENT")))


def test_invitation_accept_week_view_and_move_by_an_hour(browser_page, live_server, exec_officer, mayor, mailoutbox):
    page = browser_page
    event_day = timezone.localdate() + timedelta(days=35)
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    assert_no_axe_violations(page, context="diary week view (empty)")

    # Record the invitation.
    click_through(page, "text=Record an invitation")
    assert_no_axe_violations(page, context="record an invitation")
    page.select_option("#id_member", str(mayor.member.pk))
    page.fill("#id_organisation", "Eastbridge Chamber of Commerce")
    page.fill("#id_event_name", "Annual business awards")
    fill_date(page, "event_date", event_day)
    page.fill("#id_start_time", "18:30")
    page.fill("#id_end_time", "20:00")
    page.fill("#id_location", "Eastbridge Town Hall")
    page.check("input[name=asks][value=speak]")
    page.fill("#id_contact_name", "Priya Shah")
    page.click("main button.govuk-button")
    page.wait_for_url("**/diary/invitations/*/")
    assert page.locator("h1").inner_text() == "Annual business awards"
    assert_no_axe_violations(page, context="invitation detail")

    # Accept it.
    page.check("input[name=decision][value=accept]")
    page.click("main form button.govuk-button")
    page.wait_for_selector("text=Invitation accepted")
    invitation = Invitation.objects.get()
    assert invitation.status == "accepted"
    engagement = Engagement.objects.get()
    assert len(mailoutbox) == 1  # the new engagement goes to the Mayor's calendar
    _, first = ics_event(mailoutbox[0])

    # It is in the Mayor's week view.
    page.goto(f"{live_server.url}/diary/week/?member={mayor.member.pk}&date={event_day.isoformat()}")
    row = page.locator("tr", has_text="Annual business awards")
    assert "18:30–20:00" in row.inner_text()
    assert_no_axe_violations(page, context="Mayor's week view")

    # Move it by an hour.
    with page.expect_navigation():
        row.get_by_role("link", name="Annual business awards", exact=True).click()  # not its briefing's link
    assert_no_axe_violations(page, context="engagement detail")
    click_through(page, "text=Change engagement")
    assert_no_axe_violations(page, context="change engagement")
    page.fill("#id_start_time", "19:30")
    page.fill("#id_end_time", "21:00")
    page.click("main form button.govuk-button")
    page.wait_for_selector("text=Engagement updated")
    assert "19:30" in page.locator("main").inner_text()

    assert len(mailoutbox) == 2, "moving it sends exactly one more email"
    moved = mailoutbox[1]
    assert mayor.member.email in moved.to
    cal, event = ics_event(moved)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(first["UID"]) == engagement.uid
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert event.decoded("DTSTART").hour == 19

    page.goto(f"{live_server.url}/diary/week/?member={mayor.member.pk}&date={event_day.isoformat()}")
    assert "19:30–21:00" in page.locator("tr", has_text="Annual business awards").inner_text()


def test_other_diary_pages_have_no_axe_violations(browser_page, live_server, exec_officer, mayor):
    from tests.diary.factories import make_engagement

    soon = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=2)
    cabinet = make_engagement(mayor.member, start=soon, title="Cabinet", briefing_required=True)
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    for path in [
        f"/diary/day/?member={mayor.member.pk}&date={soon.date().isoformat()}",
        f"/diary/month/?member={mayor.member.pk}&date={soon.date().isoformat()}",
        "/diary/week/?member=all",
        "/diary/forward-look/",
        "/diary/invitations/",
        "/diary/engagements/new/",
        f"/diary/members/{mayor.member.pk}/subscription/",
        f"/diary/engagements/{cabinet.pk}/cancel/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, context=path)
    # The error summary page too.
    page.goto(live_server.url + "/diary/engagements/new/")
    page.click("main form button.govuk-button")
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the page
    assert_no_axe_violations(page, context="engagement form with errors")

    # An invitation with too little notice: a clear message in the error summary.
    page.goto(live_server.url + "/diary/invitations/new/")
    page.select_option("#id_member", str(mayor.member.pk))
    page.fill("#id_organisation", "Residents' association")
    page.fill("#id_event_name", "Summer fair")
    fill_date(page, "event_date", timezone.localdate() + timedelta(days=2))
    page.fill("#id_start_time", "12:00")
    page.fill("#id_end_time", "13:00")
    page.check("input[name=asks][value=open]")
    click_through(page, "main form button.govuk-button")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "the minimum is 10" in summary
    assert_no_axe_violations(page, context="invitation form with too little notice")


def test_week_view_is_keyboard_usable(browser_page, live_server, exec_officer, mayor):
    from tests.diary.factories import make_engagement

    soon = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=1)
    make_engagement(mayor.member, start=soon, title="Keyboard check")
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    page.goto(f"{live_server.url}/diary/week/?member={mayor.member.pk}&date={soon.date().isoformat()}")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Keyboard check":
            break
    else:
        pytest.fail("The engagement link cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/diary/engagements/*/")


def test_diary_pages_print_cleanly(browser_page, live_server, exec_officer, mayor):
    """In print: no chooser, tabs or filters; the list tables the full width of the paper; no web address
    printed after the links in the tables."""
    from tests.diary.factories import make_engagement

    soon = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=2)
    make_engagement(mayor.member, start=soon, title="Cabinet", online_link="https://teams.example.org/meet/1")
    from tests.diary.test_invitations import record

    record(exec_officer, mayor.member, event_date=soon.date() + timedelta(days=30))
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    page.emulate_media(media="print")

    def after(selector):
        return page.eval_on_selector(selector, "el => getComputedStyle(el, '::after').content")

    for path, table in [
        (f"/diary/week/?member={mayor.member.pk}&date={soon.date().isoformat()}", ".app-diary-table"),
        (f"/diary/month/?member={mayor.member.pk}&date={soon.date().isoformat()}", ".app-diary-month"),
        ("/diary/forward-look/", "main table.govuk-table"),
        ("/diary/invitations/", "main table.govuk-table"),
    ]:
        page.goto(live_server.url + path)
        assert not page.locator(".app-diary-nav").is_visible(), path
        for hidden in (".app-diary-chooser", ".app-diary-toolbar", ".app-filter"):
            assert all(not el.is_visible() for el in page.locator(hidden).all()), f"{hidden} prints on {path}"
        assert after(f"{table} a.govuk-link") in ("none", '""', ""), f"a link's address prints on {path}"
        box = "el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; }"
        main_left, main_right = page.eval_on_selector("main", box)
        left, right = page.eval_on_selector(table, box)
        assert left >= main_left - 1 and right <= main_right + 1, f"the table on {path} spills off the page"
        assert right - left >= 0.95 * (main_right - main_left), f"the table on {path} is not the full width"
        overflow = page.eval_on_selector(table, "el => el.scrollWidth - el.clientWidth")
        assert overflow <= 1, f"the table on {path} is clipped"
