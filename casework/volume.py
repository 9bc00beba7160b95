"""Ten years of a large borough's casework, in bulk, for the benchmark (`manage.py seed_volume`; registered in
apps.py). Scale 1: 200,000 cases with about 1,000,000 timeline entries, 50,000 correspondents (MPs and
councillors write many times), 20,000 contribution requests, drafts for the cases that reached one, and at least
10% of cases confidential. It goes on top of the demo office: its members, officers, case types, wards and
directorates, spread the way the demo spreads them.

Bulk inserts, not the services: the services are what the benchmark measures, and 200,000 audited writes would
take hours. What the services would set is set here the same way: references in the year's sequence (and the
counter moved past them, so the next case logged gets a fresh one), target dates in working days from the case's
own calendar, and the search document."""

from __future__ import annotations

import bisect
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from casework import demo
from casework.models import (
    FINISHED_STATUSES,
    Case,
    CaseEvent,
    CaseType,
    ContributionRequest,
    Correspondent,
    Draft,
    DraftState,
    ReferenceCounter,
    Sensitivity,
    Status,
)
from casework.services._base import search_document
from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import Directorate, Member, SupportAssignment, User, Ward
from mayoral_office.working_days import is_working_day

AT_SCALE_1 = {"cases": 200_000, "events": 1_000_000, "correspondents": 50_000, "contributions": 20_000}
YEARS = 10
CHUNK = 5_000
# The last six weeks always hold at least this many cases (or a third of a tiny volume; at scale 1 they hold about
# 2,500 anyway), so that a small volume still fills every queue: an empty list makes fewer queries, which would hide
# a count that grows.
RECENT_DAYS, RECENT_FLOOR = 42, 600
LONG_TIMELINE_SHARE = 0.01  # one case in a hundred has a long history (40 to 60 entries)
CONFIDENTIAL_SHARE = 0.12
SENSITIVE_SHARE = 0.14
OPEN_STAGES = [  # (status, weight) of the cases still open
    (Status.RECEIVED, 8),
    (Status.ACKNOWLEDGED, 6),
    (Status.ALLOCATED, 14),
    (Status.WITH_DIRECTORATE, 20),
    (Status.DRAFTING, 20),
    (Status.AWAITING_APPROVAL, 14),
    (Status.APPROVED, 6),
    (Status.ON_HOLD, 8),
    (Status.REOPENED, 4),
]
DRAFT_STATE = {
    Status.DRAFTING: DraftState.DRAFT,
    Status.AWAITING_APPROVAL: DraftState.SUBMITTED,
    Status.APPROVED: DraftState.APPROVED,
    Status.RESPONSE_SENT: DraftState.APPROVED,
    Status.CLOSED: DraftState.APPROVED,
}
NOTES = [
    "Called the resident to confirm the details.",
    "Chased the service for an update.",
    "Resident sent photographs by email.",
    "Spoke to the housing officer; repair booked.",
    "Member asked for an update before the surgery.",
    "Left a voicemail; will try again tomorrow.",
    "Service confirmed the works order number.",
    "Correspondent called to ask how it is going.",
]
EVENT_KINDS = [CaseEvent.Kind.NOTE] * 4 + [CaseEvent.Kind.CALL, CaseEvent.Kind.EMAIL, CaseEvent.Kind.CONTRIBUTION]


class _WorkingDays:
    """add_working_days for a span of years at once: each calendar's working days listed once, then a look-up."""

    def __init__(self, start: date, end: date, calendars: set[str]):
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        self.days = {cal: [d for d in days if is_working_day(d, calendar=cal)] for cal in calendars}

    def add(self, start: date, count: int, calendar: str) -> date:
        days = self.days[calendar]
        return days[bisect.bisect_right(days, start) + count - 1]


class _Office:
    """The demo office the volume is spread across."""

    def __init__(self):
        self.head = User.objects.get(email="head.office@eastbridge.gov.uk")
        self.members = list(Member.objects.prefetch_related("portfolios__directorates").order_by("pk"))
        # the Mayor receives the most post
        self.member_weights = [4 if m.office == Member.Office.MAYOR else 1 for m in self.members]
        self.supporters: dict[int, User] = {}
        for assignment in SupportAssignment.objects.select_related("officer").order_by("-is_primary", "pk"):
            if not assignment.officer.email.startswith("intern"):
                self.supporters.setdefault(assignment.member_id, assignment.officer)
        self.types = {t.code: t for t in CaseType.objects.all()}
        self.wards = list(Ward.objects.all())
        all_directorates = list(Directorate.objects.all())
        self.directorates = {}
        for m in self.members:
            portfolio = next(iter(m.portfolios.all()), None)
            asked = list(portfolio.directorates.all()) if portfolio else []
            self.directorates[m.pk] = (portfolio, asked or all_directorates)


def seed(scale: float, rng) -> dict[str, int]:
    sizes = {name: max(int(n * scale), 1) for name, n in AT_SCALE_1.items()}
    office = _Office()
    today = timezone.localdate()
    first_day = today - timedelta(days=365 * YEARS)
    calendars = {t.calendar for t in office.types.values()}
    working = _WorkingDays(first_day - timedelta(days=7), today + timedelta(days=800), calendars)
    correspondents = _correspondents(sizes["correspondents"], rng, office)

    # Received times over ten years, a little busier each year, oldest first (references follow receipt).
    seconds = int((timezone.now() - timezone.make_aware(datetime.combine(first_day, time(8)))).total_seconds())
    now = timezone.now()
    recent = max(min(RECENT_FLOOR, sizes["cases"] // 3) - sizes["cases"] * RECENT_DAYS // (365 * YEARS), 0)
    received = sorted(
        [now - timedelta(seconds=int(seconds * (1 - rng.random() ** 0.9))) for _ in range(sizes["cases"] - recent)]
        + [now - timedelta(seconds=int(RECENT_DAYS * 86400 * rng.random())) for _ in range(recent)]
    )
    numbers = dict(ReferenceCounter.objects.values_list("year", "last"))
    events_per_case = sizes["events"] / sizes["cases"]
    made = {"cases": 0, "events": 0, "contributions": 0, "drafts": 0, "audit": 0}
    contribution_share = sizes["contributions"] / sizes["cases"]
    for start in range(0, len(received), CHUNK):
        cases = []
        for received_at in received[start : start + CHUNK]:
            year = timezone.localtime(received_at).year
            numbers[year] = numbers.get(year, 0) + 1
            cases.append(_case(rng, office, working, correspondents, received_at, numbers[year], today))
        insert(cases)
        events, contributions, drafts = [], [], []
        for case in cases:
            events += _timeline(rng, case, office, events_per_case, now)
            if rng.random() < contribution_share:
                contributions.append(_contribution(rng, case, office, working, today))
            if case.status in DRAFT_STATE and (case.status not in FINISHED_STATUSES or rng.random() < 0.25):
                drafts.append(_draft(case, office))
        insert(events)
        insert(contributions)
        insert(drafts)
        made["audit"] += bulk_history(_history(event) for event in events)
        made["cases"] += len(cases)
        made["events"] += len(events)
        made["contributions"] += len(contributions)
        made["drafts"] += len(drafts)
    for year, last in numbers.items():  # the next case logged in a year takes the number after the volume's
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last": last})
    return {
        Correspondent._meta.label: len(correspondents),
        Case._meta.label: made["cases"],
        CaseEvent._meta.label: made["events"],
        ContributionRequest._meta.label: made["contributions"],
        Draft._meta.label: made["drafts"],
        "auditlog.LogEntry (casework)": made["audit"],
    }


def _history(event: CaseEvent) -> tuple:
    """The audit entry the service that made this timeline entry would have written: the case logged, its stage
    moved, or the note, call or email added."""
    if event.kind == CaseEvent.Kind.STAGE:
        return event.case, "update", event.actor_id, event.at, {"status": (event.from_status, event.to_status)}
    if event.kind == CaseEvent.Kind.SYSTEM:
        return event.case, "create", event.actor_id, event.at, {"status": (None, event.to_status)}
    fields = {"id": event.pk, "case": event.case_id, "kind": event.kind, "at": event.at, "actor": event.actor_id}
    return event, "create", event.actor_id, event.at, {name: (None, value) for name, value in fields.items()}


def _correspondents(count: int, rng, office: _Office) -> list[Correspondent]:
    """The first few in a hundred are MPs, councillors and journalists, who write most often (see _case)."""
    rows = []
    for index in range(count):
        share = index / count
        kind = (
            "mp"
            if share < 0.004
            else "councillor"
            if share < 0.012
            else "media"
            if share < 0.02
            else rng.choice(["resident"] * 16 + ["business", "agency"])
        )
        name = demo._name(rng)
        titles = demo.DEMO_TITLES.get(kind, demo.RESIDENT_TITLES)
        rows.append(
            Correspondent(
                kind=kind,
                title=titles[index % len(titles)],
                name=name,
                organisation=rng.choice(demo.ORGS[kind]) if kind in demo.ORGS else "",
                address=f"{rng.randint(1, 220)} {rng.choice(demo.STREETS)}\nLondon",
                postcode=rng.choice(demo.POSTCODES),
                ward=rng.choice(office.wards),
                email=demo._email(name, 100_000 + index),
                phone=f"+44207{rng.randint(1000000, 9999999)}",
            )
        )
    insert(rows)
    return rows


def _case(rng, office, working, correspondents, received_at, number, today) -> Case:
    # skewed: the lowest-numbered correspondents (MPs, councillors, the press) write many times
    correspondent = correspondents[int(len(correspondents) * rng.random() ** 2.2)]
    kind = "resident" if correspondent.kind in ("business", "agency") else correspondent.kind
    code = rng.choice(demo.TYPES_BY_KIND[kind])
    case_type = office.types[code]
    member = rng.choices(office.members, office.member_weights)[0]
    portfolio, _ = office.directorates[member.pk]
    received_on = timezone.localtime(received_at).date()
    age = (today - received_on).days
    status = _status(rng, age)
    subject, summary = {"foi": demo.SUBJECTS[20], "media": demo.SUBJECTS[21]}.get(code) or rng.choice(
        demo.SUBJECTS[:20]
    )
    roll = rng.random()
    sensitivity = (
        Sensitivity.CONFIDENTIAL
        if roll < CONFIDENTIAL_SHARE
        else Sensitivity.SENSITIVE
        if roll < CONFIDENTIAL_SHARE + SENSITIVE_SHARE
        else Sensitivity.STANDARD
    )
    case = Case(
        reference=f"MO/{timezone.localtime(received_at).year}/{number:05d}",
        case_type=case_type,
        status=status,
        received_at=received_at,
        channel=rng.choice(["letter", "email", "email", "email", "phone", "web", "in_person"]),
        member=member,
        correspondent=correspondent,
        subject=subject,
        summary=summary,
        body=f"Dear {member.name},\n\n{summary}\n\nI would be grateful for your help.\n\n"
        f"Yours sincerely,\n{correspondent.name}",
        portfolio=portfolio,
        ward=correspondent.ward,
        sensitivity=sensitivity,
        priority=rng.choices(["normal", "high", "urgent"], [80, 15, 5])[0],
        officer=None
        if status in (Status.RECEIVED, Status.ACKNOWLEDGED)
        else _officer(rng, office, member, sensitivity),
        created_by=office.head,
    )
    case.copy_targets()
    cal = case.calendar
    if case.acknowledge_days:
        case.acknowledge_due = working.add(received_on, case.acknowledge_days, cal)
    case.response_due = working.add(received_on, case.respond_days, cal)
    if case.escalate_days:
        case.escalation_due = working.add(received_on, case.escalate_days, cal)
    if status != Status.RECEIVED and case.acknowledge_days:
        case.acknowledged_on = min(working.add(received_on, 1, cal), today)
    if status == Status.ON_HOLD:
        case.status_before_hold = Status.WITH_DIRECTORATE
        case.on_hold_since = min(received_on + timedelta(days=rng.randint(1, 10)), today)
        case.hold_reason = "Waiting for the resident to send photographs"
    if status in FINISHED_STATUSES:
        # most answered in time, some late
        sent = working.add(received_on, rng.randint(2, case.respond_days + 6), cal)
        case.response_sent_on = min(sent, today)
        if status != Status.NO_REPLY_NEEDED:
            case.response_method = rng.choice(["letter", "email"])
        if status == Status.CLOSED:
            closed_on = min(case.response_sent_on + timedelta(days=rng.randint(0, 10)), today)
            case.closed_at = timezone.make_aware(datetime.combine(closed_on, time(17)))
    case.search_document = search_document(case)
    return case


def _officer(rng, office, member, sensitivity: str):
    """The member's supporting officer; the Head of Mayor's Office takes a quarter of the confidential cases."""
    if sensitivity == Sensitivity.CONFIDENTIAL and rng.random() < 0.25:
        return office.head
    return office.supporters.get(member.pk)


def _status(rng, age: int) -> str:
    """Finished or open by age: almost everything older than two months is finished; what is not is overdue."""
    finished = 0.05 if age < 10 else 0.4 if age < 30 else 0.75 if age < 60 else 0.93
    if rng.random() < finished:
        if rng.random() < 0.03:
            return Status.NO_REPLY_NEEDED
        return Status.CLOSED if age > 20 else Status.RESPONSE_SENT
    stages = OPEN_STAGES if age < 10 else OPEN_STAGES[2:]  # older open cases have been picked up
    return rng.choices([s for s, _ in stages], [w for _, w in stages])[0]


def _timeline(rng, case: Case, office: _Office, per_case: float, now) -> list[CaseEvent]:
    """Logged, then notes, calls, emails and stage moves spread between receipt and the end of the case."""
    count = rng.randint(40, 60) if rng.random() < LONG_TIMELINE_SHARE else rng.randint(2, max(int(2 * per_case) - 3, 2))
    end = case.closed_at or (
        timezone.make_aware(datetime.combine(case.response_sent_on, time(16))) if case.response_sent_on else now
    )
    span = max((end - case.received_at).total_seconds(), 60)
    actor = case.officer or office.head
    events = [
        CaseEvent(
            case=case,
            kind=CaseEvent.Kind.SYSTEM,
            at=case.received_at,
            actor=office.head,
            to_status=Status.RECEIVED,
            text=f"Logged as {case.case_type.name}.",
        )
    ]
    moments = sorted(case.received_at + timedelta(seconds=span * rng.random()) for _ in range(count - 1))
    for index, at in enumerate(moments):
        if index == len(moments) - 1 and case.status != Status.RECEIVED:
            events.append(
                CaseEvent(
                    case=case,
                    kind=CaseEvent.Kind.STAGE,
                    at=at,
                    actor=actor,
                    from_status=Status.ALLOCATED,
                    to_status=case.status,
                )
            )
            continue
        kind = rng.choice(EVENT_KINDS)
        events.append(CaseEvent(case=case, kind=kind, at=at, actor=actor, text=rng.choice(NOTES)))
    return events


def _contribution(rng, case: Case, office: _Office, working: _WorkingDays, today: date) -> ContributionRequest:
    _, directorates = office.directorates[case.member_id]
    asked_at = case.received_at + timedelta(days=rng.randint(1, 4))
    request = ContributionRequest(
        case=case,
        directorate=rng.choice(directorates),
        question="Please tell us what has happened and what the service will do next.",
        due_on=working.add(timezone.localtime(asked_at).date(), 5, case.calendar),
        requested_by=case.officer or office.head,
        requested_at=min(asked_at, timezone.now()),
    )
    if case.status in FINISHED_STATUSES or rng.random() < 0.5:
        if rng.random() < 0.9:
            request.answer = "The service has inspected the property and booked the works."
            request.answered_at = request.requested_at + timedelta(days=rng.randint(1, 8))
        else:
            request.no_longer_needed_at = request.requested_at + timedelta(days=rng.randint(5, 15))
    return request


def _draft(case: Case, office: _Office) -> Draft:
    _, directorates = office.directorates[case.member_id]
    state = DRAFT_STATE[case.status]
    reviewed = state == DraftState.APPROVED
    return Draft(
        case=case,
        version=1,
        body=demo.DRAFT_TEXT.format(subject=case.subject.lower(), directorate=directorates[0].name),
        state=state,
        created_by=case.officer or office.head,
        reviewed_by=(case.member.user or office.head) if reviewed else None,
        reviewed_at=case.received_at + timedelta(days=7) if reviewed else None,
    )
