"""seed_demo adds a year of CLT and Cabinet meetings with agendas and minutes, a Partnership Executive Group, a dozen
pathway items in different states (one in breach of the 28-day rule, one under general exception), overdue and
on-track actions and one closed incident whose log verifies; running it again changes nothing."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from decisions import deadlines, demo
from decisions.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Decision,
    DecisionSettings,
    DecisionStatus,
    ExceptionKind,
    Incident,
    IncidentEntry,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    PathwayItem,
    PathwayNote,
    PathwayStatus,
    PathwayStep,
    StepOutcome,
)
from decisions.models.incidents import GENESIS_HASH
from mayoral_office import demo as office_demo
from mayoral_office import registry
from mayoral_office.models import Member, User
from mayoral_office.working_days import is_working_day

pytestmark = pytest.mark.django_db
STANDING = [ItemKind.APOLOGIES, ItemKind.MINUTES, ItemKind.MATTERS_ARISING]
MODELS = [Meeting, AgendaItem, Decision, Action, ActionUpdate, PathwayItem, PathwayStep, PathwayNote, IncidentEntry]


@pytest.fixture
def registered(monkeypatch):
    """The decisions seeder in the registry (decisions/apps.py registers it under the same name: this replaces it
    for the test and puts the registry back afterwards)."""
    monkeypatch.setitem(registry._seeders, "decisions", registry.DemoSeeder("decisions", demo.seed, order=30))


@pytest.fixture
def seeded(db):
    """The demo office and the decisions demo, as seed_demo makes them (without casework's and the diary's demo,
    which take half a minute and which the decisions demo does not read: the whole command is run below)."""
    office_demo.seed()
    out = io.StringIO()
    demo.seed(out)
    return out.getvalue()


def local(moment):
    return timezone.localtime(moment)


def test_a_year_of_clt_and_cabinet_meetings_on_working_days(seeded, clock):
    assert "Decisions: meetings" in seeded
    today, now = clock.today, clock.now()
    clt = list(Meeting.objects.filter(body__short_name="CLT").order_by("starts_at"))
    cabinet = list(Meeting.objects.filter(body__short_name="CAB").order_by("starts_at"))
    assert 24 <= len(clt) <= 28 and 11 <= len(cabinet) <= 13
    for meetings, weekday, start, span in ((clt, 1, (9, 30), 340), (cabinet, 2, (18, 30), 300)):
        assert (meetings[-1].day - meetings[0].day).days >= span  # a year (first to last Cabinet: eleven months)
        assert meetings[0].day < today - timedelta(days=200) and meetings[-1].day > today + timedelta(days=60)
        for meeting in meetings:
            assert (
                meeting.day.weekday() == weekday
                and (local(meeting.starts_at).hour, local(meeting.starts_at).minute) == start
            )
            assert is_working_day(meeting.day), meeting  # bank holidays and closure days skipped
            assert meeting.status == (MeetingStatus.HELD if meeting.starts_at < now else MeetingStatus.SCHEDULED)
    # CLT every fortnight (a gap of four weeks only where a bank holiday or closure day fell), Cabinet monthly
    assert all(b.day - a.day in (timedelta(weeks=2), timedelta(weeks=4)) for a, b in zip(clt, clt[1:], strict=False))
    assert len({(m.day.year, m.day.month) for m in cabinet}) == len(cabinet)


def test_minutes_are_approved_at_the_next_meeting_and_the_latest_are_in_draft(seeded, clock):
    for short in ("CLT", "CAB", "PEG"):
        held = list(Meeting.objects.filter(body__short_name=short, status=MeetingStatus.HELD).order_by("starts_at"))
        assert held, short
        for meeting, following in zip(held, held[1:], strict=False):
            assert meeting.minutes_status == MinutesStatus.APPROVED and meeting.minutes_approved_at == following
            assert meeting.attendees.exists()
        assert held[-1].minutes_status == MinutesStatus.DRAFT and held[-1].minutes_approved_at is None
        scheduled = Meeting.objects.filter(body__short_name=short, status=MeetingStatus.SCHEDULED)
        assert scheduled.exists() and not scheduled.exclude(minutes_status=MinutesStatus.NONE).exists()
    assert Meeting.objects.filter(apologies__isnull=False).exists()


def test_the_bodies_have_their_members_and_the_partnership_group_its_partners(seeded):
    cabinet_members = set(Meeting.objects.filter(body__short_name="CAB").first().body.members.all())
    assert cabinet_members == set(Member.objects.all()) and len(cabinet_members) >= 10
    peg = Meeting.objects.filter(body__short_name="PEG", status=MeetingStatus.HELD)
    assert peg.count() >= 3
    assert all("Metropolitan Police" in m.others_present and "NHS" in m.others_present for m in peg)
    assert peg.first().body.members.filter(office=Member.Office.MAYOR).exists()


def test_every_agenda_opens_with_the_standing_items_then_three_to_five_items(seeded, clock):
    for meeting in Meeting.objects.prefetch_related("agenda_items"):
        items = sorted(meeting.agenda_items.all(), key=lambda i: i.position)
        assert [i.kind for i in items[:3]] == STANDING, meeting
        business = items[3:]
        assert all(i.kind == ItemKind.ITEM for i in business)
        assert 3 <= len(business) <= 6, meeting  # 3 to 5, and the one confidential item on top at one CLT
        assert all(i.lead_officer_id and i.minutes_allowed and i.paper_due for i in business)
        assert [i.position for i in items] == list(range(1, len(items) + 1))
        held = meeting.status == MeetingStatus.HELD
        assert all(bool(i.discussion) == held for i in items), meeting
    assert AgendaItem.objects.filter(kind=ItemKind.ITEM, portfolio__isnull=False).count() > 100
    assert AgendaItem.objects.filter(meeting__isnull=True).exists()  # waiting on the forward agenda planner
    assert "{" not in "".join(AgendaItem.objects.values_list("title", flat=True))  # placeholders filled in


def test_one_exempt_and_one_confidential_item_that_an_intern_and_a_contact_never_see(seeded):
    exempt = AgendaItem.objects.filter(exempt_category__isnull=False)
    assert exempt.exists() and set(exempt.values_list("exempt_category", flat=True)) == {3}
    assert exempt.filter(meeting__body__short_name="CAB").count() == 1
    assert AgendaItem.objects.filter(confidential=True).count() == 1
    restricted = {"confidential": False, "exempt_category__isnull": True}
    for email in ("intern@eastbridge.gov.uk", "contact.hor@eastbridge.gov.uk"):
        user = User.objects.get(email=email)
        for model in (AgendaItem, Decision, Action, PathwayItem):
            visible = model.objects.visible_to(user)
            assert visible.count() == visible.filter(**restricted).count(), (email, model)
    # the restricted item's decision and actions are as restricted as it is
    assert Decision.objects.filter(agenda_item__exempt_category=3, exempt_category=3).exists()
    assert not Action.objects.filter(agenda_item__confidential=True, confidential=False).exists()


def test_the_decision_register_has_cabinet_decisions_with_their_call_in_dates(seeded, clock):
    rules = DecisionSettings.current().rules()
    cabinet = Decision.objects.filter(meeting__body__short_name="CAB").order_by("taken_on", "pk")
    assert cabinet.count() >= 20
    assert all(re.fullmatch(r"CAB/\d{4}/\d{3}", d.reference) and d.decision_maker == "Cabinet" for d in cabinet)
    for year in {d.taken_on.year for d in cabinet}:
        numbers = [int(d.reference[-3:]) for d in cabinet if d.taken_on.year == year]
        assert numbers == list(range(1, len(numbers) + 1))  # in the order taken
    published = [d for d in cabinet if d.published_on]
    assert len(published) >= 20
    for d in published:
        assert d.published_on == deadlines.publication_deadline(d.taken_on, rules)[0]
        assert d.call_in_ends_on == deadlines.call_in_end(d.published_on, rules)[0]
        assert d.effective_on == deadlines.effective_date(d.published_on, rules)[0]
        assert d.published_on <= clock.today
    assert {DecisionStatus.IMPLEMENTED, DecisionStatus.PUBLISHED} <= set(cabinet.values_list("status", flat=True))
    clt = Decision.objects.filter(meeting__body__short_name="CLT")
    assert clt.exists() and not clt.filter(call_in_ends_on__isnull=False).exists()


def test_actions_done_on_track_and_overdue_owned_by_people_and_directorates(seeded, clock):
    today = clock.today
    actions = Action.objects.all()
    assert actions.count() >= 80
    assert actions.overdue(today).count() >= 5
    on_track = actions.still_open().filter(due_on__gte=today, rag="green")
    assert on_track.count() >= 5
    assert actions.filter(status=ActionStatus.DONE, completed_on__isnull=False).count() >= 30
    assert actions.filter(owner__isnull=False, owner_directorate__isnull=True).exists()
    assert actions.filter(owner__isnull=True, owner_directorate__isnull=False).exists()
    assert actions.filter(meeting__isnull=True).exists()  # added by hand
    assert all(is_working_day(day) for day in set(actions.values_list("due_on", flat=True)))
    assert ActionUpdate.objects.filter(action__in=actions.overdue(today)).exists()
    assert not ActionUpdate.objects.filter(written_at__gt=clock.now()).exists()
    done = actions.filter(status=ActionStatus.DONE)
    assert not done.filter(completed_on__gt=today).exists()


def test_a_dozen_pathway_items_one_in_breach_and_one_under_general_exception(seeded, clock):
    today = clock.today
    settings = DecisionSettings.current()
    items = list(PathwayItem.objects.prefetch_related("wards", "steps").order_by("reference"))
    assert [i.reference for i in items] == [f"DP/{today.year}/{n:03d}" for n in range(1, 13)]
    assert {PathwayStatus.DECIDED, PathwayStatus.IN_PROGRESS, PathwayStatus.PROPOSED, PathwayStatus.WITHDRAWN} == {
        i.status for i in items
    }
    for item in items:
        by_rule = (item.value or Decimal(0)) >= settings.key_decision_threshold or len(item.wards.all()) >= 2
        assert item.key_decision == by_rule, item
        assert item.steps.exists()
        if item.status in (PathwayStatus.IN_PROGRESS, PathwayStatus.PROPOSED):
            assert item.decision_meeting.body.short_name == "CAB" and item.decision_meeting.day > today
            assert item.steps.filter(outcome=StepOutcome.PENDING).exists()
        if item.status == PathwayStatus.DECIDED:
            assert item.decisions.exists() and item.decision_meeting.day < today
    assert {s.outcome for i in items for s in i.steps.all()} >= {"approved", "pending", "deferred", "noted"}

    def forward_plan_state(item):
        plan = deadlines.plan(
            item.decision_meeting.day,
            today=today,
            key_decision=item.key_decision,
            forward_plan_published_on=item.forward_plan_published_on,
            exception_authorised=item.exception_authorised,
        )
        return plan[0].state

    states = {item.reference: forward_plan_state(item) for item in items if item.decision_meeting}
    late = [i for i in items if i.status == PathwayStatus.IN_PROGRESS and states[i.reference] == "met late"]
    assert len(late) == 1
    breach = late[0]
    assert breach.key_decision and not breach.exception_kind
    due = deadlines.forward_plan_deadline(breach.decision_meeting.day)[0]
    assert due < breach.forward_plan_published_on <= today
    exception = PathwayItem.objects.get(exception_kind=ExceptionKind.GENERAL_EXCEPTION)
    assert states[exception.reference] == deadlines.State.AUTHORISED
    assert exception.scrutiny_chair and exception.exception_reason and exception.exception_agreed_on <= today
    assert exception.forward_plan_published_on > deadlines.forward_plan_deadline(exception.decision_meeting.day)[0]
    assert PathwayNote.objects.filter(item=breach, text__contains="Late").exists()
    # booked on the agendas of the meetings considering them
    assert AgendaItem.objects.filter(pathway_item=breach, meeting=breach.decision_meeting).exists()
    assert AgendaItem.objects.filter(pathway_item__isnull=False, meeting__body__short_name="CLT").exists()


def test_one_closed_incident_whose_hash_chain_verifies(seeded, clock):
    incident = Incident.objects.get()
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    assert incident.status == Incident.Status.CLOSED and incident.signed_off_by == head
    assert incident.closed_at < incident.signed_off_at < clock.now()
    entries = list(incident.entries.order_by("sequence"))
    assert 8 <= len(entries) <= 10
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    previous = GENESIS_HASH
    for entry in entries:
        assert entry.previous_hash == previous
        assert entry.content_hash == entry.computed_hash()
        assert timedelta(minutes=1) <= entry.written_at - entry.happened_at <= timedelta(minutes=2)
        previous = entry.content_hash
    corrections = [e for e in entries if e.corrects_id]
    assert len(corrections) == 1 and corrections[0].kind == IncidentEntry.Kind.CORRECTION
    assert corrections[0].corrects.sequence < corrections[0].sequence
    assert {e.kind for e in entries} >= {"event", "decision", "action", "correction"}


def test_seed_demo_runs_it_and_running_it_again_changes_nothing(small_demo, registered, clock):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Decisions: meetings" in out.getvalue()
    counts = {model: model.objects.count() for model in MODELS}
    assert counts[Meeting] >= 40 and counts[PathwayItem] == 12 and counts[IncidentEntry] >= 8
    assert Incident.objects.count() == 1
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert {model: model.objects.count() for model in MODELS} == counts
    assert "demo meetings already there" in out.getvalue()
