"""The background proposal page: the checklist grouped by source and kind (all ticked), accepting the ticked lines,
who may open it, bad input, and its pinned queries (the same for 3 lines found as for 40)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.models import PackStatus, PackVersion, Section, SectionKind
from briefings.selectors.background import proposal
from tests.briefings.factories import make_pack
from tests.briefings.test_background import ORGANISER, VENUE, a_case
from tests.decisions.factories import make_action, make_pathway_item
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import PortfolioFactory
from tests.query_counts import OFFICER, SIGNED_IN

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(member_a, member_a_user, officer_a):
    engagement = make_engagement(
        member_a, start=at(2026, 12, 10, 14), organiser=ORGANISER, location=VENUE, lead_officer=officer_a
    )
    return make_pack(member_a, lead_officer=officer_a, engagement=engagement, ward=member_a.ward)


@pytest.fixture
def records(pack, member_a, officer_a, head, directorate):
    """Something from every provider: cases, an earlier engagement and its issued pack, an action, a pathway item."""
    housing = PortfolioFactory(name="Housing")
    member_a.portfolios.add(housing)
    ward = member_a.ward
    cases = [a_case(member_a, ward=ward, officer=officer_a, subject=f"Street lighting {n}") for n in range(3)]
    earlier = make_engagement(member_a, start=at(2026, 3, 5, 18), title="Tenants' AGM", organiser=ORGANISER)
    old_pack = make_pack(
        member_a, lead_officer=officer_a, engagement=earlier, latest_version=1, status=PackStatus.ISSUED
    )
    PackVersion.objects.create(pack=old_pack, number=1, issued_at=at(2026, 3, 2, 9), issued_by=head, marking="OFFICIAL")
    make_action("Repair the hub's roof", due_on=date(2026, 12, 18), portfolio=housing, owner=officer_a)
    make_pathway_item("Housing strategy", directorate=directorate, portfolio=housing)
    return {"cases": cases, "engagement": earlier, "pack": old_pack}


def url(pack):
    return reverse("briefings:background_propose", args=[pack.pk])


def test_the_page_lists_every_line_found_grouped_and_ticked(client, pack, records, officer_a):
    client.force_login(officer_a)
    response = client.get(url(pack))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Casework", "Open cases", "Diary", "Previous engagements", "Decisions", "Open actions"):
        assert f">{heading}<" in page
    assert "Pathway items" in page and "Previous packs" in page
    keys = [p.key for p in proposal(pack, officer_a)]
    assert len(keys) == 7
    for key in keys:
        assert f'value="{key}" checked' in page
    assert page.count('data-action="background.propose"') == 1


def test_accepting_the_ticked_lines_adds_the_section(client, pack, records, officer_a):
    client.force_login(officer_a)
    found = proposal(pack, officer_a)
    chosen = [p.key for p in found if p.line.source in ("Casework", "Diary")]
    response = client.post(url(pack), {"lines": chosen + ["forged-key"], "intro": "Known to us."})
    section = Section.objects.get(pack=pack, kind=SectionKind.BACKGROUND)
    assert response.status_code == 302 and response.url == section.get_absolute_url()
    assert {line["key"] for line in section.snapshot} == set(chosen)
    assert records["engagement"].get_absolute_url() in section.body
    assert "Repair the hub's roof" not in section.body


def test_nothing_ticked_is_a_clear_message_and_nothing_saved(client, pack, records, officer_a):
    client.force_login(officer_a)
    response = client.post(url(pack), {"lines": ["forged-key"], "intro": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose at least one record to include in the background" in page
    assert 'href="#id_lines"' in page and 'id="id_lines"' in page
    assert not pack.sections.exists()


def test_an_existing_background_is_replaced_with_a_warning_first(client, pack, records, officer_a):
    Section.objects.create(pack=pack, kind=SectionKind.BACKGROUND, title="Background", body="Old text", position=1)
    client.force_login(officer_a)
    assert "adding these records replaces its text" in client.get(url(pack)).content.decode()
    client.post(url(pack), {"lines": [proposal(pack, officer_a)[0].key]})
    section = Section.objects.get(pack=pack, kind=SectionKind.BACKGROUND)
    assert "Old text" not in section.body and section.version == 2


def test_nothing_found_says_so(client, member_a, officer_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    client.force_login(officer_a)
    page = client.get(url(pack)).content.decode()
    assert "We found nothing in the office's records" in page
    assert 'name="lines"' not in page


@pytest.mark.parametrize(("persona", "status"), [("intern", 403), ("member_a_user", 404), ("officer_b", 200)])
def test_who_may_open_it(request, client, pack, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(pack)).status_code == status


def test_a_cleared_pack_goes_back_with_the_reason(client, pack, officer_a):
    pack.status = PackStatus.CLEARED
    pack.save()
    client.force_login(officer_a)
    response = client.post(url(pack), {"lines": ["x"]}, follow=True)
    assert "This pack has been cleared: reopen it to change it" in response.content.decode()
    assert not pack.sections.exists()


@pytest.mark.parametrize("bad", ["99999999999999999999999", "0"])
def test_an_unknown_pack_is_not_found(client, officer_a, bad):
    client.force_login(officer_a)
    assert client.get(f"/briefings/packs/{bad}/background/").status_code == 404


PROPOSAL_QUERIES = (
    SIGNED_IN
    + OFFICER
    + [
        "whether the officer is a clearance delegate (the briefings policy's facts)",
        "the pack, with its engagement or meeting, lead officer and ward, through the access rule",
        "its members (the policy reads them)",
        "its sections (the pack's actions read their commissions: none here, so no further query)",
        "the members again, with their users (the pack's readers; each user's own member record comes with it)",
        "the members' portfolios",
        "the member's user: the members they are or support (their case access)",
        # the providers, in the order the apps registered them
        "casework: the open cases every reader may see",
        "casework: the cases finished in the last 12 months",
        "diary: the previous engagements every reader may see",
        "briefings: the earlier packs every reader may open (a member is not a clearance delegate: no query)",
        "briefings: those packs' latest issued versions",
        "decisions: the member's user's portfolios (their decisions access)",
        "decisions: the open actions every reader may see",
        "decisions: the pathway items every reader may see",
    ]
)


def test_the_proposal_page_runs_its_pinned_queries(client, pack, records, officer_a, django_assert_num_queries):
    client.force_login(officer_a)
    client.get(url(pack))  # warm the caches (roles, permissions, the menu)
    with django_assert_num_queries(len(PROPOSAL_QUERIES)):
        assert client.get(url(pack)).status_code == 200


def test_the_proposal_page_runs_the_same_queries_for_3_lines_and_40(client, pack, records, member_a, officer_a):
    client.force_login(officer_a)
    client.get(url(pack))
    with CaptureQueriesContext(connection) as few:
        client.get(url(pack))
    for n in range(30):
        a_case(member_a, ward=member_a.ward, officer=officer_a, subject=f"More {n}")
        make_engagement(member_a, start=at(2026, 5, 1 + n % 28, 9), title=f"Visit {n}", location=VENUE)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url(pack)).content.decode()
    assert page.count('name="lines"') > 20
    assert len(many) == len(few)
