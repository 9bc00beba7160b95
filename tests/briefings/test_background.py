"""The background proposed from the office's own records (issue 12, "Background assembled from our own records";
acceptance 6): what each provider finds, that it never lists a record a reader of the pack may not see, the
section it makes and the snapshot it keeps, the proposal page and its bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.background import background_query_for, organisations_of, previous_packs
from briefings.models import Marking, PackStatus, PackVersion, Section, SectionKind
from briefings.selectors.background import line_key, proposal
from briefings.services import background as services
from casework.models import Sensitivity, Status
from decisions.models import ActionStatus
from mayoral_office import registry
from mayoral_office.errors import ServiceError
from mayoral_office.roles import Role
from tests.briefings.factories import make_pack
from tests.casework.factories import CaseFactory, CorrespondentFactory
from tests.decisions.factories import make_action, make_pathway_item
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import PortfolioFactory, UserFactory, WardFactory

pytestmark = pytest.mark.django_db

ORGANISER = "Riverside Tenants Association"
VENUE = "Riverside Community Hub"


@pytest.fixture
def ward(member_a):
    return member_a.ward


@pytest.fixture
def engagement(member_a, officer_a):
    return make_engagement(
        member_a,
        start=at(2026, 12, 10, 14),
        title="Opening of the Riverside community hub",
        organiser=ORGANISER,
        location=VENUE,
        lead_officer=officer_a,
    )


@pytest.fixture
def pack(member_a, officer_a, engagement, ward):
    return make_pack(member_a, lead_officer=officer_a, engagement=engagement, ward=ward)


def references(lines) -> set[str]:
    return {getattr(line, "line", line).reference for line in lines}


def a_case(member, *, ward=None, officer=None, **fields):
    return CaseFactory(member=member, ward=ward, officer=officer, **fields)


# --- acceptance 6: never a confidential case a reader may not see ------------------------------------------------
class TestConfidentialCases:
    @pytest.fixture
    def cases(self, member_a, member_a_user, officer_a, ward):
        return {
            "standard": a_case(member_a, ward=ward, officer=officer_a, subject="Street lighting on Mill Lane"),
            "sensitive": a_case(
                member_a, ward=ward, officer=officer_a, subject="Noise complaint", sensitivity=Sensitivity.SENSITIVE
            ),
            "confidential": a_case(
                member_a, ward=ward, officer=officer_a, subject="Safeguarding", sensitivity=Sensitivity.CONFIDENTIAL
            ),
        }

    def test_an_official_pack_never_lists_a_confidential_or_sensitive_case(self, pack, cases, officer_a, head):
        found = references(proposal(pack, officer_a))
        assert cases["standard"].reference in found
        assert cases["confidential"].reference not in found
        assert cases["sensitive"].reference not in found
        # not even when the Head of Mayor's Office, who sees everything, is the one proposing it
        assert cases["confidential"].reference not in references(proposal(pack, head))

    def test_an_official_sensitive_pack_lists_it_when_every_reader_may_see_it(self, pack, cases, officer_a):
        pack.marking = Marking.OFFICIAL_SENSITIVE
        pack.save()
        query = background_query_for(pack)
        assert {r.pk for r in query.readers} == {officer_a.pk, pack.members.get().user_id}
        assert query.confidential_allowed
        found = references(registry.background_for(query))
        assert {cases["confidential"].reference, cases["sensitive"].reference} <= found

    def test_but_not_when_the_lead_officer_may_not_see_it(self, member_a, ward, engagement, cases, exec_officer):
        pack = make_pack(
            member_a, lead_officer=exec_officer, engagement=engagement, ward=ward, marking=Marking.OFFICIAL_SENSITIVE
        )
        found = references(proposal(pack, exec_officer))
        assert cases["confidential"].reference not in found
        assert cases["standard"].reference not in found  # exec_officer supports the Mayor, not member_a

    def test_nor_a_case_the_officer_proposing_it_may_not_see(self, pack, cases, officer_b):
        """officer_b (supporting member_b) may prepare this OFFICIAL pack, but not see member_a's cases."""
        assert cases["standard"].reference not in references(proposal(pack, officer_b))

    def test_nor_when_another_members_user_may_not_see_it(self, pack, cases, member_b, officer_a):
        member_b.user = UserFactory(role=Role.MEMBER, full_name=member_b.name)
        member_b.save()
        pack.marking = Marking.OFFICIAL_SENSITIVE
        pack.save()
        pack.members.add(member_b)
        found = references(proposal(pack, officer_a))
        assert cases["confidential"].reference not in found

    def test_a_pack_with_no_readers_lists_no_case(self, ward, cases):
        query = registry.BackgroundQuery(readers=(), today=timezone.localdate(), ward_id=ward.pk)
        assert registry.background_for(query) == []


# --- what each provider finds --------------------------------------------------------------------------------------
def test_cases_from_the_ward_and_from_the_organisations_attending(pack, member_a, officer_a, ward):
    elsewhere = WardFactory(name="Northgate")
    from_org = a_case(
        member_a,
        ward=elsewhere,
        officer=officer_a,
        correspondent=CorrespondentFactory(organisation="RIVERSIDE tenants association"),
        subject="Damp in the tower blocks",
    )
    in_ward = a_case(member_a, ward=ward, officer=officer_a, subject="Fly-tipping behind the shops")
    unrelated = a_case(member_a, ward=elsewhere, officer=officer_a, subject="Parking permits")
    lines = {line.reference: line for line in registry.background_for(background_query_for(pack, officer_a))}
    assert from_org.reference in lines and in_ward.reference in lines
    assert unrelated.reference not in lines
    assert lines[from_org.reference].kind == "Open case"
    assert "from RIVERSIDE tenants association" in lines[from_org.reference].detail
    # the correspondent's name is never in a line
    assert from_org.correspondent.name not in repr(lines[from_org.reference])


def test_recent_cases_are_those_finished_in_the_last_twelve_months(pack, member_a, officer_a, ward):
    now = timezone.now()
    recent = a_case(member_a, ward=ward, officer=officer_a, status=Status.CLOSED, closed_at=now - timedelta(days=40))
    old = a_case(
        member_a,
        ward=ward,
        officer=officer_a,
        status=Status.CLOSED,
        received_at=now - timedelta(days=500),
        closed_at=now - timedelta(days=400),
    )
    lines = {line.reference: line for line in proposal(pack, officer_a) for line in [line.line]}
    assert lines[recent.reference].kind == "Recent case"
    assert old.reference not in lines


def test_each_kind_is_limited_to_ten_lines_newest_first(pack, member_a, officer_a, ward):
    now = timezone.now()
    made = [
        a_case(member_a, ward=ward, officer=officer_a, received_at=now - timedelta(days=n), subject=f"Case {n}")
        for n in range(1, 13)
    ]
    cases = [p.line for p in proposal(pack, officer_a) if p.line.kind == "Open case"]
    assert [line.reference for line in cases] == [case.reference for case in made[:10]]


def test_previous_engagements_with_the_organiser_or_at_the_venue(pack, member_a, member_b, officer_a, engagement):
    by_organiser = make_engagement(
        member_a, start=at(2026, 3, 5, 18), title="Tenants' AGM", organiser=ORGANISER.upper()
    )
    at_venue = make_engagement(member_a, start=at(2026, 6, 1, 11), title="Summer fair", location=VENUE.lower())
    private = make_engagement(
        member_a, start=at(2026, 5, 1, 11), title="Private lunch", organiser=ORGANISER, is_private=True
    )
    future = make_engagement(member_a, start=at(2027, 1, 5, 11), title="New year reception", organiser=ORGANISER)
    cancelled = make_engagement(
        member_a, start=at(2026, 4, 1, 11), title="Cancelled visit", organiser=ORGANISER, status="cancelled"
    )
    not_theirs = make_engagement(member_b, start=at(2026, 2, 1, 11), title="Another member's visit", location=VENUE)
    lines = [p.line for p in proposal(pack, officer_a) if p.line.source == "Diary"]
    assert [line.title for line in lines] == ["Summer fair", "Tenants' AGM"]  # newest first
    assert lines[0].url == at_venue.get_absolute_url() and lines[1].url == by_organiser.get_absolute_url()
    shown = {line.title for line in lines}
    for left_out in (private, future, cancelled, not_theirs, engagement):
        assert left_out.title not in shown


def test_open_actions_and_pathway_items_for_the_members_portfolios(pack, member_a, officer_a, ward, directorate):
    housing = PortfolioFactory(name="Housing")
    member_a.portfolios.add(housing)
    other = PortfolioFactory(name="Culture")
    open_action = make_action("Repair the hub's roof", due_on=date(2026, 12, 18), portfolio=housing, owner=officer_a)
    make_action("Done already", due_on=date(2026, 11, 1), portfolio=housing, owner=officer_a, status=ActionStatus.DONE)
    make_action("Another portfolio", due_on=date(2026, 12, 18), portfolio=other, owner=officer_a)
    make_action("Restricted", due_on=date(2026, 12, 18), portfolio=housing, owner=officer_a, confidential=True)
    in_ward = make_pathway_item("Riverside regeneration", directorate=directorate, portfolio=housing)
    in_ward.wards.add(ward)
    borough_wide = make_pathway_item("Housing strategy", directorate=directorate, portfolio=housing)
    elsewhere = make_pathway_item("Northgate estate", directorate=directorate, portfolio=housing)
    elsewhere.wards.add(WardFactory(name="Northgate"))
    lines = [p.line for p in proposal(pack, officer_a) if p.line.source == "Decisions"]
    assert [(line.kind, line.title) for line in lines] == [
        ("Open action", "Repair the hub's roof"),
        ("Pathway item", "Housing strategy"),
        ("Pathway item", "Riverside regeneration"),
    ]
    assert lines[0].url == open_action.get_absolute_url()
    assert elsewhere.reference not in references(lines) and borough_wide.reference in references(lines)
    # the restricted action appears in an OFFICIAL-SENSITIVE pack whose readers all hold the portfolio or lead it
    pack.marking = Marking.OFFICIAL_SENSITIVE
    pack.save()
    assert "Restricted" not in {p.line.title for p in proposal(pack, officer_a)}  # officer_a does not lead it


def test_earlier_packs_for_the_organiser_with_their_latest_issued_version(pack, member_a, officer_a, head):
    earlier = make_engagement(member_a, start=at(2026, 3, 5, 18), title="Tenants' AGM", organiser=ORGANISER)
    old_pack = make_pack(member_a, lead_officer=officer_a, engagement=earlier, title="Tenants' AGM briefing")
    old_pack.latest_version, old_pack.status = 2, PackStatus.ISSUED
    old_pack.save()
    for number in (1, 2):
        PackVersion.objects.create(
            pack=old_pack, number=number, issued_at=at(2026, 3, number, 9), issued_by=head, marking="OFFICIAL"
        )
    withdrawn = make_pack(member_a, lead_officer=officer_a, engagement=earlier, status=PackStatus.WITHDRAWN)
    lines = [p.line for p in proposal(pack, officer_a) if p.line.source == "Briefings"]
    assert [line.reference for line in lines] == [old_pack.reference]
    assert lines[0].detail == "Version 2 issued 2 March 2026"
    assert lines[0].url == reverse("briefings:version", args=[old_pack.pk, 2])
    assert withdrawn.reference not in references(lines)
    assert pack.reference not in references(previous_packs(background_query_for(pack, officer_a)))


def test_a_pack_for_a_meeting_looks_for_engagements_at_its_place(member_a, officer_a):
    from tests.decisions.factories import make_meeting

    meeting = make_meeting(place="Committee Room 1")
    pack = make_pack(member_a, lead_officer=officer_a, meeting=meeting)
    make_engagement(member_a, start=at(2026, 9, 1, 10), title="Budget briefing", location="committee room 1")
    query = background_query_for(pack, officer_a)
    assert query.venue == "Committee Room 1" and f"decisions.meeting:{meeting.pk}" in query.exclude
    assert "Budget briefing" in {p.line.title for p in proposal(pack, officer_a)}


def test_the_organisations_are_the_packs_or_else_the_engagements_organiser(pack):
    assert organisations_of(pack) == (ORGANISER,)
    pack.organisations = "Riverside Tenants Association, Eastbridge Housing Trust ,, riverside tenants association"
    assert organisations_of(pack) == (ORGANISER, "Eastbridge Housing Trust")


# --- accepting it -----------------------------------------------------------------------------------------------
def test_accepting_makes_a_background_section_listing_the_chosen_lines(pack, member_a, officer_a, ward):
    kept = a_case(member_a, ward=ward, officer=officer_a, subject="Street *lighting* [Mill Lane]")
    dropped = a_case(member_a, ward=ward, officer=officer_a, subject="Bins")
    found = {p.line.reference: p.key for p in proposal(pack, officer_a)}
    section = services.background_accept(
        actor=officer_a, pack=pack, lines=[found[kept.reference]], intro="What we already know."
    )
    assert section.kind == SectionKind.BACKGROUND and section.pack == pack
    assert section.body.startswith("What we already know.")
    assert "### Open cases (Casework)" in section.body
    assert f"[{kept.reference}]({kept.get_absolute_url()}) Street \\*lighting\\* \\[Mill Lane\\]" in section.body
    assert dropped.reference not in section.body
    assert [line["reference"] for line in section.snapshot] == [kept.reference]
    assert section.snapshot[0]["title"] == "Street *lighting* [Mill Lane]"


def test_accepting_again_replaces_the_text_of_the_same_section(pack, member_a, officer_a, ward):
    first = a_case(member_a, ward=ward, officer=officer_a, subject="Bins")
    keys = [p.key for p in proposal(pack, officer_a)]
    section = services.background_accept(actor=officer_a, pack=pack, lines=keys)
    second = a_case(member_a, ward=ward, officer=officer_a, subject="Potholes")
    again = services.background_accept(
        actor=officer_a, pack=pack, lines=[line_key(p.line) for p in proposal(pack, officer_a)]
    )
    assert again.pk == section.pk and again.version == section.version + 1
    assert second.reference in again.body and first.reference in again.body
    assert Section.objects.filter(pack=pack, kind=SectionKind.BACKGROUND).count() == 1


def test_the_snapshot_does_not_change_when_the_case_does(pack, member_a, officer_a, ward):
    case = a_case(member_a, ward=ward, officer=officer_a, subject="Street lighting on Mill Lane")
    section = services.background_accept(actor=officer_a, pack=pack, lines=[p.key for p in proposal(pack, officer_a)])
    body, snapshot = section.body, section.snapshot
    case.subject = "Renamed later"
    case.status = Status.CLOSED
    case.save()
    section.refresh_from_db()
    assert section.body == body and section.snapshot == snapshot
    assert "Street lighting on Mill Lane" in section.body and "Renamed later" not in section.body


def test_posted_keys_the_proposal_does_not_find_are_ignored(pack, member_a, officer_a, ward):
    case = a_case(member_a, ward=ward, officer=officer_a)
    with pytest.raises(ServiceError, match="Choose at least one record"):
        services.background_accept(actor=officer_a, pack=pack, lines=["0123456789abcdef", "<script>"])
    assert not pack.sections.exists()
    key = proposal(pack, officer_a)[0].key
    section = services.background_accept(actor=officer_a, pack=pack, lines=[key, "made-up"])
    assert [line["reference"] for line in section.snapshot] == [case.reference]


def test_script_in_a_records_title_never_reaches_the_page(pack, member_a, officer_a, ward):
    from mayoral_office.text import render_markdown

    a_case(member_a, ward=ward, officer=officer_a, subject='<script>alert(1)</script><img src=x onerror="alert(2)">')
    section = services.background_accept(actor=officer_a, pack=pack, lines=[p.key for p in proposal(pack, officer_a)])
    html = render_markdown(section.body)
    assert "<script" not in html and "onerror" not in html and "<img" not in html


def test_only_those_who_prepare_packs_may_accept_and_only_in_preparation(pack, member_a, officer_a, intern, ward):
    from mayoral_office.errors import PermissionDenied

    a_case(member_a, ward=ward, officer=officer_a)
    keys = [p.key for p in proposal(pack, officer_a)]
    with pytest.raises(PermissionDenied):
        services.background_accept(actor=intern, pack=pack, lines=keys)
    pack.status = PackStatus.CLEARED
    pack.save()
    with pytest.raises(ServiceError, match="cleared"):
        services.background_accept(actor=officer_a, pack=pack, lines=keys)
    assert not pack.sections.exists()


def test_an_introduction_too_long_is_refused(pack, member_a, officer_a, ward):
    a_case(member_a, ward=ward, officer=officer_a)
    keys = [p.key for p in proposal(pack, officer_a)]
    with pytest.raises(ServiceError, match="2,000 characters or fewer"):
        services.background_accept(actor=officer_a, pack=pack, lines=keys, intro="x" * 2001)
    assert not pack.sections.exists()
