"""The read-only pages of the pathway, Forward Plan, register and incident logs, for each role that may read them
(the Head of Mayor's Office's and officers' pages, with their forms, are scanned in the apps' own tests): no axe
violations (issue 11, acceptance 5)."""

import pytest

from decisions.services import incidents as incident_services
from tests.browser.support import assert_no_axe_violations, sign_in
from tests.decisions.factories import at, make_meeting, make_pathway_item
from tests.decisions.scenarios_pathway import cabinet, make_decision

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def records(seeded_after_flush, head, directorate, directorate_contact):
    item = make_pathway_item(
        directorate=directorate,
        key_decision=True,
        decision_meeting=cabinet(2027, 1, 12),
        lead_officer=directorate_contact,
    )
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)), pathway_item=item)
    incident = incident_services.incident_open(
        actor=head, title="Gas leak, Market Street", started_at=at(2026, 12, 2, 6)
    )
    incident_services.incident_write(
        actor=head,
        incident=incident,
        kind="event",
        happened_at=at(2026, 12, 2, 6, 5),
        what_happened="Road closed by the police",
        source="Police",
    )
    return {"item": item, "decision": decision, "incident": incident}


@pytest.mark.parametrize("persona", ["intern", "mayor", "directorate_contact"])
def test_the_read_only_pages_have_no_axe_violations(request, browser_page, live_server, records, persona):
    user = request.getfixturevalue(persona)
    page = browser_page
    sign_in(page, live_server, user, next_path="/decisions/")
    paths = [
        "/decisions/pathway/",
        records["item"].get_absolute_url(),
        "/decisions/forward-plan/",
        "/decisions/register/",
    ]
    if persona != "directorate_contact":
        paths.append(records["decision"].get_absolute_url())
    if persona == "mayor":
        paths += ["/decisions/incidents/", records["incident"].get_absolute_url()]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, f"{persona}: {path}"
        assert_no_axe_violations(page, context=f"{persona}: {path}")
