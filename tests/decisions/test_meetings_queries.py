"""The meetings pages run a pinned number of SQL queries, the same at 10 and at 100 meetings, items and actions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.decisions.factories import at, make_action, make_item, make_meeting
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db
BEFORE = SIGNED_IN
AFTER = OFFICER  # the menu's sections: the officer's relationships

PAGES = {
    "meetings": (
        "decisions:meetings",
        None,
        [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of meetings with their bodies, and how many items of each the user may see",
            # the filter's bodies are kept between requests (mayoral_office.choices)
            "the bodies with a forward planner",
        ],
    ),
    "meeting": (
        "decisions:meeting",
        "meeting",
        [
            "the meeting with its body and the meeting that approved its minutes",
            "its agenda items the user may see, with lead officers, portfolios and pathway items",
            "the keys of all its items in order (each item's number on the agenda, and how many are not shown)",
            "matters arising: open actions of earlier meetings of the body, with owners",
            "its decisions the user may see",
            "its actions the user may see, with owners",
            "who attended",
            "who sent apologies",
            "briefings (through the registry): who the user is to briefings (their clearance delegation)",
            "briefings: the meeting's latest live pack, its open commissions and whether the user may read it",
        ],
    ),
    "agenda item": (
        "decisions:agenda-item",
        "item",
        [
            "the item with its meeting, body, lead officer, portfolio and pathway item",
            "its decisions the user may see",
            "its actions the user may see, with owners",
        ],
    ),
    "planner": (
        "decisions:body-planner",
        "body",
        [
            "the body",
            "its next meetings",
            "the items booked into them",
            "the items waiting for a meeting",
        ],
    ),
}


def _fill(n, officer):
    start = at(2026, 12, 3, 9)
    meeting = None
    for i in range(n):
        meeting = make_meeting(start=start + timedelta(days=i))
        item = make_item(meeting, f"Item {i}", lead_officer=officer)
        make_item(None, f"Waiting {i}")
        make_action(f"Action {i}", due_on=date(2026, 12, 20), meeting=meeting, agenda_item=item, owner=officer)
    return meeting


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_the_same_pinned_queries_at_10_and_at_100_rows(
    client, officer_a, page, django_assert_num_queries
):
    url_name, arg, expected = PAGES[page]
    client.force_login(officer_a)
    for n in (10, 90):
        meeting = _fill(n, officer_a)
        args = {
            None: [],
            "meeting": [meeting.pk],
            "item": [meeting.agenda_items.first().pk],
            "body": [meeting.body_id],
        }[arg]
        url = reverse(url_name, args=args) + ("?when=coming" if page == "meetings" else "")  # the list's default
        client.get(url)  # the session's first save and the kept reference tables are not counted
        with django_assert_num_queries(len(BEFORE + expected + AFTER)):
            assert client.get(url).status_code == 200
