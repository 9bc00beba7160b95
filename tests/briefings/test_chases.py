"""What briefings chases (briefings/chases.py): the sections asked of a contributor while they are with them, and
the packs not yet issued, for their lead officer; OFFICIAL-SENSITIVE ones named only by reference. The clock is
frozen on Wednesday 2 December 2026 (tests/briefings/conftest.py)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings import chases
from briefings.models import CommissionState, Marking, PackStatus
from briefings.services import commissions as commission_services
from briefings.services import issue as issue_services
from briefings.services import packs as pack_services
from mayoral_office import chasing, registry
from mayoral_office.models import ChaseEntry, ChaseSettings
from mayoral_office.roles import Role
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # Wednesday
HORIZON = date(2026, 12, 4)  # the chase's two working days ahead


@pytest.fixture
def pack(member_a, officer_a):
    return make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 4))  # Friday


@pytest.fixture
def commission(pack, officer_a, directorate_contact):
    section = make_section(pack, kind="key_messages", title="Key messages")
    return make_commission(section, assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 1))


# --- commissions ------------------------------------------------------------------------------------------------
def test_a_section_asked_of_a_contributor_is_theirs_by_its_due_date(commission, directorate_contact, pack):
    (item,) = chases.commissions(HORIZON)
    assert (item.model, item.pk, item.person_id) == ("briefings.commission", commission.pk, directorate_contact.pk)
    assert item.due_on == date(2026, 12, 1)
    assert item.url == f"/briefings/commissions/{commission.pk}/"
    assert item.reference == pack.reference
    assert item.title == "Key messages: Opening of the Riverside community hub"
    assert item.what == "Your briefing section"


def test_one_due_after_the_horizon_is_not_yet_returned(commission):
    commission.due_on = date(2026, 12, 7)
    commission.save()
    assert chases.commissions(HORIZON) == []
    assert [item.due_on for item in chases.commissions(date(2026, 12, 7))] == [date(2026, 12, 7)]


def test_a_submitted_accepted_or_cancelled_section_is_no_longer_chased(commission, directorate_contact, officer_a):
    commission = commission_services.commission_submit(actor=directorate_contact, commission=commission)
    assert chases.commissions(HORIZON) == []  # with the lead officer now, not the contributor
    commission = commission_services.commission_return(actor=officer_a, commission=commission, comments="Shorter")
    assert [item.pk for item in chases.commissions(HORIZON)] == [commission.pk]  # back with them
    commission = commission_services.commission_submit(actor=directorate_contact, commission=commission)
    commission_services.commission_accept(actor=officer_a, commission=commission)
    assert chases.commissions(HORIZON) == []

    other = make_commission(
        make_section(commission.section.pack, title="Attendees"), assignee=directorate_contact,
        requested_by=officer_a, due_on=date(2026, 12, 2),
    )  # fmt: skip
    assert [item.pk for item in chases.commissions(HORIZON)] == [other.pk]
    commission_services.commission_cancel(actor=officer_a, commission=other, reason="Asked someone else")
    other.refresh_from_db()
    assert other.state == CommissionState.CANCELLED
    assert chases.commissions(HORIZON) == []


def test_a_withdrawn_pack_stops_the_chase_of_its_sections(commission, pack, officer_a):
    pack_services.pack_withdraw(actor=officer_a, pack=pack, reason="The visit is off")
    assert chases.commissions(HORIZON) == []
    assert chases.packs(HORIZON) == []


def test_a_section_of_an_official_sensitive_pack_is_named_by_reference_only(commission, pack):
    pack.marking = Marking.OFFICIAL_SENSITIVE
    pack.title = "Redundancies at the depot"
    pack.save()
    (item,) = chases.commissions(HORIZON)
    assert item.title == "Section of an OFFICIAL-SENSITIVE briefing pack"
    assert "depot" not in item.title + item.reference + item.url and "Key messages" not in item.title


def test_person_ids_keeps_only_their_sections(commission, pack, officer_a, officer_b, directorate_contact):
    mine = make_commission(
        make_section(pack, title="Speech"), assignee=officer_b, requested_by=officer_a, due_on=date(2026, 12, 3)
    )
    assert {(i.pk, i.person_id) for i in chases.commissions(HORIZON)} == {
        (commission.pk, directorate_contact.pk),
        (mine.pk, officer_b.pk),
    }
    assert [i.pk for i in chases.commissions(HORIZON, [officer_b.pk])] == [mine.pk]
    assert chases.commissions(HORIZON, []) == []


# --- packs ------------------------------------------------------------------------------------------------------
def test_a_pack_not_yet_issued_is_its_lead_officers_by_its_due_date(pack, officer_a):
    (item,) = chases.packs(HORIZON)
    assert (item.model, item.pk, item.person_id) == ("briefings.pack", pack.pk, officer_a.pk)
    assert (item.due_on, item.reference) == (date(2026, 12, 4), pack.reference)
    assert item.url == f"/briefings/packs/{pack.pk}/"
    assert (item.title, item.what) == ("Opening of the Riverside community hub", "Pack to issue")


def test_a_cleared_pack_is_still_chased_and_an_issued_one_is_not(
    pack, head, officer_a, django_capture_on_commit_callbacks
):
    make_section(pack)
    pack = issue_services.pack_clear(actor=head, pack=pack)
    assert pack.status == PackStatus.CLEARED
    assert [item.pk for item in chases.packs(HORIZON)] == [pack.pk]
    with django_capture_on_commit_callbacks():  # the PDF is not rendered here
        issue_services.pack_issue(actor=officer_a, pack=pack)
    assert chases.packs(HORIZON) == []


def test_an_official_sensitive_pack_is_named_by_reference_only(pack):
    pack.marking = Marking.OFFICIAL_SENSITIVE
    pack.title = "Redundancies at the depot"
    pack.save()
    (item,) = chases.packs(HORIZON)
    assert item.title == "OFFICIAL-SENSITIVE briefing pack" and item.reference == pack.reference


def test_person_ids_keeps_only_the_packs_they_lead(pack, officer_a, officer_b, member_b):
    theirs = make_pack(member_b, lead_officer=officer_b, due_on=date(2026, 12, 1))
    assert [i.pk for i in chases.packs(HORIZON)] == [theirs.pk, pack.pk]
    assert [i.pk for i in chases.packs(HORIZON, [officer_a.pk])] == [pack.pk]
    assert [i.pk for i in chases.packs(HORIZON, [officer_b.pk, 0])] == [theirs.pk]


# --- queries and the chase --------------------------------------------------------------------------------------
def _more(n, officer, contact, member):
    for k in range(n):
        pack = make_pack(member, lead_officer=officer, title=f"Pack {k}", due_on=date(2026, 12, 1 + k % 4))
        make_commission(make_section(pack), assignee=contact, requested_by=officer, due_on=date(2026, 11, 30))


def test_the_same_queries_for_2_and_for_12_items(officer_a, directorate_contact, member_a):
    counts = []
    for more in (2, 10):
        _more(more, officer_a, directorate_contact, member_a)
        with CaptureQueriesContext(connection) as queries:
            found = (chases.commissions(HORIZON), chases.packs(HORIZON))
        counts.append((len(found[0]), len(found[1]), len(queries)))
    assert counts == [(2, 2, 2), (12, 12, 2)]  # one query a kind


def test_the_chase_lists_them_for_the_contributor_and_the_lead_officer(
    commission, pack, directorate_contact, officer_a
):
    ChaseSettings.objects.create(remind_before_days=2, lead_after_days=3, head_after_days=5)
    contact_lead = UserFactory(role=Role.DIRECTORATE_CONTACT, full_name="Their lead")
    directorate_contact.reports_to = contact_lead
    directorate_contact.save()
    names = [kind.name for kind in registry.chase_kinds()]
    assert "briefings.commission" in names and "briefings.pack" in names

    lines = chasing.plan(TODAY)

    (asked,) = lines[directorate_contact.pk]
    assert (asked.kind.name, asked.item.pk, asked.stage, asked.late) == (
        "briefings.commission",
        commission.pk,
        ChaseEntry.Stage.OVERDUE,
        1,
    )
    (led,) = lines[officer_a.pk]
    assert (led.kind.name, led.item.pk, led.stage, led.when) == (
        "briefings.pack",
        pack.pk,
        ChaseEntry.Stage.BEFORE,
        "Due in 2 working days",
    )
    assert contact_lead.pk not in lines  # one working day overdue: not yet escalated
