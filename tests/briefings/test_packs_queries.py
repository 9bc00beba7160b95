"""The pack list and the pack page run a pinned number of SQL queries, the same at 10 and at 100 packs (or
sections): each pack's stage comes from its counted open commissions, not from reading its sections."""

import pytest
from django.urls import reverse

from briefings.models import SectionKind
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.diary.factories import at, make_engagement
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db
BRIEFINGS_FACTS = ["whether the user is a clearance delegate (the briefing rules)"]

LIST = [
    "the paginator's count of the packs the user may see",
    "the page's keys, in the list's order",
    "the page of packs with their lead officers and open commissions counted",
    "their members",
    # the filter panel's members and lead officers are kept between requests (mayoral_office.choices)
]
PAGE = [
    "the pack with its lead officer, engagement, meeting and body, ward and clearing officer",
    "its members",
    "its sections in order",
    "their commissions with the people asked",
    "its issued versions",
    "its chase history, with whom and in which email (the page's Chasing)",
]


def _fill(n, officer, member, contact):
    pack = None
    for i in range(n):
        pack = make_pack(member, lead_officer=officer, title=f"Pack {i}")
        section = make_section(pack)
        if i % 2:
            make_commission(section, assignee=contact, requested_by=officer)
    return pack


SEARCH = [
    "the keys of every match up to the list's limit, in the list's order (counted from them)",
    "the page of packs with their lead officers and open commissions counted",
    "their members",
]
QUERIES = {
    "": LIST,
    "?stage=commissioned": LIST,
    "?q=pack&ordering=-title": SEARCH,
    "?member={member}": ["the member chosen in the filter", *LIST],
}


@pytest.mark.parametrize("query", QUERIES)
def test_the_pack_list_runs_the_same_pinned_queries_at_10_and_at_100_packs(
    client, officer_a, member_a, directorate_contact, django_assert_num_queries, query
):
    client.force_login(officer_a)
    url = reverse("briefings:pack_list") + query.format(member=member_a.pk)
    for n in (10, 90):
        _fill(n, officer_a, member_a, directorate_contact)
        client.get(url)  # the session's first save and the kept reference tables are not counted
        with django_assert_num_queries(len(SIGNED_IN + OFFICER + BRIEFINGS_FACTS + QUERIES[query])):
            response = client.get(url)
        assert response.status_code == 200 and response.context["rows"]


def test_the_pack_page_runs_the_same_pinned_queries_at_10_and_at_100_sections(
    client, officer_a, member_a, directorate_contact, django_assert_num_queries
):
    engagement = make_engagement(member_a, start=at(2026, 12, 9, 10))
    pack = make_pack(member_a, lead_officer=officer_a, engagement=engagement)
    client.force_login(officer_a)
    for n in (10, 90):
        for i in range(n):
            section = make_section(pack, SectionKind.BACKGROUND if i % 3 else SectionKind.PAPERS)
            if i % 4 == 0:
                make_commission(section, assignee=directorate_contact, requested_by=officer_a, state="accepted")
        client.get(pack.get_absolute_url())
        with django_assert_num_queries(len(SIGNED_IN + OFFICER + BRIEFINGS_FACTS + PAGE)):
            response = client.get(pack.get_absolute_url())
        assert response.status_code == 200


def test_a_members_pack_page_is_pinned_too(client, officer_a, member_a, member_a_user, django_assert_num_queries):
    pack = make_pack(member_a, lead_officer=officer_a, status="issued", latest_version=1)
    make_section(pack)
    client.force_login(member_a_user)
    client.get(pack.get_absolute_url())
    with django_assert_num_queries(len(SIGNED_IN + OFFICER + BRIEFINGS_FACTS + PAGE)):
        assert client.get(pack.get_absolute_url()).status_code == 200
