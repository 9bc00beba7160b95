"""In a real browser: the engagement form's conflict check refreshes as the time changes (htmx), the reason box
appears only with a conflict, and every page changed for issue 9 has no axe violations (groups open, a clash, a
bank holiday warning, a private item as "Busy", the private-engagements setting, the wide lists)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.browser.support import assert_no_axe_violations, sign_in
from tests.diary.factories import fill_date, make_engagement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_conflict_check_refreshes_as_the_time_changes(browser_page, live_server, exec_officer, mayor):
    day = timezone.localdate() + timedelta(days=14)
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=14)
    make_engagement(mayor.member, start=start, title="Cabinet pre-meet")
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/engagements/new/")
    assert page.locator("#id_conflict_reason").count() == 0
    page.fill("#id_title", "Visit to the food bank")
    page.check(f"input[name=members][value='{mayor.member.pk}']")
    fill_date(page, "start_date", day)
    page.fill("#id_start_time", "10:30")
    page.fill("#id_end_time", "11:30")
    page.locator("#id_end_time").blur()
    page.wait_for_selector("#conflict-check >> text=Cabinet pre-meet")
    assert page.locator("#id_conflict_reason").count() == 1
    for summary in page.locator("details.app-form-group summary").all():
        summary.click()  # every group open, for the scan
    assert_no_axe_violations(page, context="engagement form with a clash found by the conflict check")

    page.fill("#id_start_time", "15:00")
    page.fill("#id_end_time", "16:00")
    page.locator("#id_end_time").blur()
    page.wait_for_selector("#id_conflict_reason", state="detached")
    assert "Cabinet pre-meet" not in page.locator("#conflict-check").inner_text()


def test_changed_diary_pages_have_no_axe_violations(browser_page, live_server, mayor, exec_officer):
    soon = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + timedelta(days=3)
    private = make_engagement(mayor.member, start=soon, title="Hospital appointment", is_private=True)
    page = browser_page
    sign_in(page, live_server, exec_officer, next_path="/diary/")
    for path in [
        f"/diary/week/?member={mayor.member.pk}&date={soon.date().isoformat()}",  # "Busy"
        f"/diary/engagements/{private.pk}/",
        "/diary/forward-look/",
        "/diary/invitations/",
        f"/diary/members/{mayor.member.pk}/subscription/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page, context=path)
        assert "Hospital appointment" not in page.content()

    # A series on a bank holiday: the warning and the reason box, after the post.
    page.goto(live_server.url + "/diary/engagements/new/")
    page.fill("#id_title", "Ward surgery")
    page.select_option("#id_kind", "ward_surgery")
    page.check(f"input[name=members][value='{mayor.member.pk}']")
    fill_date(page, "start_date", date(2027, 12, 20))
    page.fill("#id_start_time", "10:00")
    page.fill("#id_end_time", "12:00")
    page.select_option("#id_repeat", "weekly")
    fill_date(page, "repeat_until", date(2028, 1, 3))
    page.click("main form button.govuk-button")
    page.wait_for_selector("text=Falls on a bank holiday or closure day")
    assert page.locator("#id_conflict_reason").count() == 1
    assert_no_axe_violations(page, context="series with bank holidays")


def test_the_private_engagements_setting_has_no_axe_violations(browser_page, live_server, mayor):
    page = browser_page
    sign_in(page, live_server, mayor, next_path=f"/diary/members/{mayor.member.pk}/private-engagements/")
    assert page.locator("h1").inner_text() == "Who sees private engagements"
    assert_no_axe_violations(page, context="private engagements setting")
    page.check("#id_officers_see_private_titles")
    page.click("main form button.govuk-button")
    page.wait_for_selector("text=Private engagements setting saved")
    assert_no_axe_violations(page, context="subscription page after the setting")
