"""The commission pages run a pinned number of SQL queries, each named below; the list the same at 10 and at 100
rows."""

import pytest
from django.urls import reverse

from tests.briefings.factories import make_commission, make_pack, make_section
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db

BRIEFINGS_READER = ["briefings: whether the user is a clearance delegate"]  # an officer's facts (Reader.of)


def _commissions(n, member, lead, assignee):
    made = []
    for i in range(n):
        section = make_section(make_pack(member, lead_officer=lead, title=f"Pack {i}"), title=f"Section {i}")
        made.append(make_commission(section, assignee=assignee, requested_by=lead))
    return made


def test_the_commission_list_runs_its_pinned_queries_at_10_and_at_100_rows(
    client, officer_a, member_a, directorate_contact, django_assert_num_queries
):
    queries = (
        SIGNED_IN
        + OFFICER
        + BRIEFINGS_READER
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of commissions with their sections, packs and the people asked",
            "filter choices: the people asked",
        ]
    )
    client.force_login(officer_a)
    url = reverse("briefings:commission_list")
    _commissions(10, member_a, officer_a, directorate_contact)
    client.get(url)
    for more in (0, 90):
        _commissions(more, member_a, officer_a, directorate_contact)
        with django_assert_num_queries(len(queries)):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == (10 if more == 0 else 25)


def test_the_list_of_a_contributor_runs_its_pinned_queries(
    client, officer_a, member_a, directorate_contact, django_assert_num_queries
):
    queries = (
        SIGNED_IN
        + OFFICER  # a contributor's facts read the same relationships (none)
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of commissions with their sections, packs and the people asked",
            "filter choices: the people asked (only themselves)",
        ]
    )
    client.force_login(directorate_contact)
    url = reverse("briefings:commission_list") + "?scope=mine"
    _commissions(10, member_a, officer_a, directorate_contact)
    client.get(url)
    for more in (0, 90):
        _commissions(more, member_a, officer_a, directorate_contact)
        with django_assert_num_queries(len(queries)):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("persona", "queries"),
    [
        (
            "officer_a",
            SIGNED_IN
            + OFFICER
            + BRIEFINGS_READER
            + [
                "the commission with its section, pack, lead officer and the people asked and asking",
                "the pack's members",
                "its chase history, with whom and in which email (the page's Chasing)",
            ],
        ),
        (
            "directorate_contact",
            SIGNED_IN
            + OFFICER  # a contributor's facts read the same relationships (none)
            + [
                "the commission with its section, pack, lead officer and the people asked and asking",
                "the pack's members",
                "its chase history, with whom and in which email (the page's Chasing)",
            ],
        ),
    ],
)
def test_the_commission_page_runs_its_pinned_queries(
    client, request, officer_a, member_a, member_b, directorate_contact, persona, queries, django_assert_num_queries
):
    (commission,) = _commissions(1, member_a, officer_a, directorate_contact)
    commission.section.pack.members.add(member_b)
    client.force_login(request.getfixturevalue(persona))
    client.get(commission.get_absolute_url())
    with django_assert_num_queries(len(queries)):
        assert client.get(commission.get_absolute_url()).status_code == 200
