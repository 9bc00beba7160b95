"""The header search (issue 16): one box that finds cases, correspondents, engagements, packs, meetings, decisions,
actions, requisitions and guides, grouped by kind, only as the user may see them (each app's own `visible_to` and
list search), in a fixed number of queries, with clear messages for a search it cannot run."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import Sensitivity
from mayoral_office import guides
from tests.casework.factories import CaseFactory, CorrespondentFactory
from tests.decisions.factories import make_action
from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db


def _search(client, text):
    response = client.get(reverse("search"), {"q": text})
    assert response.status_code == 200
    return response


def _found(response) -> dict[str, list[str]]:
    return {group.label: [hit.title for hit in group.hits] for group in response.context["groups"]}


def _office(member_a, member_b, head, officer_a, n=1):
    for i in range(n):
        resident = CorrespondentFactory(name=f"Marguerite Okonkwo-{i}" if i else "Marguerite Okonkwo")
        CaseFactory(member=member_a, correspondent=resident, subject=f"Damp in the bedroom {i}")
        CaseFactory(member=member_b, correspondent=CorrespondentFactory(name=f"Okonkwo Other {i}"), subject="Noise")
        make_engagement(member_a, start=at(2026, 12, 10 + i % 5, 10), title=f"Okonkwo community lunch {i}")
        make_action(f"Write to Mrs Okonkwo about the damp survey {i}", due_on=date(2026, 12, 20), owner=officer_a)
    guides.guide_save(
        actor=head,
        title="How do I close a case?",
        body="When the resident has the answer, record the response and close the case.",
        owner=head,
        review_on=date(2027, 6, 1),
    )


def test_the_header_search_finds_a_case_by_surname_and_a_guide_by_a_word_in_its_body(
    client, clock, member_a, member_b, head, officer_a
):
    _office(member_a, member_b, head, officer_a)
    client.force_login(officer_a)
    found = _found(_search(client, "Okonkwo"))
    assert found["Cases"] == [f"{c}" for c in found["Cases"]] and len(found["Cases"]) == 1
    assert found["Cases"][0].endswith("Damp in the bedroom 0")
    assert found["Correspondents"] == ["Marguerite Okonkwo"]
    assert found["Engagements"] == ["Okonkwo community lunch 0"]
    assert found["Actions"] == ["Write to Mrs Okonkwo about the damp survey 0"]
    assert _found(_search(client, "resident answer"))["How-to guides"] == ["How do I close a case?"]
    page = client.get(reverse("home")).content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page  # the box is in every page's header


def test_the_search_never_shows_what_the_user_may_not_see(
    client, clock, member_a, member_b, head, officer_a, officer_b
):
    _office(member_a, member_b, head, officer_a)
    CaseFactory(
        member=member_b,
        correspondent=CorrespondentFactory(name="Zebedee Confidential"),
        sensitivity=Sensitivity.CONFIDENTIAL,
        officer=head,
        subject="Complaint about an officer",
    )
    client.force_login(officer_b)  # supports member B: not member A's cases or diary
    found = _found(_search(client, "Okonkwo"))
    assert [title.split(": ", 1)[1] for title in found["Cases"]] == ["Noise"]
    assert found["Correspondents"] == ["Okonkwo Other 0"]
    assert "Engagements" not in found
    assert _found(_search(client, "Zebedee")) == {}
    page = _search(client, "Zebedee").content.decode()
    assert "Zebedee Confidential" not in page and "Complaint about an officer" not in page
    client.force_login(head)
    assert _found(_search(client, "Zebedee"))["Correspondents"] == ["Zebedee Confidential"]


def test_each_group_counts_its_matches_and_links_to_its_list_searched_the_same(
    client, clock, member_a, member_b, head, officer_a
):
    _office(member_a, member_b, head, officer_a, n=7)
    client.force_login(officer_a)
    groups = {group.label: group for group in _search(client, "Okonkwo").context["groups"]}
    cases = groups["Cases"]
    assert (len(cases.hits), cases.total) == (5, 7)
    listed = client.get(cases.more_url)
    assert listed.context["page"].paginator.count == 7
    actions = groups["Actions"]
    assert actions.total == 7 and client.get(actions.more_url).context["page"].paginator.count == 7


def test_the_search_makes_the_same_number_of_queries_for_1_or_8_matches(
    client, clock, member_a, member_b, head, officer_a
):
    client.force_login(officer_a)
    _office(member_a, member_b, head, officer_a, n=1)
    _search(client, "Okonkwo")  # warm the kept tables
    with CaptureQueriesContext(connection) as fewer:
        _search(client, "Okonkwo")
    _office(member_a, member_b, head, officer_a, n=8)
    _search(client, "Okonkwo")
    with CaptureQueriesContext(connection) as more:
        _search(client, "Okonkwo")
    assert len(more.captured_queries) == len(fewer.captured_queries)


def test_a_search_it_cannot_run_gets_a_clear_message(client, clock, officer_a):
    client.force_login(officer_a)
    blank = _search(client, "   ")
    assert blank.context["error"] == "Enter something to search for: a name, a reference or words"
    long = _search(client, "x" * 201)
    assert long.context["error"] == "Search for 200 characters or fewer"
    nothing = _search(client, "Xylophonequartz")
    assert nothing.context["groups"] == [] and 'id="search-none"' in nothing.content.decode()


def test_a_search_with_a_control_character_gets_a_message_not_an_error(client, clock, officer_a):
    client.force_login(officer_a)
    response = _search(client, "Okon\x00kwo")
    assert response.context["error"] == "Search for letters, numbers and punctuation only"
    assert response.context["groups"] == []


def _one_of_each_kind(member_a, head, officer_a):
    """A record of every kind the header search finds, each with "Houses in multiple occupation" in the words its
    list searches."""
    from briefings.models import Marking
    from mayoral_office import directory
    from mayoral_office.models import OrganisationKind
    from tests.briefings.factories import make_pack
    from tests.decisions.factories import make_item, make_meeting
    from tests.decisions.scenarios_pathway import make_decision
    from tests.procurement.factories import make_line, make_people, make_requisition

    words = "Houses in multiple occupation"
    CaseFactory(member=member_a, subject=f"{words} on Bow Road")
    CorrespondentFactory(name="Amira Haddad", organisation=f"{words} Tenants' Association")
    make_engagement(member_a, start=at(2026, 12, 10, 10), title=f"{words}: site visit")
    make_pack(member_a, lead_officer=head, title=f"{words} licensing scheme", marking=Marking.OFFICIAL)
    make_item(make_meeting(), f"{words}: consultation results")
    make_decision(f"Licensing of {words}")
    make_action(f"Report on {words}", due_on=date(2026, 12, 20), owner=officer_a)
    people = make_people(head=head, requester=officer_a)
    make_requisition(people, make_line(people), description=f"Survey of {words}")
    organisation = directory.organisation_save(actor=head, name=f"{words} Forum", kind=OrganisationKind.VOLUNTARY)
    directory.person_save(actor=head, name="Dev Patel", role=f"Chair, {words} Forum", organisation=organisation)
    guides.guide_save(
        actor=head, title=f"How do I log {words}?", body="Use the case type.", owner=head, review_on=date(2027, 6, 1)
    )


EVERY_KIND = {
    "Cases", "Correspondents", "Engagements", "Briefing packs", "Meetings", "Decisions", "Actions", "Requisitions",
    "Organisations", "People in the directory", "How-to guides",
}  # fmt: skip


def test_a_part_of_a_word_finds_every_kind_but_cases_and_guides_on_postgresql(client, clock, member_a, head, officer_a):
    """Every list's word search also finds a part of a word ("contains"), but for cases and guides on PostgreSQL,
    which read only their full-text index (a 'contains' over 200,000 cases' text would read every one)."""
    _one_of_each_kind(member_a, head, officer_a)
    client.force_login(head)
    full_text_only = {"Cases", "How-to guides"} if connection.vendor == "postgresql" else set()
    assert set(_found(_search(client, "occupat multiple"))) == EVERY_KIND - full_text_only


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's: CI's PostgreSQL pass")
def test_on_postgresql_another_form_of_a_word_finds_every_kind(client, clock, member_a, head, officer_a):
    """Full-text search in English over each kind: "housing" finds "Houses" (as a 'contains' search cannot), and
    the websearch syntax works ("-word" leaves out)."""
    _one_of_each_kind(member_a, head, officer_a)
    client.force_login(head)
    assert set(_found(_search(client, "housing occupations"))) == EVERY_KIND
    assert _found(_search(client, "housing -licensing")).keys() == EVERY_KIND - {"Briefing packs", "Decisions"}
