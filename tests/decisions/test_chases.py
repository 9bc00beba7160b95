"""What decisions chases (decisions/chases.py): open actions for their owners, and each undecided pathway item's next
statutory date for its lead officer; restricted records named only by reference. The clock is frozen on Wednesday
2 December 2026 (tests/decisions/conftest.py)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions import chases
from decisions.models import ActionStatus, MeetingStatus, PathwayItem, PathwayStatus
from decisions.services import actions as action_services
from decisions.services import pathway as pathway_services
from mayoral_office import chasing, registry
from mayoral_office.models import ChaseEntry, ChaseSettings
from mayoral_office.roles import Role
from tests.decisions.factories import at, make_action, make_meeting, make_pathway_item
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # Wednesday
HORIZON = date(2026, 12, 4)  # the chase's two working days ahead


# --- actions --------------------------------------------------------------------------------------------------
def test_an_open_action_is_its_owners_by_its_due_date(officer_a):
    action = make_action("Circulate the revised   savings plan", due_on=date(2026, 12, 1), owner=officer_a)
    (item,) = chases.actions(HORIZON)
    assert (item.model, item.pk, item.person_id, item.due_on) == (
        "decisions.action",
        action.pk,
        officer_a.pk,
        date(2026, 12, 1),
    )
    assert item.url == f"/decisions/actions/{action.pk}/"
    assert (item.reference, item.title, item.what) == (
        f"Action {action.pk}",
        "Circulate the revised savings plan",
        "Action",
    )


def test_an_action_due_after_the_horizon_is_not_yet_returned(officer_a):
    make_action(due_on=date(2026, 12, 7), owner=officer_a)
    assert chases.actions(HORIZON) == []
    assert len(chases.actions(date(2026, 12, 7))) == 1


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.DROPPED])
def test_a_done_or_dropped_action_is_no_longer_chased(officer_a, status):
    action = make_action(due_on=date(2026, 12, 1), owner=officer_a)
    action_services.action_add_update(actor=officer_a, action=action, text="Under way", status=ActionStatus.IN_PROGRESS)
    assert [item.pk for item in chases.actions(HORIZON)] == [action.pk]  # in progress: still open
    action_services.action_add_update(actor=officer_a, action=action, text="Finished", status=status)
    assert chases.actions(HORIZON) == []


def test_a_restricted_action_is_named_by_reference_only(officer_a):
    confidential = make_action("Settle the claim against the depot", due_on=date(2026, 12, 1), owner=officer_a,
                               confidential=True)  # fmt: skip
    exempt = make_action("Negotiate with the union", due_on=date(2026, 12, 2), owner=officer_a, exempt_category=4)
    found = {item.pk: item for item in chases.actions(HORIZON)}
    assert found[confidential.pk].title == found[exempt.pk].title == "Restricted action"
    assert "depot" not in found[confidential.pk].reference + found[confidential.pk].url


def test_a_directorates_action_goes_to_its_contacts_and_a_restricted_one_to_its_lead_officer(
    directorate, directorate_contact, officer_b, head
):
    theirs = make_action("Send the housing figures", due_on=date(2026, 12, 1), owner_directorate=directorate)
    restricted = make_action(
        due_on=date(2026, 12, 1), owner_directorate=directorate, confidential=True, lead_officer=officer_b
    )
    nobodys = make_action(due_on=date(2026, 12, 1), owner_directorate=directorate, confidential=True)
    found = {(item.pk, item.person_id) for item in chases.actions(HORIZON)}
    assert found == {(theirs.pk, directorate_contact.pk), (restricted.pk, officer_b.pk), (nobodys.pk, None)}
    assert [item.pk for item in chases.actions(HORIZON, [directorate_contact.pk])] == [theirs.pk]


def test_person_ids_keeps_only_their_actions(officer_a, officer_b):
    make_action(due_on=date(2026, 12, 1), owner=officer_a)
    theirs = make_action(due_on=date(2026, 12, 2), owner=officer_b)
    assert len(chases.actions(HORIZON)) == 2
    assert [item.pk for item in chases.actions(HORIZON, [officer_b.pk])] == [theirs.pk]
    assert chases.actions(HORIZON, []) == []


def test_the_same_queries_for_2_and_for_12_actions(officer_a, officer_b, directorate, directorate_contact):
    counts = []
    for more in (1, 5):
        for k in range(more):
            make_action(f"Action {k}", due_on=date(2026, 11, 23 + k), owner=officer_a if k % 2 else officer_b)
            make_action(f"Theirs {k}", due_on=date(2026, 12, 1), owner_directorate=directorate)
        chases.actions(HORIZON)  # the kept tables (the directorates' contacts) read once: mayoral_office/choices.py
        with CaptureQueriesContext(connection) as queries:
            found = chases.actions(HORIZON)
        counts.append((len(found), len(queries)))
    assert counts == [(2, 1), (12, 1)]  # the actions (the directorates' contacts are kept)


# --- Decision Pathway dates -----------------------------------------------------------------------------------
@pytest.fixture
def cabinet():
    """Cabinet on Tuesday 15 December 2026: the Forward Plan by Monday 16 November, the report by Monday
    7 December, the decision published by Thursday 17 December."""
    return make_meeting("CAB", start=at(2026, 12, 15, 18, 30))


@pytest.fixture
def item(directorate, officer_a, cabinet):
    return make_pathway_item(directorate=directorate, lead_officer=officer_a, key_decision=True,
                             decision_meeting=cabinet, status=PathwayStatus.IN_PROGRESS)  # fmt: skip


def test_the_next_date_not_met_is_the_lead_officers(item, officer_a):
    (found,) = chases.pathway_dates(HORIZON)
    assert (found.model, found.pk, found.person_id) == ("decisions.pathwayitem", item.pk, officer_a.pk)
    assert (found.due_on, found.what) == (date(2026, 11, 16), "Pathway date: on the Forward Plan by")
    assert (found.reference, found.title) == (item.reference, "Leisure centre refurbishment")
    assert found.url == f"/decisions/pathway/{item.pk}/"


def test_each_date_met_moves_the_chase_to_the_next(item, officer_a, clock):
    pathway_services.pathway_publish_forward_plan(actor=officer_a, item=item)  # late, but met
    assert chases.pathway_dates(HORIZON) == []  # the report is due on Monday 7 December
    (found,) = chases.pathway_dates(date(2026, 12, 7))
    assert (found.due_on, found.what) == (date(2026, 12, 7), "Pathway date: report published by")

    PathwayItem.objects.filter(pk=item.pk).update(report_published_on=date(2026, 12, 4))
    (found,) = chases.pathway_dates(date(2026, 12, 17))
    assert (found.due_on, found.what) == (date(2026, 12, 17), "Pathway date: decision published by")

    PathwayItem.objects.filter(pk=item.pk).update(status=PathwayStatus.DECIDED)  # decided: no longer chased
    assert chases.pathway_dates(date(2026, 12, 31)) == []


def test_an_exception_covers_the_forward_plan_and_a_decision_that_is_not_key_never_needs_it(item, head):
    pathway_services.pathway_record_exception(
        actor=head, item=item, kind="special_urgency", reason="Urgent", scrutiny_chair="Cllr Chair",
        agreed_on=date(2026, 12, 1),
    )  # fmt: skip
    assert chases.pathway_dates(HORIZON) == []
    assert [f.what for f in chases.pathway_dates(date(2026, 12, 7))] == ["Pathway date: report published by"]
    PathwayItem.objects.filter(pk=item.pk).update(exception_kind="", scrutiny_chair="", key_decision=False,
                                                  exception_agreed_on=None)  # fmt: skip
    assert [f.what for f in chases.pathway_dates(date(2026, 12, 7))] == ["Pathway date: report published by"]


def test_after_the_meeting_only_the_decisions_publication_is_chased(item, clock):
    clock.move_to("2026-12-16 09:00")  # the Forward Plan and the report were never recorded
    (found,) = chases.pathway_dates(date(2026, 12, 18))
    assert (found.due_on, found.what) == (date(2026, 12, 17), "Pathway date: decision published by")


def test_withdrawn_items_items_without_a_meeting_and_cancelled_meetings_are_not_chased(item, cabinet, directorate):
    make_pathway_item("No meeting yet", directorate=directorate, key_decision=True)
    PathwayItem.objects.filter(pk=item.pk).update(status=PathwayStatus.WITHDRAWN)
    assert chases.pathway_dates(HORIZON) == []
    PathwayItem.objects.filter(pk=item.pk).update(status=PathwayStatus.PROPOSED)
    assert len(chases.pathway_dates(HORIZON)) == 1
    cabinet.status = MeetingStatus.CANCELLED
    cabinet.save()
    assert chases.pathway_dates(HORIZON) == []


def test_a_meeting_too_far_ahead_has_no_date_due_yet(directorate, officer_a):
    far = make_meeting("CAB", start=at(2027, 2, 2, 18, 30))  # on the Forward Plan by Monday 4 January
    make_pathway_item(directorate=directorate, lead_officer=officer_a, key_decision=True, decision_meeting=far)
    assert chases.pathway_dates(HORIZON) == []
    assert chases.pathway_dates(date(2027, 1, 3)) == []
    assert [f.due_on for f in chases.pathway_dates(date(2027, 1, 4))] == [date(2027, 1, 4)]


def test_a_restricted_item_is_named_by_reference_only(item):
    PathwayItem.objects.filter(pk=item.pk).update(exempt_category=3, title="Sale of the depot site")
    (found,) = chases.pathway_dates(HORIZON)
    assert found.title == "Restricted pathway item" and found.reference == item.reference


def test_person_ids_and_an_item_nobody_leads(item, officer_a, officer_b, cabinet, directorate):
    theirs = make_pathway_item("Theirs", directorate=directorate, lead_officer=officer_b, key_decision=True,
                               decision_meeting=cabinet)  # fmt: skip
    nobodys = make_pathway_item("Nobody's", directorate=directorate, key_decision=True, decision_meeting=cabinet)
    assert {(f.pk, f.person_id) for f in chases.pathway_dates(HORIZON)} == {
        (item.pk, officer_a.pk),
        (theirs.pk, officer_b.pk),
        (nobodys.pk, None),
    }
    assert [f.pk for f in chases.pathway_dates(HORIZON, [officer_b.pk])] == [theirs.pk]


def test_the_same_queries_for_2_and_for_12_pathway_items(directorate, officer_a, officer_b):
    counts = []
    for more in (2, 10):
        for k in range(more):
            meeting = make_meeting("CAB", start=at(2026, 12, 8 + k % 4, 18, 30))
            make_pathway_item(directorate=directorate, lead_officer=officer_a if k % 2 else officer_b,
                              key_decision=True, decision_meeting=meeting)  # fmt: skip
        chases.pathway_dates(
            HORIZON
        )  # the kept tables (the closure days, the rules) read once: mayoral_office/choices.py
        with CaptureQueriesContext(connection) as queries:
            found = chases.pathway_dates(HORIZON)
        counts.append((len(found), len(queries)))
    assert counts == [(2, 2), (12, 2)]  # the items, the rules (the closure days are kept)


# --- the chase ------------------------------------------------------------------------------------------------
def test_the_chase_lists_the_action_and_the_pathway_date_for_the_officer_and_escalates(head, item, officer_a):
    ChaseSettings.objects.create(remind_before_days=2, lead_after_days=3, head_after_days=5)
    lead = UserFactory(role=Role.CABINET_SUPPORT, full_name="Sam Ortiz")
    officer_a.reports_to = lead
    officer_a.save()
    action = make_action(due_on=date(2026, 12, 3), owner=officer_a)
    names = [kind.name for kind in registry.chase_kinds()]
    assert "decisions.action" in names and "decisions.pathway" in names

    lines = chasing.plan(TODAY)

    mine = {line.kind.name: line for line in lines[officer_a.pk]}
    assert (mine["decisions.action"].item.pk, mine["decisions.action"].stage) == (action.pk, ChaseEntry.Stage.BEFORE)
    dated = mine["decisions.pathway"]
    assert (dated.item.pk, dated.stage, dated.late) == (item.pk, ChaseEntry.Stage.OVERDUE, 12)
    assert [(line.item.pk, line.stage) for line in lines[lead.pk]] == [(item.pk, ChaseEntry.Stage.LEAD)]
    assert [(line.item.pk, line.stage) for line in lines[head.pk]] == [(item.pk, ChaseEntry.Stage.HEAD)]
