"""The requisition list, the approvals waiting for a user and a requisition's page run a pinned number of SQL
queries: the same at 10 and at 100 requisitions (or lines, quotes and steps on one requisition)."""

import pytest
from django.urls import reverse

from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, make_requisition
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db
# The user's facts (procurement.models.access.Buyer) cost no query: the people named in the settings, and whether
# the user holds or deputises for a budget line, are kept between requests (mayoral_office.choices).
END = OFFICER  # the menu's sections ask who the user supports and whether they are a member

LIST = [
    "the paginator's count of the requisitions the user may see",
    "the page's keys, in the list's order",
    "the page of requisitions with their requester, budget line and cost centre, supplier and category",
    # the filter panel's budget lines, suppliers, categories and requesters are kept between requests
]
SEARCH = [
    "the keys of every match up to the list's limit, in the list's order (counted from them)",
    "the page of requisitions with their requester, budget line and cost centre, supplier and category",
]
QUERIES = {"": LIST, "?status=draft&ordering=-value": LIST, "?q=reception": SEARCH, "?scope=mine": LIST}


def _fill(people, line, n):
    for _ in range(n):
        make_requisition(
            people,
            line,
            lines=[{"description": "Reception", "quantity": "1", "unit_price": "300", "vat_rate": "standard"}],
        )


@pytest.mark.parametrize("query", QUERIES)
def test_the_requisition_list_runs_the_same_pinned_queries_at_10_and_at_100_rows(
    client, people, line, django_assert_num_queries, query
):
    client.force_login(people.requester)
    url = reverse("procurement:requisition_list") + query
    total = 0
    for n in (10, 90):
        _fill(people, line, n)
        total += n
        client.get(url)  # the session's first save and the kept reference tables are not counted
        with django_assert_num_queries(len(SIGNED_IN + QUERIES[query] + END)):
            response = client.get(url)
        assert response.status_code == 200 and len(response.context["page"]) == min(25, total)


APPROVALS = [
    "the paginator's count of the requisitions waiting at a step the user may act at",
    "the page's keys, oldest first",
    "the page of requisitions with their current tier, requester, budget line, supplier and category",
]


def test_the_approvals_waiting_run_the_same_pinned_queries_at_10_and_at_100(
    client, people, line, django_assert_num_queries
):
    client.force_login(people.holder)
    url = reverse("procurement:approval_list")
    total = 0
    for n in (10, 90):
        total += n
        for _ in range(n):
            requisition = make_requisition(
                people,
                line,
                lines=[{"description": "Flowers", "quantity": "1", "unit_price": "300", "vat_rate": "standard"}],
            )
            add_quotes(people, requisition, 1, amount="360")
            services.requisition_submit(actor=people.requester, requisition=requisition, split_reason="Separate")
        client.get(url)
        with django_assert_num_queries(len(SIGNED_IN + APPROVALS + END)):
            response = client.get(url)
        assert response.status_code == 200 and len(response.context["page"]) == min(25, total)


FETCH = [
    "the requisition with its requester, budget line (cost centre, holder, deputy), supplier, category, rules and "
    "override",
    "its lines",
    "its quotes with who added them",
    "its approval steps with who acted and for whom",
    "its goods received",
    "its invoices",
    "the budget line's allocation, committed and spent from its ledger",
]
DRAFT_PAGE = [
    *FETCH,  # a draft has no rules yet, so no bands are prefetched
    "the rules in force today",
    "their bands",
    "requisitions to the same supplier in the last 12 months (the splitting check)",
    "requisitions in the same category in the last 12 months",
    "the Heads of Mayor's Office and the people named in the settings (the approval chain)",
    "its chase history, with whom and in which email (the page's Chasing)",
]
SUBMITTED_PAGE = [
    *FETCH,
    "the bands of the rules it was submitted under (prefetched with it; a draft has none)",
    "requisitions to the same supplier in the last 12 months (the splitting check, under its rules)",
    "requisitions in the same category in the last 12 months",
    "its chase history, with whom and in which email (the page's Chasing)",
]


def _lines(n):
    return [
        {"description": f"Item {k}", "quantity": "2", "unit_price": "150.25", "vat_rate": "reduced"} for k in range(n)
    ]


@pytest.mark.parametrize("n", [1, 10])
def test_a_draft_requisitions_page_runs_pinned_queries(client, people, line, django_assert_num_queries, n):
    requisition = make_requisition(people, line, lines=_lines(n))
    add_quotes(people, requisition, n)
    client.force_login(people.requester)
    client.get(requisition.get_absolute_url())
    with django_assert_num_queries(len(SIGNED_IN + DRAFT_PAGE + END)):
        assert client.get(requisition.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 10])
def test_a_submitted_requisitions_page_runs_pinned_queries_for_its_approver(
    client, people, line, django_assert_num_queries, n
):
    requisition = make_requisition(people, line, lines=_lines(n))
    add_quotes(people, requisition, 3)
    for _ in range(n):  # each return and resubmission is another round of steps
        services.requisition_submit(actor=people.requester, requisition=requisition)
        services.requisition_return(actor=people.holder, requisition=requisition, comments="Check the price")
    services.requisition_submit(actor=people.requester, requisition=requisition)
    client.force_login(people.holder)
    client.get(requisition.get_absolute_url())
    with django_assert_num_queries(len(SIGNED_IN + SUBMITTED_PAGE + END)):
        assert client.get(requisition.get_absolute_url()).status_code == 200
