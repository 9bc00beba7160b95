"""What the diary chases (diary/chases.py): invitations awaiting a decision, for the officers who keep the member's
diary, due five working days after they arrived and never after the event; decided ones are no longer chased. The
clock is frozen on Wednesday 2 December 2026 (tests/diary/conftest.py)."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diary import chases, services
from diary.models import InvitationStatus
from mayoral_office import chasing, registry
from mayoral_office.models import ChaseEntry, ChaseSettings
from mayoral_office.roles import Role
from tests.mayoral_office.factories import MemberFactory, SupportAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # Wednesday
HORIZON = date(2026, 12, 4)  # the chase's two working days ahead


def record(actor, member, *, received_on=date(2026, 11, 23), event_date=date(2027, 1, 20), **fields):
    values = {
        "organisation": "Eastbridge Chamber of Commerce",
        "event_name": "Annual business awards",
        "event_date": event_date,
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "asks": ["attend"],
        "received_on": received_on,
    }
    values.update(fields)
    return services.invitation_record(actor=actor, member=member, **values)


def test_an_invitation_is_due_five_working_days_after_it_arrived_for_the_officer_who_keeps_the_diary(
    officer_a, member_a, intern, head
):
    invitation = record(officer_a, member_a)  # arrived Monday 23 November

    (item,) = chases.invitations(HORIZON)

    assert item.person_id == officer_a.pk  # not the intern who also supports the member, nor the Head
    assert item.due_on == date(2026, 11, 30)  # Monday: five working days on
    assert (item.model, item.pk, item.reference) == ("diary.invitation", invitation.pk, invitation.reference)
    assert item.url == f"/diary/invitations/{invitation.pk}/"
    assert item.title == "Annual business awards (Eastbridge Chamber of Commerce)"
    assert item.what == "Your decision on the invitation"


def test_the_decision_is_never_due_after_the_event(officer_a, member_a):
    short = record(
        officer_a, member_a, received_on=date(2026, 11, 30), event_date=date(2026, 12, 3), short_notice_reason="VIP"
    )
    (item,) = chases.invitations(HORIZON)
    assert (item.pk, item.due_on) == (short.pk, date(2026, 12, 3))  # the event, not Monday 7 December


def test_the_working_days_skip_bank_holidays_and_closure_days(officer_a, member_a):
    from mayoral_office.models import ClosureDay

    ClosureDay.objects.create(date=date(2026, 12, 29), reason="Council closure")
    record(officer_a, member_a, received_on=date(2026, 12, 23), event_date=date(2027, 2, 1))
    # Thursday 24, then (Christmas, Boxing Day's Monday substitute, the closure) Wednesday 30, Thursday 31, Monday 4
    # and Tuesday 5 January
    assert chases.due_on(date(2026, 12, 23), date(2027, 2, 1)) == date(2027, 1, 5)
    assert [item.due_on for item in chases.invitations(date(2027, 1, 5))] == [date(2027, 1, 5)]
    assert chases.invitations(date(2027, 1, 4)) == []


def test_one_not_yet_due_by_the_horizon_is_not_returned(officer_a, member_a):
    record(officer_a, member_a, received_on=date(2026, 12, 1))  # due Tuesday 8 December
    assert chases.invitations(HORIZON) == []
    assert [item.due_on for item in chases.invitations(date(2026, 12, 8))] == [date(2026, 12, 8)]


@pytest.mark.parametrize("decide", ["accept", "decline", "delegate"])
def test_a_decided_invitation_is_no_longer_chased(officer_a, member_a, member_b, decide):
    invitation = record(officer_a, member_a)
    assert len(chases.invitations(HORIZON)) == 1
    if decide == "accept":
        services.invitation_accept(actor=officer_a, invitation=invitation)
    elif decide == "decline":
        services.invitation_decline(actor=officer_a, invitation=invitation, reason="A prior engagement")
    else:
        services.invitation_delegate(actor=officer_a, invitation=invitation, delegate=member_b)
    invitation.refresh_from_db()
    assert invitation.status != InvitationStatus.RECEIVED
    assert chases.invitations(HORIZON) == []


def test_person_ids_keeps_only_those_peoples_items(officer_a, officer_b, member_a, member_b):
    mine = record(officer_a, member_a)
    theirs = record(officer_b, member_b)
    assert {(i.pk, i.person_id) for i in chases.invitations(HORIZON)} == {
        (mine.pk, officer_a.pk),
        (theirs.pk, officer_b.pk),
    }
    assert [i.pk for i in chases.invitations(HORIZON, [officer_b.pk])] == [theirs.pk]
    assert chases.invitations(HORIZON, []) == []


def test_the_primary_officers_are_chased_and_those_who_cover_only_when_no_primary_one_is_current(
    officer_a, member_a, clock
):
    cover = UserFactory(role=Role.CABINET_SUPPORT, full_name="Cover Officer")
    assignment = SupportAssignmentFactory(officer=cover, member=member_a, is_primary=False)
    record(officer_a, member_a)
    assert [i.person_id for i in chases.invitations(HORIZON)] == [officer_a.pk]

    for ended in officer_a.support_assignments.all():  # the primary officer has moved on (as the admin saves it)
        ended.ends_on = date(2026, 12, 1)
        ended.save()
    assert [i.person_id for i in chases.invitations(HORIZON)] == [cover.pk]

    assignment.delete()  # nobody keeps the diary: the Head of Mayor's Office's (person None)
    assert [i.person_id for i in chases.invitations(HORIZON)] == [None]
    assert chases.invitations(HORIZON, [cover.pk]) == []


def test_an_officer_who_has_left_is_not_chased(officer_a, member_a):
    record(officer_a, member_a)
    officer_a.is_active = False
    officer_a.save()
    assert [i.person_id for i in chases.invitations(HORIZON)] == [None]


def _invitations(n, officer, member):
    for k in range(n):
        record(officer, member, event_name=f"Event {k}", received_on=date(2026, 11, 16 + k % 5))


def test_the_same_queries_for_2_and_for_12_invitations(officer_a, member_a, officer_b, member_b):
    counts = []
    for more in (1, 5):
        _invitations(more, officer_a, member_a)
        _invitations(more, officer_b, member_b)
        chases.invitations(
            HORIZON
        )  # the kept tables (the closure days, the rules) read once: mayoral_office/choices.py
        with CaptureQueriesContext(connection) as queries:
            found = chases.invitations(HORIZON)
        counts.append((len(found), len(queries)))
    assert counts == [(2, 1), (12, 1)]  # the invitations (their officers and the closure days are kept)


def test_an_officers_home_reads_only_the_invitations_of_the_diaries_they_keep(officer_a, member_a, officer_b, head):
    record(officer_a, member_a)
    for person in (officer_a, officer_b, head):  # who keeps which diary: kept (mayoral_office/choices.py)
        chases.invitations(HORIZON, [person.pk])
    with CaptureQueriesContext(connection) as queries:
        assert [i.person_id for i in chases.invitations(HORIZON, [officer_b.pk])] == []
        assert [i.person_id for i in chases.invitations(HORIZON, [head.pk])] == []
    assert len(queries) == 1  # officer B keeps member B's diary, which has no invitation; the Head keeps none
    assert [i.person_id for i in chases.invitations(HORIZON, [officer_a.pk])] == [officer_a.pk]


def test_the_chase_lists_it_in_the_officers_digest_lines_overdue_and_escalates(head, member_a):
    ChaseSettings.objects.create(remind_before_days=2, lead_after_days=3, head_after_days=5)
    lead = UserFactory(role=Role.CABINET_SUPPORT, full_name="Sam Ortiz")
    officer = UserFactory(role=Role.CABINET_SUPPORT, full_name="Kim Lee", reports_to=lead)
    SupportAssignmentFactory(officer=officer, member=member_a)
    late = record(officer, member_a, received_on=date(2026, 11, 16))  # due Monday 23 November: 7 working days late
    soon = record(officer, member_a, received_on=date(2026, 11, 27))  # due Friday 4 December

    assert "diary.invitation" in [kind.name for kind in registry.chase_kinds()]
    lines = chasing.plan(TODAY)

    mine = {line.item.pk: line for line in lines[officer.pk] if line.kind.name == "diary.invitation"}
    assert (mine[late.pk].stage, mine[late.pk].late) == (ChaseEntry.Stage.OVERDUE, 7)
    assert (mine[soon.pk].stage, mine[soon.pk].when) == (ChaseEntry.Stage.BEFORE, "Due in 2 working days")
    assert [(line.item.pk, line.stage) for line in lines[lead.pk]] == [(late.pk, ChaseEntry.Stage.LEAD)]
    assert [(line.item.pk, line.stage) for line in lines[head.pk]] == [(late.pk, ChaseEntry.Stage.HEAD)]
    assert [line.item.pk for line in chasing.due_for(officer)] == [late.pk, soon.pk]  # the home page's list


def test_a_member_without_officers_goes_to_the_head(head):
    member = MemberFactory(name="Cllr Nobody Supports")
    invitation = record(head, member)  # the Head keeps every diary, but nobody is assigned to this one
    lines = chasing.plan(TODAY, escalate=False)
    assert [(line.item.pk, line.stage) for line in lines[head.pk]] == [(invitation.pk, ChaseEntry.Stage.OVERDUE)]
