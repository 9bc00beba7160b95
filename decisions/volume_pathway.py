"""The Decision Pathway's share of the volume (decisions/volume.py): proposals over ten years, each with its
decision meeting (a Cabinet meeting of the volume), its steps through the stages linked to the CLT and Cabinet
meetings that considered it, its statutory dates (a few late on the Forward Plan, half of those under a general
exception), and a note or two of history. References continue each year's sequence."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from decisions.demo_content import CABINET_ITEMS, PATHWAY_ITEMS, SCRUTINY_CHAIR
from decisions.models import (
    ExceptionKind,
    Meeting,
    MeetingStatus,
    PathwayItem,
    PathwayNote,
    PathwayStage,
    PathwayStatus,
    PathwayStep,
    StepOutcome,
)
from mayoral_office.models import Ward

LATE_SHARE = 0.04  # key decisions published on the Forward Plan after the deadline; half under a general exception
FULL_COUNCIL_SHARE = 0.1
PROPOSALS = [(t.format(next_fy="next year"), s, d, p) for t, s, d, p, *_ in PATHWAY_ITEMS] + [
    (
        i.title.format(fy="this year", next_fy="next year", quarter="2", month="the month"),
        i.purpose,
        i.directorate,
        i.portfolio,
    )
    for i in CABINET_ITEMS
]
VALUES = [None, None, (20_000, 450_000), (20_000, 450_000), (500_000, 5_000_000), (5_000_000, 60_000_000)]


def pathway(office, meetings: list[Meeting], count: int, rng) -> dict:
    """Returns {"items": the pathway items, "booked": meeting pk -> items on its agenda, "counts": rows made}."""
    cabinet = sorted(
        (m for m in meetings if m.body.short_name == "CAB" and m.status != MeetingStatus.CANCELLED),
        key=lambda m: m.starts_at,
    )
    clt = sorted(
        (m for m in meetings if m.body.short_name == "CLT" and m.status == MeetingStatus.HELD),
        key=lambda m: m.starts_at,
    )
    stages = {s.body.short_name: s for s in PathwayStage.objects.select_related("body") if s.body_id}
    wards = list(Ward.objects.all())
    plans = [_plan(office, rng, rng.choice(cabinet) if cabinet else None, wards) for _ in range(count)]
    plans.sort(key=lambda p: p["created"])
    numbers: dict[int, int] = {}
    for reference in PathwayItem.objects.values_list("reference", flat=True):  # DP/2026/001
        year, number = (reference.split("/") + ["", ""])[1:3]
        if year.isdigit() and number.isdigit():
            numbers[int(year)] = max(numbers.get(int(year), 0), int(number))
    items = []
    for plan in plans:
        year = plan["created"].year
        numbers[year] = numbers.get(year, 0) + 1
        plan["item"].reference = f"DP/{year}/{numbers[year]:03d}"
        items.append(plan["item"])
    PathwayItem.objects.bulk_create(items, batch_size=1000)
    for plan in plans:  # as if put on the pathway when it was (auto_now_add stamps the insert)
        plan["item"].created_at = office.at(plan["created"], 10)
    PathwayItem.objects.bulk_update(items, ["created_at"], batch_size=1000)
    through = PathwayItem.wards.through
    through.objects.bulk_create(
        [through(pathwayitem_id=p["item"].pk, ward_id=w.pk) for p in plans for w in p["wards"]], batch_size=5000
    )
    clt_days = [m.day for m in clt]
    booked: dict[int, list] = defaultdict(list)
    steps, notes = [], []
    for plan in plans:
        made = _steps(office, plan, stages, clt, clt_days, rng)
        steps += made
        for step in made:
            if step.meeting is not None:
                booked[step.meeting.pk].append(plan["item"])
        notes += _notes(office, plan, made)
    PathwayStep.objects.bulk_create(steps, batch_size=5000)
    PathwayNote.objects.bulk_create(notes, batch_size=5000)
    return {
        "items": items,
        "booked": booked,
        "counts": {
            PathwayItem._meta.label: len(items),
            PathwayStep._meta.label: len(steps),
            PathwayNote._meta.label: len(notes),
        },
    }


def _plan(office, rng, meeting: Meeting | None, wards: list[Ward]) -> dict:
    today, rules, calendar = office.today, office.rules, office.calendar
    day = meeting.day if meeting else today + timedelta(days=60)
    future = meeting is None or meeting.starts_at > office.now
    status = (
        rng.choice([PathwayStatus.IN_PROGRESS] * 3 + [PathwayStatus.PROPOSED])
        if future
        else PathwayStatus.WITHDRAWN
        if rng.random() < 0.05
        else PathwayStatus.DECIDED
    )
    title, summary, code, portfolio = rng.choice(PROPOSALS)
    span = rng.choice(VALUES)
    value = Decimal(rng.randrange(span[0] // 1000, span[1] // 1000) * 1000) if span else None
    roll = rng.random()
    chosen = wards if roll < 0.15 else rng.sample(wards, min(len(wards), 1 if roll < 0.75 else rng.randint(2, 3)))
    key = (value is not None and value >= rules.key_decision_threshold) or len(chosen) >= rules.key_decision_wards
    restricted = rng.random()
    exempt, confidential = (3 if restricted < 0.05 else None), 0.05 <= restricted < 0.08
    fp_due = day - timedelta(days=rules.forward_plan_clear_days + 1)
    late = key and rng.random() < LATE_SHARE
    forward_plan = None
    if key and status != PathwayStatus.PROPOSED:
        forward_plan = fp_due + timedelta(days=rng.randint(1, 7)) if late else fp_due - timedelta(rng.randint(3, 40))
        forward_plan = forward_plan if forward_plan <= today else None
    exception = bool(late and forward_plan and rng.random() < 0.5)
    report_due = calendar.before(day, rules.report_clear_working_days + 1)
    published = calendar.add(day, rules.publication_working_days) if status == PathwayStatus.DECIDED else None
    created = min(day - timedelta(days=rng.randint(70, 140)), today)
    item = PathwayItem(
        title=title,
        summary=summary,
        directorate=office.by_code.get(code) or rng.choice(office.directorates),
        lead_officer=office.lead(rng, restricted=bool(exempt or confidential)),
        portfolio=office.portfolios.get(portfolio),
        value=value,
        key_decision=key,
        decision_meeting=meeting if status != PathwayStatus.WITHDRAWN else None,
        forward_plan_published_on=forward_plan,
        report_published_on=report_due if report_due < today and status != PathwayStatus.PROPOSED else None,
        decision_published_on=published if published and published <= today else None,
        exception_kind=ExceptionKind.GENERAL_EXCEPTION if exception else "",
        exception_reason="Urgent: the decision cannot wait for the next Forward Plan." if exception else "",
        scrutiny_chair=SCRUTINY_CHAIR if exception else "",
        exception_agreed_on=forward_plan if exception else None,
        status=status,
        confidential=confidential,
        exempt_category=exempt,
    )
    return {"item": item, "meeting": meeting, "day": day, "created": created, "wards": chosen}


def _steps(office, plan: dict, stages: dict, clt: list[Meeting], clt_days: list[date], rng) -> list[PathwayStep]:
    """DLT, CLT (three weeks or more before the decision), the Mayor's Advisory Board, Cabinet at the decision
    meeting and, for some, Full Council; approved where the day has passed, awaiting otherwise. A withdrawn item
    stops at CLT; a proposed one has not started."""
    item, day, today, status = plan["item"], plan["day"], office.today, plan["item"].status
    index = bisect.bisect_right(clt_days, day - timedelta(days=21)) - 1
    clt_meeting = clt[index] if index >= 0 and clt_days[index] >= plan["created"] else None
    dated = [
        ("DLT", None, plan["created"] + timedelta(days=14)),
        ("CLT", clt_meeting, clt_meeting.day if clt_meeting else day - timedelta(days=28)),
        ("MAB", None, day - timedelta(days=14)),
        ("CAB", plan["meeting"], day),
    ]
    if rng.random() < FULL_COUNCIL_SHARE:
        dated.append(("FC", None, day + timedelta(days=30)))
    steps = []
    for position, (short, meeting, on) in enumerate(dated):
        if short not in stages:
            continue
        if status == PathwayStatus.WITHDRAWN and position > 1:
            break
        passed = on <= today and status != PathwayStatus.PROPOSED
        outcome = StepOutcome.APPROVED if passed else StepOutcome.PENDING
        note = ""
        if status == PathwayStatus.WITHDRAWN and short == "CLT":
            outcome, note = StepOutcome.NOTED, "Withdrawn by the directorate."
        steps.append(
            PathwayStep(
                item=item,
                stage=stages[short],
                meeting=meeting,
                outcome=outcome,
                outcome_on=on if outcome != StepOutcome.PENDING else None,
                note=note,
            )
        )
    return steps


def _notes(office, plan: dict, steps: list[PathwayStep]) -> list[PathwayNote]:
    item = plan["item"]
    added = "Proposal added to the Decision Pathway."
    notes = [PathwayNote(item=item, written_at=office.at(plan["created"], 10), author=item.lead_officer, text=added)]
    done = [s for s in steps if s.outcome_on]
    if done:
        last = done[-1]
        text = f"{last.stage.name}: {StepOutcome(last.outcome).label.lower()}. {last.note}".strip()
        notes.append(
            PathwayNote(item=item, written_at=office.at(last.outcome_on, 17), author=item.lead_officer, text=text)
        )
    return notes
