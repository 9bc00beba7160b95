"""The decisions app's share of `manage.py seed_volume`: ten years of meetings across the bodies with their agendas,
actions, pathway items with steps, decisions in the register and the audit entries the services would write, spread
like the demo office. Run here at a tiny scale (scale 1: 5,000 meetings, 20,000 actions, 300 pathway items); on
PostgreSQL as the benchmark runs it with `DATABASE_URL=postgres://... pytest --create-db`, and on SQLite too."""

import random
import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from decisions import demo, volume
from decisions.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Decision,
    DecisionSettings,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    PathwayItem,
    PathwayStep,
)
from mayoral_office import demo as office_demo
from mayoral_office import registry
from mayoral_office.models import User
from mayoral_office.working_days import is_working_day

pytestmark = pytest.mark.django_db
SCALE = 0.02  # 100 meetings, 400 actions, 6 pathway items
STANDING = [ItemKind.APOLOGIES, ItemKind.MINUTES, ItemKind.MATTERS_ARISING]
RESTRICTED = {"confidential": False, "exempt_category__isnull": True}


@pytest.fixture
def office(db, clock):
    """The demo office and the decisions demo, which the volume goes on top of (as seed_volume runs seed_demo)."""
    office_demo.seed()
    demo.seed()
    return {model: set(model.objects.values_list("pk", flat=True)) for model in (Meeting, AgendaItem, Action, Decision)}


@pytest.fixture
def counts(office):
    return volume.seed(SCALE, random.Random(2026))


def new(model, office):
    return model.objects.exclude(pk__in=office[model])


def test_it_makes_the_rows_asked_for_and_returns_their_counts(office, counts):
    meetings = new(Meeting, office)
    assert counts["decisions.Meeting"] == meetings.count() == 100
    assert counts["decisions.Action"] == new(Action, office).count() == 400
    assert counts["decisions.PathwayItem"] == 6 and counts["decisions.PathwayStep"] >= 6
    items = AgendaItem.objects.filter(meeting__in=meetings)
    assert 5 <= items.count() / 100 <= 7.5  # about six items a meeting
    assert counts["decisions.AgendaItem"] == new(AgendaItem, office).count() == items.count() + 1  # one waiting
    assert counts["decisions.Decision"] == new(Decision, office).count()
    assert counts["auditlog.LogEntry (decisions)"] >= 100 + items.count() + 400


def test_meetings_span_ten_years_across_the_bodies_on_working_days(office, counts, clock):
    meetings = new(Meeting, office)
    days = sorted(m.day for m in meetings)
    assert days[-1] - days[0] > timedelta(days=365 * 9) and days[-1] > clock.today
    assert all(is_working_day(day) for day in set(days))
    assert meetings.values("body").distinct().count() >= 8
    assert {"CLT", "CAB"} <= set(meetings.values_list("body__short_name", flat=True))
    now = clock.now()
    assert not meetings.filter(starts_at__gt=now).exclude(status=MeetingStatus.SCHEDULED).exists()
    assert not meetings.filter(starts_at__lt=now, status=MeetingStatus.SCHEDULED).exists()
    held = meetings.filter(status=MeetingStatus.HELD)
    assert held.filter(minutes_status=MinutesStatus.APPROVED, minutes_approved_at__isnull=False).exists()
    assert held.filter(minutes_status=MinutesStatus.DRAFT).exists() and held.filter(attendees__isnull=False).exists()


def test_every_agenda_opens_with_the_standing_items(office, counts):
    for meeting in new(Meeting, office).prefetch_related("agenda_items"):
        items = sorted(meeting.agenda_items.all(), key=lambda i: i.position)
        assert [i.kind for i in items[:3]] == STANDING
        assert len(items) - 3 >= 2 and all(i.kind == ItemKind.ITEM and i.lead_officer_id for i in items[3:])
        assert all(not i.discussion for i in items) or meeting.status == MeetingStatus.HELD


def test_actions_mixed_owned_by_officers_and_directorates_one_in_ten_restricted(office, counts, clock):
    actions = new(Action, office)
    statuses = Counter(actions.values_list("status", flat=True))
    assert set(statuses) == {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED}
    assert statuses[ActionStatus.DONE] > 400 * 0.5
    assert actions.overdue(clock.today).exists() and actions.still_open().filter(due_on__gte=clock.today).exists()
    restricted = actions.exclude(**RESTRICTED).count()
    assert 400 * 0.04 <= restricted <= 400 * 0.2
    assert actions.filter(owner__isnull=True, owner_directorate__isnull=False).count() >= 80
    assert actions.filter(owner__isnull=False, owner_directorate__isnull=True).count() >= 80
    assert (
        actions.values("owner").distinct().count() >= 4 and actions.values("owner_directorate").distinct().count() >= 4
    )
    assert actions.filter(meeting__isnull=True).exists() and actions.filter(decision__isnull=False).exists()
    assert all(is_working_day(day) for day in set(actions.values_list("due_on", flat=True)))
    assert not actions.filter(status=ActionStatus.DONE, completed_on__isnull=True).exists()
    assert ActionUpdate.objects.filter(action__in=actions).exists()
    # an action is as restricted as the item it arose from
    assert not actions.filter(agenda_item__confidential=True, confidential=False).exists()
    intern = User.objects.get(email="intern@eastbridge.gov.uk")
    assert not Action.objects.visible_to(intern).exclude(**RESTRICTED).exists()


def test_pathway_items_with_steps_and_decisions_in_the_register(office, counts, clock):
    rules = DecisionSettings.current()
    items = list(PathwayItem.objects.prefetch_related("wards", "steps"))
    assert len(items) == 12 + 6 and all(item.steps.all() for item in items)  # the demo's dozen and the volume's
    for item in items:
        by_rule = (item.value or 0) >= rules.key_decision_threshold or len(item.wards.all()) >= 2
        assert item.key_decision == by_rule
    decisions = new(Decision, office)
    substantive = AgendaItem.objects.filter(meeting__in=new(Meeting, office).filter(status="held"), kind="item")
    assert decisions.count() >= substantive.count() * 0.2  # a good share of the items
    cabinet = decisions.filter(meeting__body__short_name="CAB", published_on__isnull=False)
    assert cabinet.exists() and not cabinet.filter(call_in_ends_on__isnull=True).exists()
    assert all(re.fullmatch(r"[A-Z-]+/\d{4}/\d{3,}", d) for d in decisions.values_list("reference", flat=True))
    assert PathwayStep.objects.filter(item__in=[i.pk for i in items], meeting__isnull=False).exists()


def test_references_continue_each_sequence_so_the_next_the_app_gives_is_fresh(office, counts, clock):
    volume.seed(SCALE, random.Random(7))  # the benchmark's test adds a second volume on top of the first
    prefixes = Counter(r.rsplit("/", 1)[0] for r in Decision.objects.values_list("reference", flat=True))
    for prefix, taken in prefixes.items():
        numbers = sorted(
            int(r.rsplit("/", 1)[1])
            for r in Decision.objects.filter(reference__startswith=f"{prefix}/").values_list("reference", flat=True)
        )
        assert numbers == list(range(1, taken + 1)), prefix  # the meetings service numbers the next count + 1
    years = Counter(r.split("/")[1] for r in PathwayItem.objects.values_list("reference", flat=True))
    for year, taken in years.items():  # DP/2026/001: the pathway service numbers the next the highest + 1
        numbers = PathwayItem.objects.filter(reference__startswith=f"DP/{year}/").values_list("reference", flat=True)
        assert sorted(int(r.rsplit("/", 1)[1]) for r in numbers) == list(range(1, taken + 1)), year


def test_the_audit_trail_has_the_entries_the_services_would_write(office, counts):
    for model in (Meeting, AgendaItem, Decision, Action, PathwayItem):
        content_type = ContentType.objects.get_for_model(model)
        logged = set(LogEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True))
        assert set(model.objects.values_list("pk", flat=True)) <= logged, model
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    assert LogEntry.objects.filter(actor=head, content_type=ContentType.objects.get_for_model(Meeting)).count() >= 100


def test_seed_volume_runs_it_and_prints_the_rows(small_demo, clock, monkeypatch):
    monkeypatch.setitem(registry._volume_seeders, "decisions", registry.VolumeSeeder("decisions", volume.seed, 30))
    out = StringIO()
    call_command("seed_volume", scale=0.004, stdout=out)
    printed = out.getvalue()
    assert "decisions:" in printed and "decisions.Meeting" in printed and "decisions.Action" in printed
    volume_meetings = Meeting.objects.filter(series__startswith="volume-")
    assert volume_meetings.count() == 20 and volume_meetings.values("body").distinct().count() >= 5
    assert Action.objects.filter(created_at__isnull=False).count() >= 80
    assert AgendaItem.objects.filter(meeting__in=volume_meetings).count() >= 20 * 5
