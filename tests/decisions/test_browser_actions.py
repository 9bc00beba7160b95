"""The action tracker's pages in a real browser, scanned with axe for each role that may see them: the list (with
its filters and the bulk change), an action's page with its update form, and the add, change and reopen forms,
with and without errors."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from playwright.sync_api import expect

from tests.browser.support import assert_no_axe_violations, sign_in
from tests.decisions.factories import make_action, make_meeting

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def actions(seeded_after_flush, directorate, directorate_contact, member_a_user):
    importlib.import_module("decisions.migrations.0002_seed_bodies_and_stages").seed(apps, None)  # after a flush
    meeting = make_meeting()
    return {
        "open": make_action(
            "Send the housing repairs figures", due_on=date(2026, 11, 27), owner_directorate=directorate, rag="red"
        ),
        "member": make_action(
            "Meet the tenants' forum", due_on=date(2026, 12, 11), owner=member_a_user, meeting=meeting
        ),
        "done": make_action(
            "Book the walkabout", due_on=date(2026, 12, 4), owner=directorate_contact, status="done", rag="amber"
        ),
    }


def _visit(page, live_server, path, context):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1, path
    assert_no_axe_violations(page, context=context)


@pytest.mark.parametrize("persona", ["exec_officer", "directorate_contact", "intern", "member_a_user"])
def test_the_action_pages_have_no_axe_violations(request, browser_page, live_server, actions, persona):
    user = request.getfixturevalue(persona)
    page = browser_page
    sign_in(page, live_server, user, next_path="/decisions/actions/")
    shown = actions["member"] if persona == "member_a_user" else actions["open"]
    for path in [
        "/decisions/actions/",
        "/decisions/actions/?mine=1&status=still_open",
        f"/decisions/actions/{shown.pk}/",
    ]:
        _visit(page, live_server, path, f"{persona}: {path}")
    if persona in ("exec_officer", "directorate_contact"):
        page.goto(f"{live_server.url}/decisions/actions/{shown.pk}/")
        page.click("main form button.govuk-button")  # an empty update: the error summary
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_no_axe_violations(page, context=f"{persona}: update with errors")
    if persona == "exec_officer":
        for path in [
            "/decisions/actions/new/",
            f"/decisions/actions/{shown.pk}/edit/",
            f"/decisions/actions/{actions['done'].pk}/reopen/",
            "/decisions/actions/?due_from=2027-02-31",
        ]:
            _visit(page, live_server, path, f"{persona}: {path}")
        page.goto(f"{live_server.url}/decisions/actions/new/")
        page.fill("#id_due_on_0", "31")
        page.fill("#id_due_on_1", "2")
        page.fill("#id_due_on_2", "2027")
        page.click("main form button.govuk-button")
        expect(page.locator(".govuk-error-summary")).to_contain_text("The due date must be a real date")
        assert_no_axe_violations(page, context="add an action with errors")
        # The bulk change from the list.
        page.goto(f"{live_server.url}/decisions/actions/")
        page.check(f"#select-{actions['open'].pk}")
        page.select_option("#id_bulk_status", "in_progress")
        page.click("text=Update selected")
        expect(page.locator(".govuk-notification-banner, .govuk-error-summary").first).to_contain_text("1 action set")
        assert_no_axe_violations(page, context="list after a bulk change")
