"""What procurement chases (procurement/chases.py): each requisition waiting for approval, for the approver of the
step it waits at, five working days after it reached them and never after its needed-by date. The clock is frozen
on Wednesday 2 December 2026 (tests/procurement/conftest.py) and moved back for the submissions."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mayoral_office import chasing, registry
from mayoral_office.models import ChaseEntry, ChaseSettings
from mayoral_office.roles import Role
from procurement import chases
from procurement.models import BudgetLine, Requisition
from procurement.services import requisitions as services
from tests.mayoral_office.factories import UserFactory
from tests.procurement.factories import add_quotes, make_line, make_requisition

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # Wednesday
HORIZON = date(2026, 12, 4)  # the chase's two working days ahead


def submit(people, line, *, on="2026-11-23 10:00", clock, **fields):
    """A £7,200 requisition (the budget holder, then the Head) submitted on `on` (Monday 23 November)."""
    clock.move_to(on)
    requisition = make_requisition(people, line, **fields)
    add_quotes(people, requisition, 3)
    reason = "Separate events"  # the splitting check adds up the tests' requisitions to one supplier
    return services.requisition_submit(actor=people.requester, requisition=requisition, split_reason=reason)


def act(clock, on, service, **kwargs):
    clock.move_to(on)
    return service(**kwargs)


@pytest.fixture
def submitted(people, line, clock):
    requisition = submit(people, line, clock=clock)
    clock.move_to("2026-12-02 10:00")
    return requisition


def test_a_submitted_requisition_is_the_budget_holders_five_working_days_after_it_reached_them(people, submitted):
    (item,) = chases.approvals(HORIZON)
    assert (item.model, item.pk, item.person_id) == ("procurement.requisition", submitted.pk, people.holder.pk)
    assert item.due_on == date(2026, 11, 30)  # Monday 23 November, five working days on
    assert item.url == f"/procurement/requisitions/{submitted.pk}/"
    assert (item.reference, item.title, item.what) == (submitted.reference, "Civic reception", "Your approval")


def test_each_approval_moves_the_chase_to_the_next_approver_until_it_is_approved(people, line, clock):
    requisition = submit(people, line, clock=clock)
    act(clock, "2026-11-25 11:00", services.requisition_approve, actor=people.holder, requisition=requisition)
    clock.move_to("2026-12-02 10:00")
    (item,) = chases.approvals(HORIZON)
    assert (item.person_id, item.due_on) == (people.head.pk, date(2026, 12, 2))  # from Wednesday 25 November

    services.requisition_approve(actor=people.head, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == "ordered"
    assert chases.approvals(HORIZON) == []


@pytest.mark.parametrize("decision", ["return", "reject", "cancel"])
def test_a_returned_rejected_or_cancelled_requisition_is_no_longer_chased(people, submitted, decision, clock):
    if decision == "return":
        services.requisition_return(actor=people.holder, requisition=submitted, comments="Add the third quote")
    elif decision == "reject":
        services.requisition_reject(actor=people.holder, requisition=submitted, comments="Not this year")
    else:
        services.requisition_cancel(actor=people.requester, requisition=submitted, reason="No longer needed")
    assert chases.approvals(HORIZON) == []
    if decision == "return":  # submitted again today: a new round, due five working days from now
        submitted.refresh_from_db()
        services.requisition_submit(actor=people.requester, requisition=submitted)
        assert chases.approvals(HORIZON) == []
        assert [(i.person_id, i.due_on) for i in chases.approvals(date(2026, 12, 9))] == [
            (people.holder.pk, date(2026, 12, 9))
        ]


def test_never_due_after_the_needed_by_date(people, line, clock):
    requisition = submit(people, line, on="2026-12-01 10:00", needed_by=date(2026, 12, 3), clock=clock)
    clock.move_to("2026-12-02 10:00")
    assert [(i.pk, i.due_on) for i in chases.approvals(HORIZON)] == [(requisition.pk, date(2026, 12, 3))]


def test_the_holders_own_requisition_goes_to_the_deputy_and_with_no_other_deputy_to_the_head(people, line, clock):
    line.holder = people.requester
    line.save()
    requisition = submit(people, line, clock=clock)
    clock.move_to("2026-12-02 10:00")
    assert [(i.pk, i.person_id) for i in chases.approvals(HORIZON)] == [(requisition.pk, people.deputy.pk)]
    line.deputy = None
    line.save()
    assert [(i.pk, i.person_id) for i in chases.approvals(HORIZON)] == [(requisition.pk, people.head.pk)]


def at_the_directors_step(people, line, clock):
    """A £100,000 tender submitted on Monday 16 November, approved by the budget holder on the 17th and the Head on
    the 18th: it waits for the Director."""
    tender = [{"description": "Festival", "quantity": "1", "unit_price": "100000.00", "vat_rate": "exempt"}]
    clock.move_to("2026-11-16 10:00")
    requisition = make_requisition(people, line, lines=tender)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    for day, approver in (("2026-11-17", people.holder), ("2026-11-18", people.head)):
        act(clock, f"{day} 10:00", services.requisition_approve, actor=approver, requisition=requisition)
    return requisition


def test_the_director_and_the_procurement_team_named_in_the_settings_are_chased_at_their_steps(people, clock):
    requisition = at_the_directors_step(people, make_line(people, allocation="150000.00", code="4050"), clock)
    clock.move_to("2026-12-02 10:00")
    assert [(i.person_id, i.due_on) for i in chases.approvals(HORIZON)] == [(people.director.pk, date(2026, 11, 25))]
    services.requisition_approve(actor=people.director, requisition=requisition)
    assert chases.approvals(HORIZON) == []  # the procurement team has until Wednesday 9 December
    assert [(i.person_id, i.due_on) for i in chases.approvals(date(2026, 12, 9))] == [
        (people.procurement.pk, date(2026, 12, 9))
    ]


def test_person_ids_keeps_only_their_approvals(people, line, clock):
    first = submit(people, line, clock=clock)
    second = submit(people, line, clock=clock, description="Flowers for the reception")
    act(clock, "2026-11-24 10:00", services.requisition_approve, actor=people.holder, requisition=second)
    clock.move_to("2026-12-02 10:00")
    assert {(i.pk, i.person_id) for i in chases.approvals(HORIZON)} == {
        (first.pk, people.holder.pk),
        (second.pk, people.head.pk),
    }
    assert [i.pk for i in chases.approvals(HORIZON, [people.head.pk])] == [second.pk]
    assert chases.approvals(HORIZON, [people.deputy.pk]) == []  # the deputy covers: not chased


def test_the_same_queries_for_2_and_for_12_requisitions(people, clock):
    line = make_line(people, allocation="500000.00", code="4060")
    counts = []
    for more in (1, 5):
        for _ in range(more):
            submit(people, line, clock=clock)
            at_head = submit(people, line, clock=clock)
            act(clock, "2026-11-24 10:00", services.requisition_approve, actor=people.holder, requisition=at_head)
        clock.move_to("2026-12-02 10:00")
        chases.approvals(HORIZON)  # the kept tables (the closure days, the rules) read once: mayoral_office/choices.py
        with CaptureQueriesContext(connection) as queries:
            found = chases.approvals(HORIZON)
        counts.append((len(found), len(queries)))
    assert counts == [(2, 1), (12, 1)]  # the requisitions with their steps (the Heads, the closure days are kept)


def test_each_approvers_own_are_those_the_whole_chase_gives_them_and_a_non_approver_reads_nothing(people, clock):
    """A home page asks for one person's approvals: the same as the whole chase gives that person, at every tier
    (the holder, the deputy of a holder's own, the Head when no other deputy, the Director, the procurement team)."""
    line = make_line(people, allocation="150000.00", code="4070")
    own_line = make_line(people, allocation="20000.00", code="4080")
    own_line.holder, own_line.deputy = people.requester, None
    own_line.save()  # the requester's own line with no deputy: their requisitions go to the Head
    at_the_directors_step(people, line, clock)
    submit(people, line, clock=clock)  # at the holder
    submit(people, own_line, clock=clock, description="Flowers for the reception")  # at the Head
    clock.move_to("2026-12-02 10:00")
    whole = chases.approvals(date(2026, 12, 9))
    assert {i.person_id for i in whole} == {people.holder.pk, people.head.pk, people.director.pk}
    for person in vars(people).values():
        theirs = [(i.pk, i.person_id) for i in whole if i.person_id == person.pk]
        assert [(i.pk, i.person_id) for i in chases.approvals(date(2026, 12, 9), [person.pk])] == theirs
    outsider = UserFactory(role=Role.CABINET_SUPPORT, full_name="Kofi Mensah")
    chases.approvals(HORIZON, [outsider.pk])  # who approves at each tier: kept (mayoral_office/choices.py)
    with CaptureQueriesContext(connection) as queries:
        assert chases.approvals(HORIZON, [outsider.pk]) == []
    assert len(queries) == 0  # they approve nothing: no requisition is read


def test_the_chase_lists_it_for_the_approver_and_escalates_to_the_head(people, submitted):
    ChaseSettings.objects.create(remind_before_days=2, lead_after_days=3, head_after_days=5)
    lead = UserFactory(role=Role.BUDGET_HOLDER, full_name="Finance Lead")
    people.holder.reports_to = lead
    people.holder.save()
    assert "procurement.approval" in [kind.name for kind in registry.chase_kinds()]

    lines = chasing.plan(TODAY)

    (mine,) = lines[people.holder.pk]
    assert (mine.kind.name, mine.item.pk, mine.stage, mine.late) == (
        "procurement.approval",
        submitted.pk,
        ChaseEntry.Stage.OVERDUE,
        2,
    )
    assert lead.pk not in lines and people.head.pk not in lines  # two working days late: not yet escalated
    later = chasing.plan(date(2026, 12, 7))  # five working days late
    assert [(line.item.pk, line.stage) for line in later[lead.pk]] == [(submitted.pk, ChaseEntry.Stage.LEAD)]
    assert [(line.item.pk, line.stage) for line in later[people.head.pk]] == [(submitted.pk, ChaseEntry.Stage.HEAD)]
    assert [line.item.pk for line in chasing.due_for(people.holder, TODAY)] == [submitted.pk]


def test_a_line_the_kept_lines_do_not_hold_yet_is_read_on_its_own(people, line, submitted):
    """Who holds a requisition's line comes from the kept budget lines; a line made since they were read, by writes
    that announced no change (bulk ones), is read from the database rather than failing the chase."""
    chases.approvals(HORIZON)  # the budget lines kept
    [unseen] = BudgetLine.objects.bulk_create(
        [BudgetLine(cost_centre=line.cost_centre, year=line.year, code="4099", name="Civic gifts",
                    holder=people.director, deputy=people.deputy)]
    )  # fmt: skip
    Requisition.objects.filter(pk=submitted.pk).update(budget_line=unseen)
    assert [(i.pk, i.person_id) for i in chases.approvals(HORIZON)] == [(submitted.pk, people.director.pk)]
