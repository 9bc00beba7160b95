"""Every meetings and agenda page, for each role that may see it, has no axe violations (issue 11, acceptance 5):
the list, the planner, a meeting, an item with its minutes, and the forms, with and without errors."""

import pytest
from playwright.sync_api import expect

from decisions.models import MinutesStatus
from tests.browser.support import assert_no_axe_violations, sign_in
from tests.decisions.factories import at, make_item, make_meeting

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def records(seeded_after_flush, member_a, directorate_contact):
    held = make_meeting(start=at(2026, 11, 17, 9, 30), minutes_status=MinutesStatus.DRAFT)
    held.body.members.add(member_a)
    item = make_item(held, "Winter pressures", lead_officer=directorate_contact, discussion="Noted the plan.")
    make_item(held, "Sale of the depot site", exempt_category=3)
    coming = make_meeting(start=at(2026, 12, 15, 9, 30))
    waiting = make_item(None, "Office accommodation review")
    return {"held": held, "item": item, "coming": coming, "waiting": waiting}


def _visit(page, live_server, path, context):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1, path
    assert_no_axe_violations(page, context=context)


@pytest.mark.parametrize("persona", ["exec_officer", "intern", "member_a_user", "directorate_contact"])
def test_the_meeting_pages_have_no_axe_violations(request, browser_page, live_server, records, persona):
    user = request.getfixturevalue(persona)
    page = browser_page
    sign_in(page, live_server, user, next_path="/decisions/")
    held, item = records["held"], records["item"]
    paths = ["/decisions/", "/decisions/meetings/", held.get_absolute_url(), item.get_absolute_url()]
    if persona != "directorate_contact":
        paths += [f"/decisions/bodies/{held.body_id}/planner/", records["coming"].get_absolute_url()]
    if persona == "exec_officer":
        paths += [
            records["waiting"].get_absolute_url(),
            "/decisions/meetings/new/",
            "/decisions/meetings/series/",
            f"/decisions/meetings/{held.pk}/attendance/",
            f"/decisions/meetings/{held.pk}/minutes/approve/",
            f"/decisions/meetings/{records['coming'].pk}/items/new/",
            f"/decisions/items/{item.pk}/edit/",
            f"/decisions/items/{item.pk}/paper/",
            f"/decisions/bodies/{held.body_id}/planner/new/",
        ]
    for path in paths:
        _visit(page, live_server, path, f"{persona}: {path}")
    if persona == "exec_officer":
        page.goto(f"{live_server.url}/decisions/meetings/new/")
        page.fill("#id_day_0", "31")
        page.fill("#id_day_1", "2")
        page.fill("#id_day_2", "2027")
        page.click("main form button.govuk-button")
        expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
        assert_no_axe_violations(page, context="schedule with errors")
        page.goto(live_server.url + item.get_absolute_url())
        page.fill("#id_discussion", "")
        page.click("text=Record a decision")
        page.click("text=Record the decision")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the decision")
        assert_no_axe_violations(page, context="an item's decision with errors")
