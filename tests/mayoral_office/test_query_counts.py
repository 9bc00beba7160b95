"""The core's pages run a pinned number of SQL queries, the same at 10 and at 100 rows; each is named below."""

import pytest
from django.urls import reverse

from mayoral_office import registry
from mayoral_office.audit import acting_as, log_access
from tests.mayoral_office.factories import SupportAssignmentFactory
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db


# What each chase kind reads for the home page's "Due and overdue" when nothing is due (as here): one query, unless
# named otherwise below. A kind that needs more, or none, must be named here.
CHASE_KIND_QUERIES = {
    "casework.acknowledgement": ["casework: cases to acknowledge"],
    "casework.response": ["casework: responses due"],
    "casework.contribution": ["casework: contributions requested of directorates"],
    "casework.approval": ["casework: drafts awaiting a member's approval"],
    "diary.invitation": ["diary: invitations awaiting a decision"],
    "briefings.commission": ["briefings: sections still with the person asked"],
    "briefings.pack": ["briefings: packs not yet issued"],
    "decisions.action": ["decisions: open actions due"],
    "decisions.pathway": ["decisions: proposals still undecided with a decision meeting (their statutory dates)"],
    # none for someone who approves nothing, as the officer here (who approves at each step is kept in the cache)
    "procurement.approval": [],
}
# "Due and overdue" (mayoral_office.chasing.due_for): each chase kind's items (the chasing rules, the days off and who
# covers whom are kept in the cache: mayoral_office/choices.py). With nothing due it stops there; with something due
# it also reads the people (tests/mayoral_office/test_home_due.py: the same count for 1 and 25 items).
DUE_AND_OVERDUE = [
    *(
        query
        for kind in registry.chase_kinds()
        for query in CHASE_KIND_QUERIES.get(kind.name, [f"{kind.name}: its open items due by the horizon"])
    ),
]

PAGES = {
    "home": (
        "officer_a",
        "home",
        SIGNED_IN
        + OFFICER
        + [
            "two-factor: whether the user has an authenticator app (the session is not verified)",
            "casework: my work counts, in one query",
            "diary: invitations awaiting a decision",
            "briefings: the sections asked of the user and the late commissions they chase, in one query",
            "briefings: the packs the user leads due in the next five working days",
            "decisions: the user's open and overdue actions, in one query",
            "procurement: approvals waiting, returned and to order, in one query",
            *DUE_AND_OVERDUE,
        ],
    ),
    "audit trail": (
        "head",
        "audit-trail",
        SIGNED_IN
        + [
            "the paginator's count",
            "filter choices: record types",
            "the page's keys, in the list's order",
            "the page of entries with their actors and record types",
            # names instead of ids in the changes: one query per kind of record named on the page, not per row
            "names in the changes: wards (of members)",
            "names in the changes: people (officers of support assignments)",
            "names in the changes: members (of support assignments)",
        ],
    ),
    "access log": (
        "head",
        "access-log",
        SIGNED_IN
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of reads with their readers and record types",
        ],
    ),
    "decisions": (
        "officer_a",
        "decisions:index",
        SIGNED_IN + ["the next meetings the user may see, with their bodies", "the user's open actions"] + OFFICER,
    ),
}


def _rows(n, head, officer):
    """Audit entries naming records by id (n support assignments, each of a new officer to a new member in a new
    ward) and n access-log rows."""
    with acting_as(head):
        assignments = [SupportAssignmentFactory() for _ in range(n)]
    log_access(user=officer, objs=[assignment.member for assignment in assignments])


@pytest.mark.parametrize("page", list(PAGES))
def test_each_core_page_runs_its_pinned_queries_at_10_and_at_100_rows(
    client, request, page, head, officer_a, django_assert_num_queries
):
    persona, name, queries = PAGES[page]
    client.force_login(request.getfixturevalue(persona))
    _rows(10, head, officer_a)
    client.get(reverse(name))  # warm the caches a running server has (content types)
    for more in (0, 90):
        _rows(more, head, officer_a)
        client.get(reverse(name))  # the new people are in the filter's options from here on (mayoral_office.choices)
        with django_assert_num_queries(len(queries)):
            assert client.get(reverse(name)).status_code == 200
