"""Ten years of a large borough's decision-making, in bulk, for the benchmark (`manage.py seed_volume`; registered
in apps.py). Scale 1: 5,000 meetings from ten years ago to four months ahead across the bodies (the seeded six, a
leadership team for each directorate and four partnership boards), about six agenda items each (the standing items
first), 20,000 actions (done, dropped, on track and overdue; owned by officers and directorates; about one in ten
restricted), 300 Decision Pathway items with their steps, and decisions in the register for a good share of the
items. On top of the demo office and its decisions demo; what the services would set is set here the same way:
references continue each year's sequence (so the next one the app gives is fresh), statutory dates in working days,
restriction copied from the item, and the audit entries the services would write (`audit.bulk_history`).

Bulk inserts, not the services: the services are what the benchmark measures (see casework/volume.py)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from decisions.demo import placeholders
from decisions.demo_content import CABINET_ITEMS, CLT_ITEMS, PEG_ITEMS, UPDATES_DONE, UPDATES_IN_PROGRESS
from decisions.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Body,
    Decision,
    DecisionSettings,
    DecisionStatus,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Rag,
)
from decisions.volume_pathway import pathway
from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import Directorate, Member, User
from mayoral_office.working_days import bank_holidays, closure_days

AT_SCALE_1 = {"meetings": 5_000, "actions": 20_000, "pathway_items": 300}
YEARS = 10
AHEAD_DAYS = 120
EXEMPT_SHARE, CONFIDENTIAL_SHARE = 0.05, 0.05  # of agenda items; their actions and decisions follow them
HAND_SHARE = 0.1  # actions added by hand, not from a meeting
DECISION_SHARE = 0.4  # of the items of bodies other than Cabinet and Full Council that have a decision to take
STANDING = [
    (ItemKind.APOLOGIES, "Apologies for absence"),
    (ItemKind.MINUTES, "Minutes of the last meeting"),
    (ItemKind.MATTERS_ARISING, "Matters arising"),
]
# Meetings a year of each body (shares of the volume): the seeded bodies, then the ones a large borough also runs.
WEIGHTS = {"CLT": 50, "CAB": 12, "MAB": 24, "DLT": 24, "PEG": 6, "FC": 7}
DIRECTORATE_TEAM_WEIGHT = 48
PARTNERSHIPS = [  # name, short name, start, minutes a year
    ("Community Safety Partnership Board", "CSP", time(14, 0), 6),
    ("Health and Wellbeing Board", "HWB", time(17, 0), 6),
    ("Children and Families Partnership", "CFP", time(10, 0), 6),
    ("Economic Partnership Board", "EPB", time(9, 0), 6),
]
HAND_ACTIONS = [
    "Update the Mayor's Office business continuity plan",
    "Collect the directorates' entries for the Forward Plan",
    "Prepare the Mayor's briefing for the London Councils meeting",
    "Review the register of interests returns",
    "Chase the outstanding responses to member enquiries",
]


class Calendar:
    """Working days (weekdays that are neither bank holidays nor closure days) over the whole span, listed once:
    `add_working_days` and `working_days_before` of mayoral_office.working_days as look-ups."""

    def __init__(self, start: date, end: date):
        off = set(bank_holidays(start, end)) | set(closure_days(start, end))
        every = (start + timedelta(days=n) for n in range((end - start).days + 1))
        self.days = [d for d in every if d.weekday() < 5 and d not in off]

    def add(self, start: date, count: int) -> date:
        return self.days[bisect.bisect_right(self.days, start) + count - 1]

    def before(self, end: date, count: int) -> date:
        return self.days[bisect.bisect_left(self.days, end) - count]

    def on_or_after(self, day: date) -> date:
        return self.days[bisect.bisect_left(self.days, day)]


class Office:
    """The demo office, the bodies and the rules the volume is spread across."""

    def __init__(self, today: date):
        self.today, self.now = today, timezone.now()
        self.head = User.objects.get(email="head.office@eastbridge.gov.uk")
        officers = User.objects.filter(support_assignments__isnull=False).exclude(email__startswith="intern")
        self.officers = list(officers.distinct().order_by("pk")) or [self.head]
        self.contacts = list(User.objects.filter(directorate__isnull=False).order_by("pk"))
        self.directorates = list(Directorate.objects.order_by("pk"))
        self.by_code = {d.code: d for d in self.directorates}
        self.members = list(Member.objects.prefetch_related("portfolios").order_by("pk"))
        self.portfolios = {p.name: p for m in self.members for p in m.portfolios.all()}
        self.member_users = [m.user for m in self.members if m.user_id]
        self.rules = DecisionSettings.current()
        self.first_day = today - timedelta(days=365 * YEARS)
        self.calendar = Calendar(self.first_day - timedelta(days=60), today + timedelta(days=AHEAD_DAYS + 90))
        self.bodies = self._bodies()

    def _bodies(self) -> dict[str, Body]:
        bodies = {b.short_name: b for b in Body.objects.filter(short_name__in=WEIGHTS)}
        for directorate in self.directorates:
            short = f"DLT-{directorate.code}"[:12]
            bodies[short], _ = Body.objects.get_or_create(
                short_name=short,
                defaults={
                    "name": f"{directorate.name} Leadership Team"[:150],
                    "kind": Body.Kind.DIRECTORATE,
                    "directorate": directorate,
                    "default_start": time(10, 0),
                    "default_minutes": 90,
                    "default_place": "Room 3.05, Town Hall",
                },
            )
        for name, short, start, _ in PARTNERSHIPS:
            bodies[short], made = Body.objects.get_or_create(
                short_name=short,
                defaults={"name": name, "kind": Body.Kind.PARTNERSHIP, "default_start": start, "default_place": ""},
            )
            if made:
                bodies[short].members.add(*self.members[:2])
        return bodies

    def weight(self, short: str) -> int:
        return WEIGHTS.get(short) or (DIRECTORATE_TEAM_WEIGHT if short.startswith("DLT-") else 6)

    def lead(self, rng, restricted: bool) -> User:
        if self.contacts and not restricted and rng.random() < 0.3:
            return rng.choice(self.contacts)
        return rng.choice(self.officers)

    def at(self, day: date, hour: int = 16) -> datetime:
        return min(timezone.make_aware(datetime.combine(day, time(hour))), self.now - timedelta(minutes=5))


def seed(scale: float, rng) -> dict[str, int]:
    sizes = {name: max(int(n * scale), 1) for name, n in AT_SCALE_1.items()}
    office = Office(timezone.localdate())
    meetings = _meetings(office, sizes["meetings"], rng)
    made = pathway(office, meetings, sizes["pathway_items"], rng)  # the items, their steps, booked per meeting
    items = _agendas(office, meetings, made["booked"], rng)
    decisions = _decisions(office, items, rng)
    actions, updates = _actions(office, items, decisions, sizes["actions"], rng)
    audited = bulk_history(_history(office, meetings, items, decisions, actions, updates, made["items"]))
    return {
        Meeting._meta.label: len(meetings),
        AgendaItem._meta.label: len(items),
        Decision._meta.label: len(decisions),
        Action._meta.label: len(actions),
        ActionUpdate._meta.label: len(updates),
        **made["counts"],
        "auditlog.LogEntry (decisions)": audited,
    }


def _shares(office: Office, total: int) -> dict[str, int]:
    """Meetings per body in proportion to how often each meets (largest remainders), CLT and Cabinet first."""
    weights = {short: office.weight(short) for short in office.bodies}
    whole = sum(weights.values())
    exact = {short: total * w / whole for short, w in weights.items()}
    counts = {short: int(n) for short, n in exact.items()}
    for short in ("CLT", "CAB"):
        if short in counts and counts[short] == 0 and sum(counts.values()) < total:
            counts[short] = 1
    for short in sorted(exact, key=lambda s: exact[s] - int(exact[s]), reverse=True):
        if sum(counts.values()) >= total:
            break
        counts[short] += 1
    return counts


def _meetings(office: Office, total: int, rng) -> list[Meeting]:
    """Each body's meetings evenly spread over the span on working days; held (some cancelled) before now, with
    attendees and apologies, scheduled after; minutes approved at the body's next meeting, the latest in draft."""
    span = (office.today + timedelta(days=AHEAD_DAYS) - office.first_day).days
    rows: list[Meeting] = []
    for short, count in _shares(office, total).items():
        body = office.bodies[short]
        step = span / max(count, 1)
        for n in range(count):
            day = office.calendar.on_or_after(office.first_day + timedelta(days=int((n + rng.random()) * step)))
            starts = timezone.make_aware(datetime.combine(day, body.default_start))
            held = starts < office.now
            rows.append(
                Meeting(
                    body=body,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=body.default_minutes),
                    place=body.default_place or "Committee Room 1, Town Hall",
                    status=(MeetingStatus.CANCELLED if rng.random() < 0.02 else MeetingStatus.HELD)
                    if held
                    else MeetingStatus.SCHEDULED,
                    others_present="Partners of the board" if body.kind == Body.Kind.PARTNERSHIP and held else "",
                    series=f"volume-{short.lower()}",
                )
            )
    insert(rows)
    by_body = defaultdict(list)
    for meeting in rows:
        if meeting.status == MeetingStatus.HELD:
            by_body[meeting.body_id].append(meeting)
    approved = []
    for held in by_body.values():
        held.sort(key=lambda m: m.starts_at)
        for meeting, following in zip(held, held[1:], strict=False):
            meeting.minutes_status, meeting.minutes_approved_at = MinutesStatus.APPROVED, following
            approved.append(meeting)
        held[-1].minutes_status = MinutesStatus.DRAFT
        approved.append(held[-1])
    Meeting.objects.bulk_update(approved, ["minutes_status", "minutes_approved_at"], batch_size=1000)
    _attendance(office, [m for m in rows if m.status == MeetingStatus.HELD], rng)
    return rows


def _attendance(office: Office, held: list[Meeting], rng) -> None:
    attendees, apologies = [], []
    for meeting in held:
        pool = [office.head, *office.officers[:3]]
        if meeting.body.kind == Body.Kind.CABINET:
            pool = office.member_users + pool[:2]
        present = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        if len(present) > 2 and rng.random() < 0.2:
            apologies.append(Meeting.apologies.through(meeting_id=meeting.pk, user_id=present.pop().pk))
        attendees += [Meeting.attendees.through(meeting_id=meeting.pk, user_id=u.pk) for u in present]
    insert(attendees)
    insert(apologies)


def _pool(body: Body):
    if body.kind in (Body.Kind.CABINET, Body.Kind.COUNCIL):
        return CABINET_ITEMS
    return PEG_ITEMS if body.kind == Body.Kind.PARTNERSHIP else CLT_ITEMS


def _agendas(office: Office, meetings: list[Meeting], booked: dict[int, list], rng) -> list[AgendaItem]:
    """About six items a meeting: the standing items, then two to four items (and the pathway items booked on
    it); one in twenty exempt and one in twenty confidential, led by an officer of the office. A few items wait
    for a slot on the forward agenda planner."""
    rows = []
    for meeting in meetings:
        day, held = timezone.localtime(meeting.starts_at).date(), meeting.status == MeetingStatus.HELD
        words = placeholders(day)
        for position, (kind, title) in enumerate(STANDING, start=1):
            discussion = "Agreed as a correct record." if held and kind == ItemKind.MINUTES else ""
            rows.append(
                AgendaItem(
                    body=meeting.body,
                    meeting=meeting,
                    position=position,
                    kind=kind,
                    title=title,
                    minutes_allowed=5,
                    discussion=discussion,
                )
            )
        pathway_items = booked.get(meeting.pk, [])
        templates = rng.sample(_pool(meeting.body), max(rng.randint(2, 4) - len(pathway_items), 0))
        paper_due = office.calendar.before(day, 6 if meeting.body.takes_executive_decisions else 5)
        received = office.at(paper_due) if paper_due < office.today else None
        for offset, source in enumerate([*pathway_items, *templates], start=len(STANDING) + 1):
            item = _item(office, meeting, source, words, rng)
            item.position, item.paper_due, item.paper_received_at = offset, paper_due, received
            if not held:
                item.discussion = ""
            rows.append(item)
    for _ in range(max(len(meetings) // 100, 1)):  # waiting for a slot
        body = office.bodies.get("CLT") or meetings[0].body
        template = rng.choice(_pool(body))
        rows.append(
            AgendaItem(body=body, title=template.title.format(**placeholders(office.today)), purpose=template.purpose)
        )
    insert(rows)
    return rows


def _item(office: Office, meeting: Meeting, source, words: dict, rng) -> AgendaItem:
    if not hasattr(source, "discussion"):  # a pathway item booked on this meeting
        return AgendaItem(
            body=meeting.body,
            meeting=meeting,
            kind=ItemKind.ITEM,
            title=source.title,
            purpose="To take the decision." if meeting.body.takes_executive_decisions else "To consider the proposal.",
            lead_officer=source.lead_officer,
            portfolio=source.portfolio,
            confidential=source.confidential,
            exempt_category=source.exempt_category,
            pathway_item=source,
            minutes_allowed=30,
            discussion=f"{source.summary} The meeting discussed the risks and the timetable.",
        )
    roll = rng.random()
    exempt = rng.choice([3, 3, 3, 1, 2, 4, 5]) if roll < EXEMPT_SHARE else None
    confidential = EXEMPT_SHARE <= roll < EXEMPT_SHARE + CONFIDENTIAL_SHARE
    item = AgendaItem(
        body=meeting.body,
        meeting=meeting,
        kind=ItemKind.ITEM,
        title=source.title.format(**words),
        purpose=source.purpose,
        lead_officer=office.lead(rng, restricted=bool(exempt or confidential)),
        portfolio=office.portfolios.get(source.portfolio),
        minutes_allowed=rng.choice([15, 20, 30, 30, 45]),
        exempt_category=exempt,
        confidential=confidential,
        discussion=source.discussion.format(**words),
    )
    item.template = source  # for its decision and actions (not saved)
    return item


def _decisions(office: Office, items: list[AgendaItem], rng) -> list[Decision]:
    """Every pathway item decided at a held meeting, every Cabinet and Full Council item with a decision, and
    two in five of the other bodies' items with one; references in each body's yearly sequence in the order taken."""
    rules, today, calendar = office.rules, office.today, office.calendar
    rows = []
    for item in items:
        meeting = item.meeting
        if meeting is None or item.kind != ItemKind.ITEM or meeting.status != MeetingStatus.HELD:
            continue
        template = getattr(item, "template", None)
        executive = meeting.body.takes_executive_decisions or meeting.body.kind == Body.Kind.COUNCIL
        if template is None:  # a pathway item: decided at its decision meeting, considered at the others
            if item.pathway_item.decision_meeting_id != meeting.pk or item.pathway_item.status != "decided":
                continue
            text = f"Agreed the recommendations of the report: {item.title}."
        elif template.decision and (executive or rng.random() < DECISION_SHARE):
            text = template.decision.format(**placeholders(timezone.localtime(meeting.starts_at).date()))
        else:
            continue
        day = timezone.localtime(meeting.starts_at).date()
        published = calendar.add(day, rules.publication_working_days)
        call_in = effective = None
        if meeting.body.takes_executive_decisions:
            call_in = calendar.add(published, rules.call_in_working_days)
            effective = calendar.add(call_in, 1)
        else:
            effective = day
        status = DecisionStatus.IMPLEMENTED if effective <= today - timedelta(days=28) else DecisionStatus.PUBLISHED
        if call_in and status == DecisionStatus.IMPLEMENTED and rng.random() < 0.02:
            status = DecisionStatus.CALLED_IN
        if published > today:
            published = call_in = effective = None
            status = DecisionStatus.MADE
        pathway_item = item.pathway_item
        rows.append(
            Decision(
                title=item.title,
                text=text,
                meeting=meeting,
                agenda_item=item,
                pathway_item=pathway_item,
                decision_maker=meeting.body.name,
                taken_on=day,
                key_decision=bool(pathway_item and pathway_item.key_decision),
                published_on=published,
                call_in_ends_on=call_in,
                effective_on=effective,
                status=status,
                lead_officer=item.lead_officer,
                portfolio=item.portfolio,
                confidential=item.confidential,
                exempt_category=item.exempt_category,
            )
        )
    rows.sort(key=lambda d: (d.taken_on, d.agenda_item.pk))
    last: dict[tuple[str, int], int] = {}
    for reference in Decision.objects.values_list("reference", flat=True):  # CAB/2026/014
        short, year, number = (reference.rsplit("/", 2) + ["", ""])[:3]
        if year.isdigit() and number.isdigit():
            last[(short, int(year))] = max(last.get((short, int(year)), 0), int(number))
    for decision in rows:
        key = (decision.meeting.body.short_name, decision.taken_on.year)
        last[key] = last.get(key, 0) + 1
        decision.reference = f"{key[0]}/{key[1]}/{last[key]:03d}"
    insert(rows)
    return rows


def _actions(office: Office, items, decisions, count: int, rng) -> tuple[list[Action], list[ActionUpdate]]:
    """Actions arising from held meetings' items (one in ten added by hand), due five to thirty working days on;
    the older the more likely done; owned by a person, a directorate, or both; with updates."""
    arising = [i for i in items if i.kind == ItemKind.ITEM and i.meeting and i.meeting.status == MeetingStatus.HELD]
    decision_of = {d.agenda_item.pk: d for d in decisions}
    rows, updates = [], []
    for index in range(count):
        item = rng.choice(arising) if arising and rng.random() >= HAND_SHARE else None
        if item is not None:
            day = timezone.localtime(item.meeting.starts_at).date()
            template = getattr(item, "template", None)
            options = template.actions if template else (("Put the decision into effect", "both"),)
            description, _ = rng.choice(options)
            directorate = office.by_code.get(template.directorate) if template else item.pathway_item.directorate
        else:
            day = office.calendar.on_or_after(office.first_day + timedelta(days=rng.randrange(365 * YEARS)))
            description, directorate = rng.choice(HAND_ACTIONS), rng.choice(office.directorates)
        due = office.calendar.add(day, rng.choice([5, 10, 15, 20, 30]))
        status, rag, completed = _progress(office.today, day, due, rng)
        owner_roll = rng.random()
        restricted = bool(item.confidential or item.exempt_category) if item else rng.random() < 0.1
        person = (item.lead_officer if item else None) or office.lead(rng, restricted)
        action = Action(
            description=description,
            meeting=item.meeting if item else None,
            agenda_item=item,
            decision=decision_of.get(item.pk) if item and rng.random() < 0.5 else None,
            owner=person if owner_roll < 0.6 or directorate is None else None,
            owner_directorate=directorate if owner_roll >= 0.45 else None,
            due_on=due,
            status=status,
            rag=rag,
            completed_on=completed,
            lead_officer=item.lead_officer if item else person,
            portfolio=item.portfolio if item else None,
            confidential=item.confidential if item else restricted,
            exempt_category=item.exempt_category if item else None,
            created_by=office.officers[index % len(office.officers)],
        )
        if action.owner is None and action.owner_directorate is None:
            action.owner = person
        rows.append(action)
    insert(rows)
    for action in rows:
        if action.status != ActionStatus.OPEN and rng.random() < 0.6:
            since = timezone.localtime(action.meeting.starts_at).date() if action.meeting else action.due_on
            written_on = action.completed_on or min(office.today, since + timedelta(days=rng.randint(2, 10)))
            done = action.status == ActionStatus.DONE
            text = rng.choice(UPDATES_DONE if done else UPDATES_IN_PROGRESS)
            if action.status == ActionStatus.DROPPED:
                text = "No longer needed."
            updates.append(
                ActionUpdate(
                    action=action,
                    written_at=office.at(written_on, 15),
                    author=action.owner or office.head,
                    text=text,
                    status=action.status,
                    rag=action.rag,
                )
            )
    insert(updates)
    return rows, updates


def _progress(today: date, day: date, due: date, rng) -> tuple[str, str, date | None]:
    """Status, RAG rating and completion date: mostly done once due, a quarter of the recently due still open
    (overdue), hardly any of the old ones."""
    roll = rng.random()
    if due >= today:
        if roll < 0.15:
            return ActionStatus.DONE, Rag.GREEN, min(today, due - timedelta(days=rng.randint(0, 4)))
        return (
            (ActionStatus.IN_PROGRESS if roll < 0.6 else ActionStatus.OPEN),
            (Rag.AMBER if roll > 0.9 else Rag.GREEN),
            None,
        )
    still_open = 0.25 if (today - due).days < 90 else 0.02
    if roll < still_open:
        return (
            (ActionStatus.IN_PROGRESS if roll < still_open / 2 else ActionStatus.OPEN),
            rng.choice([Rag.RED, Rag.AMBER]),
            None,
        )
    if roll < still_open + 0.05:
        return ActionStatus.DROPPED, Rag.GREEN, None
    completed = min(today, max(day + timedelta(days=1), due + timedelta(days=rng.randint(-7, 5))))
    return ActionStatus.DONE, Rag.GREEN, completed


def _history(office: Office, meetings, items, decisions, actions, updates, pathway_items):
    """The audit entries the services would have written: each meeting scheduled, item added, decision recorded,
    action added (and finished) and update written, and each proposal put on the pathway."""
    head = office.head.pk
    for meeting in meetings:
        at = min(meeting.starts_at - timedelta(days=30), office.now)
        yield meeting, "create", head, at, {"body": (None, meeting.body.name), "starts_at": (None, meeting.starts_at)}
    for item in items:
        at = min((item.meeting.starts_at if item.meeting else office.now) - timedelta(days=14), office.now)
        yield item, "create", head, at, {"title": (None, item.title), "position": (None, item.position)}
    for decision in decisions:
        at = min(decision.meeting.ends_at, office.now)
        yield decision, "create", head, at, {"reference": (None, decision.reference)}
    for action in actions:
        at = min(action.meeting.ends_at if action.meeting else office.at(action.due_on, 9), office.now)
        actor = action.created_by_id
        yield action, "create", actor, at, {"description": (None, action.description), "due_on": (None, action.due_on)}
        if action.completed_on:
            done_at = office.at(action.completed_on, 15)
            yield action, "update", actor, done_at, {"status": (ActionStatus.OPEN, ActionStatus.DONE)}
    for update in updates:
        yield update, "create", update.author_id, update.written_at, {"text": (None, update.text)}
    for item in pathway_items:
        yield item, "create", head, item.created_at, {"reference": (None, item.reference)}
