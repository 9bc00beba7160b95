"""A pack's due date follows its engagement or meeting, and the council's closure days (briefings/services/
follow.py): the diary's and decisions' services announce a move, the briefings app listens. On the frozen clock:
Wednesday 2 December 2026."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry

from briefings.models import Pack, PackStatus
from briefings.models.commissions import CommissionState
from briefings.services import follow
from decisions.services import meetings as meeting_services
from diary import services as diary_services
from diary.data import engagement_data_of
from mayoral_office import services as office_services
from mayoral_office.models import ClosureDay
from tests.briefings.factories import at, make_commission, make_pack, make_section
from tests.decisions.factories import make_meeting
from tests.diary.factories import make_engagement

pytestmark = pytest.mark.django_db

THURSDAY = at(2026, 12, 10, 10)  # a pack for it is due Tuesday 8 December (2 working days before)


@pytest.fixture
def engagement(member_a):
    return make_engagement(member_a, start=THURSDAY, title="Opening of the Riverside community hub")


@pytest.fixture
def pack(engagement, member_a, officer_a):
    return make_pack(member_a, lead_officer=officer_a, engagement=engagement, due_on=date(2026, 12, 8))


def _move(engagement, officer, days):
    return diary_services.engagement_move(
        actor=officer,
        engagement=engagement,
        starts_at=engagement.starts_at + timedelta(days=days),
        ends_at=engagement.ends_at + timedelta(days=days),
        conflict_reason="Checked with the member",
    )


def test_moving_the_engagement_earlier_moves_the_pack_and_brings_late_commissions_forward(
    engagement, pack, officer_a, directorate_contact
):
    late = make_commission(
        make_section(pack), assignee=directorate_contact, requested_by=officer_a, due_on=date(2026, 12, 7)
    )
    early = make_commission(
        make_section(pack, title="Key messages"),
        assignee=directorate_contact,
        requested_by=officer_a,
        due_on=date(2026, 12, 3),
    )
    _move(engagement, officer_a, -1)  # to Wednesday 9 December: the pack is due Monday 7 December
    pack.refresh_from_db(), late.refresh_from_db(), early.refresh_from_db()
    assert pack.due_on == date(2026, 12, 7)
    assert late.due_on == date(2026, 12, 4)  # a working day before the pack (the Friday)
    assert early.due_on == date(2026, 12, 3)  # already early enough: left alone
    entry = LogEntry.objects.get_for_object(pack).filter(additional_data__isnull=False).latest("pk")
    assert entry.actor == officer_a
    assert (
        "The engagement moved" in entry.additional_data["note"] and "7 December 2026" in entry.additional_data["note"]
    )


def test_moving_the_engagement_later_moves_the_pack_but_not_the_commissions(engagement, pack, officer_a, officer_b):
    commission = make_commission(
        make_section(pack), assignee=officer_b, requested_by=officer_a, due_on=date(2026, 12, 7)
    )
    _move(engagement, officer_a, 7)  # Thursday 17 December
    pack.refresh_from_db(), commission.refresh_from_db()
    assert pack.due_on == date(2026, 12, 15)
    assert commission.due_on == date(2026, 12, 7)


def test_a_change_of_place_only_leaves_the_pack_alone(engagement, pack, officer_a):
    before = pack.version
    data = engagement_data_of(engagement)
    data.location = "Riverside community hub, Bow Road"
    diary_services.engagement_update(
        actor=officer_a, engagement=engagement, data=data, members=engagement.members.all()
    )
    pack.refresh_from_db()
    assert (pack.due_on, pack.version) == (date(2026, 12, 8), before)


def test_issued_and_withdrawn_packs_keep_their_dates(engagement, member_a, officer_a):
    issued = make_pack(member_a, lead_officer=officer_a, engagement=engagement, due_on=date(2026, 12, 8))
    Pack.objects.filter(pk=issued.pk).update(status=PackStatus.ISSUED, latest_version=1)
    withdrawn = make_pack(member_a, lead_officer=officer_a, engagement=engagement, due_on=date(2026, 12, 8))
    Pack.objects.filter(pk=withdrawn.pk).update(status=PackStatus.WITHDRAWN)
    _move(engagement, officer_a, -1)
    assert set(Pack.objects.values_list("due_on", flat=True)) == {date(2026, 12, 8)}


def test_a_cancelled_engagement_leaves_its_pack_as_it_was(engagement, pack, officer_a, directorate_contact):
    commission = make_commission(make_section(pack), assignee=directorate_contact, requested_by=officer_a)
    diary_services.engagement_cancel(actor=officer_a, engagement=engagement, reason="The venue flooded")
    pack.refresh_from_db(), commission.refresh_from_db()
    assert (pack.status, pack.due_on, pack.engagement_id) == (PackStatus.DRAFT, date(2026, 12, 8), engagement.pk)
    assert commission.state == CommissionState.REQUESTED


def test_moving_a_meeting_moves_its_pack(member_a, officer_a):
    meeting = make_meeting(start=at(2026, 12, 15, 9, 30))  # Tuesday: the pack is due Friday 11 December
    pack = make_pack(member_a, lead_officer=officer_a, meeting=meeting, due_on=date(2026, 12, 11))
    meeting_services.meeting_edit(
        actor=officer_a,
        meeting=meeting,
        starts_at=at(2026, 12, 17, 9, 30),
        ends_at=at(2026, 12, 17, 11, 30),
        place=meeting.place,
        online_link="",
    )
    pack.refresh_from_db()
    assert pack.due_on == date(2026, 12, 15)


def test_a_closure_day_moves_the_due_date_back_a_day_and_removing_it_moves_it_again(
    engagement, pack, member_a, head, officer_a
):
    standalone = make_pack(member_a, lead_officer=officer_a, title="Budget speech", due_on=date(2026, 12, 8))
    office_services.closure_day_add(actor=head, day=date(2026, 12, 9), reason="Staff development day")
    pack.refresh_from_db(), standalone.refresh_from_db()
    assert pack.due_on == date(2026, 12, 7)  # Wednesday 9 December no longer counts: due Monday
    assert standalone.due_on == date(2026, 12, 8)  # a standalone pack's date is the officer's
    entry = LogEntry.objects.get_for_object(pack).filter(additional_data__isnull=False).latest("pk")
    assert entry.actor == head and "Closure day added" in entry.additional_data["note"]

    office_services.closure_day_remove(actor=head, closure=ClosureDay.objects.get(date=date(2026, 12, 9)))
    pack.refresh_from_db()
    assert pack.due_on == date(2026, 12, 8)


def test_the_recalculator_counts_the_packs_it_moved(engagement, pack, head):
    ClosureDay.objects.create(date=date(2026, 12, 9), reason="Staff development day")
    moved = follow.packs_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 9), note="Closure day")
    assert moved == 1
    assert follow.packs_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 9), note="Again") == 0
    # a closure day after the engagement changes nothing
    assert follow.packs_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 11), note="Later") == 0


def test_a_cancelled_meeting_leaves_its_pack_as_it_was(member_a, officer_a):
    meeting = make_meeting(start=at(2026, 12, 15, 9, 30))
    pack = make_pack(member_a, lead_officer=officer_a, meeting=meeting, due_on=date(2026, 12, 11))
    meeting_services.meeting_cancel(actor=officer_a, meeting=meeting)
    pack.refresh_from_db()
    assert (pack.status, pack.due_on, pack.meeting_id) == (PackStatus.DRAFT, date(2026, 12, 11), meeting.pk)
