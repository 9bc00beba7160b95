"""The demo's Decision Pathway (called by decisions/demo.py).

A dozen proposals in different states: decided at past Cabinets (one of them exempt), waiting at each stage, one
key decision published on the Forward Plan after its deadline (in breach of the 28-day rule), one late under a
general exception agreed by the scrutiny chair, one going on to Full Council, one deferred at CLT, one withdrawn.
Each has its steps through the stages, linked to the CLT and Cabinet meetings that consider it, and its history in
notes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from decisions import deadlines
from decisions.demo import People, placeholders
from decisions.demo_content import PATHWAY_ITEMS, SCRUTINY_CHAIR
from decisions.models import (
    DecisionSettings,
    ExceptionKind,
    Meeting,
    PathwayItem,
    PathwayNote,
    PathwayStage,
    PathwayStatus,
    PathwayStep,
    StepOutcome,
)

EXCEPTION_REASON = (
    "The works must start before the winter so that the 12 households still displaced by the fire can go home. "
    "Waiting for a Forward Plan entry 28 clear days ahead would delay them by a month."
)


@dataclass
class Plan:
    """Where a proposal has got to: its decision meeting, status, steps and dates."""

    meeting: Meeting | None
    status: str = PathwayStatus.IN_PROGRESS
    steps: list[tuple] = field(default_factory=list)  # (stage short name, outcome, meeting, on, note)
    forward_plan: date | None = None
    report: date | None = None
    exception: bool = False
    exempt: bool = False
    notes: list[tuple[date, str]] = field(default_factory=list)


class Planner:
    def __init__(self, meetings: dict[str, list[Meeting]], rng, today: date):
        self.rng, self.today = rng, today
        self.rules = DecisionSettings.current().rules()
        cab, clt = meetings.get("CAB", []), meetings.get("CLT", [])
        self.cab_past = [m for m in cab if m.day < today]
        self.cab_future = [m for m in cab if m.day > today]
        self.clt_past = [m for m in clt if m.day < today]
        self.clt_future = [m for m in clt if m.day > today]

    @property
    def ready(self) -> bool:
        return len(self.cab_past) >= 3 and len(self.clt_past) >= 3 and bool(self.cab_future and self.clt_future)

    def future(self, index: int) -> Meeting:
        return self.cab_future[min(index, len(self.cab_future) - 1)]

    def clt_before(self, day: date) -> Meeting:
        earlier = [m for m in self.clt_past if m.day <= day]
        return earlier[-1] if earlier else self.clt_past[0]

    def on_time(self, meeting: Meeting, by: date | None = None) -> date | None:
        """Published on the Forward Plan before its deadline, if that day has come (or `by` then at the latest)."""
        due = deadlines.forward_plan_deadline(meeting.day, self.rules)[0]
        published = due - timedelta(days=self.rng.randint(5, 20))
        if by is not None:
            published = min(published, by)
        return published if published <= self.today else None

    def late(self, meeting: Meeting, most: int) -> date | None:
        """Published on the Forward Plan after its deadline (never after today)."""
        due = deadlines.forward_plan_deadline(meeting.day, self.rules)[0]
        days = min(most, (self.today - due).days)
        return due + timedelta(days=days) if days >= 1 else None

    def report(self, meeting: Meeting) -> date | None:
        due = deadlines.report_deadline(meeting.day, self.rules)[0]
        return due if due < self.today else None

    def decided(self, meeting: Meeting) -> Plan:
        day = meeting.day
        return Plan(
            meeting,
            PathwayStatus.DECIDED,
            [
                ("DLT", StepOutcome.APPROVED, None, day - timedelta(days=63), "Agreed by the directorate."),
                ("CLT", StepOutcome.APPROVED, self.clt_before(day - timedelta(days=28)), None, ""),
                ("MAB", StepOutcome.APPROVED, None, day - timedelta(days=20), "The Mayor's advisers support it."),
                ("CAB", StepOutcome.APPROVED, meeting, None, "Decision taken."),
            ],
            forward_plan=self.on_time(meeting),
            report=self.report(meeting),
        )

    def waiting(self, meeting: Meeting, done: int, *, pending_clt: bool = False) -> list[tuple]:
        """Steps approved up to `done` stages (DLT, CLT, MAB), the rest awaiting, Cabinet at `meeting`. The
        Mayor's Advisory Board sees a proposal the week after CLT."""
        clt = self.clt_past[-2] if done >= 3 else self.clt_past[-1]
        steps = [
            ("DLT", StepOutcome.APPROVED, None, clt.day - timedelta(days=21), "Agreed by the directorate."),
            ("CLT", StepOutcome.APPROVED, clt, None, ""),
            ("MAB", StepOutcome.APPROVED, None, clt.day + timedelta(days=7), "The Mayor's advisers support it."),
        ][:done]
        if done < 2:
            steps.append(("CLT", StepOutcome.PENDING, self.clt_future[0] if pending_clt else None, None, ""))
        if done < 3:
            steps.append(("MAB", StepOutcome.PENDING, None, None, ""))
        steps.append(("CAB", StepOutcome.PENDING, meeting, None, ""))
        return steps

    def plan(self, scenario: str) -> Plan:
        if scenario in ("decided_exempt", "decided", "decided_small"):
            plan = self.decided(self.cab_past[{"decided_exempt": -3, "decided": -2, "decided_small": -1}[scenario]])
            plan.exempt = scenario == "decided_exempt"
            return plan
        if scenario == "at_cabinet":
            meeting = self.future(1)
            return Plan(meeting, steps=self.waiting(meeting, 3), forward_plan=self.on_time(meeting, by=self.today))
        if scenario == "breach":
            meeting = self.future(0)
            plan = Plan(meeting, steps=self.waiting(meeting, 3), forward_plan=self.late(meeting, 7))
            plan.report = self.report(meeting)
            return plan
        if scenario == "exception":
            meeting = self.future(0)
            steps = self.waiting(meeting, 2)
            after_the_fire = self.today - timedelta(days=40)  # the fire of the demo's incident log
            steps[0] = ("DLT", StepOutcome.APPROVED, None, after_the_fire, "Agreed by the directorate: urgent.")
            steps[2] = ("MAB", StepOutcome.NOTED, None, self.clt_past[-1].day, "Noted by email: urgent.")
            plan = Plan(meeting, steps=steps, forward_plan=self.late(meeting, 4), exception=True)
            plan.report = self.report(meeting)
            return plan
        if scenario in ("second_cabinet", "at_advisory_board"):
            meeting = self.future(1)
            key = scenario == "second_cabinet"
            return Plan(meeting, steps=self.waiting(meeting, 2), forward_plan=self.on_time(meeting) if key else None)
        if scenario == "full_council":
            meeting = self.future(2)
            steps = [*self.waiting(meeting, 1, pending_clt=True), ("FC", StepOutcome.PENDING, None, None, "")]
            return Plan(meeting, steps=steps, forward_plan=self.on_time(meeting))
        if scenario == "deferred_at_clt":
            meeting = self.future(2)
            steps = self.waiting(meeting, 1, pending_clt=True)
            note = "Deferred: CLT asked for the results of the traders' consultation first."
            steps.insert(1, ("CLT", StepOutcome.DEFERRED, self.clt_past[-2], None, note))
            return Plan(meeting, steps=steps, forward_plan=self.on_time(meeting))
        if scenario == "proposed":
            meeting = self.future(len(self.cab_future) - 1)
            steps = [("DLT", StepOutcome.PENDING, None, None, ""), *self.waiting(meeting, 0)]
            return Plan(meeting, PathwayStatus.PROPOSED, steps)
        # withdrawn
        note = "Withdrawn: the provider offered better terms and the options review for the leisure centres goes ahead."
        return Plan(
            None,
            PathwayStatus.WITHDRAWN,
            [
                ("DLT", StepOutcome.APPROVED, None, self.clt_past[-3].day - timedelta(days=14), ""),
                ("CLT", StepOutcome.NOTED, self.clt_past[-3], None, note),
            ],
            notes=[(self.clt_past[-3].day + timedelta(days=1), note)],
        )


def seed_pathway(people: People, meetings: dict[str, list[Meeting]], rng, today: date) -> dict[int, list]:
    """The twelve proposals; returns the pathway items booked on each meeting's agenda (meeting pk -> items)."""
    planner = Planner(meetings, rng, today)
    if not planner.ready:
        return {}
    settings = DecisionSettings.current()
    stages = {s.body.short_name: s for s in PathwayStage.objects.select_related("body") if s.body_id}
    prefix = f"DP/{today.year}/"
    taken = PathwayItem.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    number = max((int(r.rsplit("/", 1)[1]) for r in taken if r.rsplit("/", 1)[1].isdigit()), default=0)
    words = placeholders(today)
    bookings: dict[int, list] = defaultdict(list)
    for title, summary, code, portfolio, value, ward_names, scenario in PATHWAY_ITEMS:
        plan = planner.plan(scenario)
        wards = list(people.wards.values()) if ward_names == "all" else [people.wards[n] for n in ward_names]
        value = Decimal(value) if value is not None else None
        key = (value is not None and value >= settings.key_decision_threshold) or len(wards) >= (
            settings.key_decision_wards
        )
        number += 1
        item = PathwayItem.objects.create(
            reference=f"{prefix}{number:03d}",
            title=title.format(**words),
            summary=summary,
            directorate=people.directorates[code],
            lead_officer=people.lead(code, rng, restricted=plan.exempt),
            portfolio=people.portfolios.get(portfolio),
            value=value,
            key_decision=key,
            decision_meeting=plan.meeting,
            forward_plan_published_on=plan.forward_plan if key else None,
            report_published_on=plan.report,
            exception_kind=ExceptionKind.GENERAL_EXCEPTION if plan.exception else "",
            exception_reason=EXCEPTION_REASON if plan.exception else "",
            scrutiny_chair=SCRUTINY_CHAIR if plan.exception else "",
            exception_agreed_on=plan.forward_plan if plan.exception else None,
            status=plan.status,
            exempt_category=3 if plan.exempt else None,
        )
        item.wards.add(*wards)
        notes = [(_first_day(plan, today), f"Proposal added to the Decision Pathway by {item.lead_officer}.")]
        for short, outcome, meeting, on, note in plan.steps:
            if short not in stages:
                continue
            outcome_on = (meeting.day if meeting else on) if outcome != StepOutcome.PENDING else None
            PathwayStep.objects.create(
                item=item, stage=stages[short], meeting=meeting, outcome=outcome, outcome_on=outcome_on, note=note
            )
            if meeting is not None:
                bookings[meeting.pk].append(item)
            if outcome_on is not None:
                notes.append((outcome_on, f"{stages[short].name}: {StepOutcome(outcome).label.lower()}. {note}"))
        notes += _dates_notes(item, plan, planner.rules) + plan.notes
        _notes(item, notes, people)
    return bookings


def _first_day(plan: Plan, today: date) -> date:
    dated = [on or (m.day if m else None) for _, outcome, m, on, _ in plan.steps if outcome != StepOutcome.PENDING]
    return min([d for d in dated if d] + [today - timedelta(days=20)]) - timedelta(days=7)


def _dates_notes(item: PathwayItem, plan: Plan, rules) -> list[tuple[date, str]]:
    notes = []
    if item.forward_plan_published_on and plan.meeting:
        due = deadlines.forward_plan_deadline(plan.meeting.day, rules)[0]
        clear = (plan.meeting.day - item.forward_plan_published_on).days - 1
        text = f"Published on the Forward Plan, {clear} clear days before the meeting."
        if item.forward_plan_published_on > due:
            text += f" Late: the deadline was {due.day} {due:%B %Y}."
        notes.append((item.forward_plan_published_on, text))
    if plan.exception:
        notes.append((item.exception_agreed_on, f"General exception agreed by {SCRUTINY_CHAIR}."))
    if item.report_published_on:
        notes.append((item.report_published_on, "Report published."))
    return notes


def _notes(item: PathwayItem, notes: list[tuple[date, str]], people: People) -> None:
    now = timezone.now()
    author = item.lead_officer or people.head
    for day, text in sorted(notes, key=lambda n: n[0]):
        written = min(timezone.make_aware(datetime.combine(day, time(11, 0))), now - timedelta(minutes=20))
        PathwayNote.objects.create(item=item, written_at=written, author=author, text=text.strip())
