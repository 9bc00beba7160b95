"""Demo decisions: a year of Corporate Leadership Team (fortnightly, Tuesdays 09:30) and Cabinet (monthly, a
Wednesday at 18:30) meetings around today, and a Partnership Executive Group every other month with its external
partners. Each agenda opens with the standing items, then three to five items with their lead officers,
portfolios and time allowed. Past meetings are held, with minutes approved at the next meeting (the latest has
draft minutes), discussion, decisions in the register and the actions arising (done, on track and overdue, with
updates); future meetings are scheduled. Then a dozen Decision Pathway items in different states (one in breach of
the 28-day rule, one under general exception: decisions/demo_pathway.py) and one closed incident
(decisions/demo_incident.py).

Called by `manage.py seed_demo` after the office itself (registered in apps.py). Idempotent: it does nothing when
the demo meetings exist. Records are made directly with the models, attributed to the Head of Mayor's Office in the
audit trail."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from decisions import deadlines
from decisions.demo_content import (
    CABINET_ITEMS,
    CABINET_OTHERS,
    CLT_ITEMS,
    CLT_OTHERS,
    HAND_ACTIONS,
    OPEN_ITEMS_WAITING,
    PARTNERS,
    PEG_ITEMS,
    UPDATES_DONE,
    UPDATES_DROPPED,
    UPDATES_IN_PROGRESS,
    Item,
)
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
from mayoral_office.audit import acting_as
from mayoral_office.demo import DEMO_EMAIL_DOMAIN
from mayoral_office.models import Directorate, Member, Portfolio, User, Ward
from mayoral_office.working_days import add_working_days, is_working_day, working_days_before

SERIES = {"CLT": "demo-clt", "CAB": "demo-cabinet", "PEG": "demo-peg"}
MONTHS_BACK, MONTHS_AHEAD = 8, 4  # a year of meetings around today
TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3
STANDING = [
    (ItemKind.APOLOGIES, "Apologies for absence"),
    (ItemKind.MINUTES, "Minutes of the last meeting"),
    (ItemKind.MATTERS_ARISING, "Matters arising"),
]
POOLS = {"CLT": CLT_ITEMS, "CAB": CABINET_ITEMS, "PEG": PEG_ITEMS}
OFFICE_OFFICERS = ["senior.exec", "exec.support", "cabinet.support", "cabinet.support2", "cabinet.support3"]


@dataclass
class People:
    """The demo office the decisions demo is spread across (mayoral_office/demo.py made it)."""

    head: User
    officers: list[User]  # officers of the office who lead items and own actions (never the intern)
    loggist: User
    contacts: dict[str, User]  # directorate code -> its contact
    directorates: dict[str, Directorate]
    portfolios: dict[str, Portfolio]
    wards: dict[str, Ward]
    cabinet: list[Member]
    member_users: list[User] = field(default_factory=list)

    @classmethod
    def load(cls) -> People | None:
        head = User.objects.filter(email=f"head.office@{DEMO_EMAIL_DOMAIN}").first()
        if head is None:
            return None
        by_email = {u.email: u for u in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
        officers = [
            by_email[f"{local}@{DEMO_EMAIL_DOMAIN}"]
            for local in OFFICE_OFFICERS
            if f"{local}@{DEMO_EMAIL_DOMAIN}" in by_email
        ]
        contacts = {
            u.directorate.code: u
            for u in User.objects.filter(email__startswith="contact.", directorate__isnull=False).select_related(
                "directorate"
            )
        }
        rank = {Member.Office.MAYOR: 0, Member.Office.DEPUTY_MAYOR: 1}  # the Mayor chairs Cabinet
        cabinet = sorted(Member.objects.select_related("user"), key=lambda m: (rank.get(m.office, 2), m.pk))
        return cls(
            head=head,
            officers=officers or [head],
            loggist=by_email.get(f"exec.support@{DEMO_EMAIL_DOMAIN}", head),
            contacts=contacts,
            directorates={d.code: d for d in Directorate.objects.all()},
            portfolios={p.name: p for p in Portfolio.objects.all()},
            wards={w.name: w for w in Ward.objects.all()},
            cabinet=cabinet,
            member_users=[m.user for m in cabinet if m.user_id],
        )

    def lead(self, directorate: str, rng, *, restricted: bool = False) -> User:
        """A directorate's contact leads about half its open items; officers of the office lead the rest (and
        every restricted one: a directorate contact never sees a restricted record)."""
        contact = self.contacts.get(directorate)
        if contact is not None and not restricted and rng.random() < 0.5:
            return contact
        return rng.choice(self.officers)


class References:
    """Decision register references by body and year in the order the decisions were taken: CAB/2026/014."""

    def __init__(self):
        self.last: dict[tuple[str, int], int] = {}

    def next(self, short: str, year: int) -> str:
        key = (short, year)
        if key not in self.last:
            taken = Decision.objects.filter(reference__startswith=f"{short}/{year}/").values_list(
                "reference", flat=True
            )
            self.last[key] = max((int(r.rsplit("/", 1)[1]) for r in taken if r.rsplit("/", 1)[1].isdigit()), default=0)
        self.last[key] += 1
        return f"{short}/{year}/{self.last[key]:03d}"


def seed(stdout=None) -> None:
    people = People.load()
    if people is None:
        return
    if Meeting.objects.filter(series__in=SERIES.values()).exists():
        if stdout:
            stdout.write("Decisions: demo meetings already there.")
        return
    from decisions import demo_incident, demo_pathway  # here: they import this module

    rng = random.Random(11)  # noqa: S311 — demo data, not security
    today = timezone.localdate()
    with acting_as(people.head):
        bodies = _bodies(people)
        meetings = {short: _meetings(body, people, rng, today) for short, body in bodies.items()}
        bookings = demo_pathway.seed_pathway(people, meetings, rng, today)
        minutes = Minutes(people, rng, today)
        earlier = [m for m in meetings.get("CLT", []) if m.starts_at < timezone.now() - timedelta(days=90)]
        minutes.confidential_at = earlier[-1].pk if earlier else None  # about three months ago
        for short, rows in meetings.items():
            previous = None
            for meeting in rows:
                minutes.agenda(meeting, short, bookings.get(meeting.pk, []), previous)
                previous = meeting
        _waiting_items(people, bodies, rng)
        _hand_actions(people, rng, today)
        demo_incident.seed_incident(people, today)
    if stdout:
        counts = ", ".join(f"{len(rows)} {bodies[short].name}" for short, rows in meetings.items())
        stdout.write(f"Decisions: meetings ({counts}), agendas and minutes, 12 pathway items and an incident log.")


def _bodies(people: People) -> dict[str, Body]:
    bodies = {b.short_name: b for b in Body.objects.filter(short_name__in=SERIES)}
    mayor = [m for m in people.cabinet if m.office == Member.Office.MAYOR]
    if "CAB" in bodies:
        bodies["CAB"].members.add(*people.cabinet)
        bodies["CAB"].officers.add(people.head, *people.officers[2:])
    if "CLT" in bodies:
        bodies["CLT"].officers.add(people.head, *people.officers[:2])
    if "PEG" in bodies:
        bodies["PEG"].members.add(*mayor)
        bodies["PEG"].officers.add(people.head, *people.officers[:1])
    return {short: bodies[short] for short in SERIES if short in bodies}


# --- the calendar ---------------------------------------------------------------------------------------------
def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _nth(first_of_month: date, weekday: int, n: int) -> date:
    return first_of_month + timedelta(days=(weekday - first_of_month.weekday()) % 7 + 7 * (n - 1))


def _cabinet_week(today: date) -> int:
    """Cabinet meets on the same Wednesday of every month (the first, second, third or fourth): the one that brings
    the next meeting soonest, so that whatever day the demo is seeded there is a Cabinet within a fortnight, items
    late for its Forward Plan deadline, and reports at risk."""
    soonest = {}
    for n in (1, 2, 3, 4):
        for months in (0, 1, 2):
            day = _nth(_add_months(today, months), WEDNESDAY, n)
            if day > today and is_working_day(day):
                soonest[n] = day
                break
    return min(soonest, key=soonest.get)


def meeting_days(short: str, today: date) -> list[date]:
    """The year's meeting days of a body, skipping bank holidays and closure days."""
    start, end = today - timedelta(days=round(MONTHS_BACK * 30.5)), today + timedelta(days=round(MONTHS_AHEAD * 30.5))
    if short == "CLT":  # fortnightly on Tuesdays
        first = start + timedelta(days=(TUESDAY - start.weekday()) % 7)
        days = [first + timedelta(weeks=2 * n) for n in range((end - first).days // 14 + 1)]
    elif short == "CAB":  # monthly, on a Wednesday
        week = _cabinet_week(today)
        days = [_nth(_add_months(start, n), WEDNESDAY, week) for n in range(MONTHS_BACK + MONTHS_AHEAD + 2)]
    else:  # the Partnership Executive Group: the first Thursday of every other month
        days = [_nth(_add_months(start, n), THURSDAY, 1) for n in range(0, MONTHS_BACK + MONTHS_AHEAD + 2, 2)]
    return [day for day in days if start <= day <= end and is_working_day(day)]


def _meetings(body: Body, people: People, rng, today: date) -> list[Meeting]:
    """The body's meetings: held (with attendees and apologies) before now, scheduled after; minutes approved at
    the next meeting, the latest held meeting's minutes still in draft."""
    short, now = body.short_name, timezone.now()
    place, link, others = {
        "CLT": ("Room 4.12, Town Hall", "", CLT_OTHERS),
        "CAB": ("Council Chamber, Town Hall", "https://webcasts.eastbridge.gov.uk/cabinet", CABINET_OTHERS),
        "PEG": ("Committee Room 2, Town Hall", "", PARTNERS),
    }[short]
    attend = {
        "CLT": [people.head, *people.officers[:2]],
        "CAB": [*people.member_users, people.head, *people.officers[2:3]],
        "PEG": [*people.member_users[:1], people.head, *people.officers[:1]],
    }[short]
    rows = []
    for day in meeting_days(short, today):
        starts = timezone.make_aware(datetime.combine(day, body.default_start))
        held = starts < now
        meeting = Meeting.objects.create(
            body=body,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=body.default_minutes),
            place=place,
            online_link=link,
            status=MeetingStatus.HELD if held else MeetingStatus.SCHEDULED,
            others_present=others if held else "",
            series=SERIES[short],
            minutes_status=MinutesStatus.APPROVED if held else MinutesStatus.NONE,
        )
        if held:
            present = list(attend)
            if len(present) > 2 and rng.random() < 0.35:
                meeting.apologies.add(present.pop(rng.randrange(1, len(present))))
            meeting.attendees.add(*present)
        rows.append(meeting)
    held = [m for m in rows if m.status == MeetingStatus.HELD]
    for meeting, approving in zip(held, held[1:], strict=False):
        meeting.minutes_approved_at = approving
        meeting.minutes_sent_at = min(meeting.ends_at + timedelta(days=1), now)  # decisions and actions sent
        meeting.save(update_fields=["minutes_approved_at", "minutes_sent_at"])
    if held:
        held[-1].minutes_status = MinutesStatus.DRAFT
        held[-1].save(update_fields=["minutes_status"])
    return rows


# --- agendas and minutes --------------------------------------------------------------------------------------
def placeholders(day: date) -> dict[str, str]:
    """The words that fill an item's title for a meeting on `day`: the month reported on, the quarter of the
    financial year, the financial year (2026/27) and the next."""
    reported = (day.replace(day=1) - timedelta(days=1)).strftime("%B")
    fy = day.year if day.month >= 4 else day.year - 1
    return {
        "month": reported,
        "quarter": str((day.month - 4) % 12 // 3 + 1),
        "fy": f"{fy}/{(fy + 1) % 100:02d}",
        "next_fy": f"{fy + 1}/{(fy + 2) % 100:02d}",
    }


class Minutes:
    """Each meeting's agenda, and for a held meeting its minutes: discussion, decisions and actions."""

    def __init__(self, people: People, rng, today: date):
        self.people, self.rng, self.today = people, rng, today
        self.rules = DecisionSettings.current().rules()
        self.references = References()
        self.actions_of: dict[int, list[Action]] = {}  # meeting pk -> its actions (matters arising next time)
        self.confidential_at: int | None = None  # the CLT meeting with the one confidential item

    def agenda(self, meeting: Meeting, short: str, booked: list, previous: Meeting | None) -> None:
        held = meeting.status == MeetingStatus.HELD
        for position, (kind, title) in enumerate(STANDING, start=1):
            AgendaItem.objects.create(
                body=meeting.body,
                meeting=meeting,
                position=position,
                kind=kind,
                title=title,
                minutes_allowed=5,
                discussion=self._standing(kind, meeting, previous) if held else "",
            )
        count = self.rng.randint(3, 5)
        chosen = self.rng.sample(POOLS[short], max(count - len(booked), 0))
        position = len(STANDING)
        for pathway_item in booked:
            position += 1
            self._booked(meeting, short, pathway_item, position)
        for template in chosen:
            position += 1
            self._item(meeting, short, template, position)
        if meeting.pk == self.confidential_at:
            self._confidential(meeting, position + 1)

    def _standing(self, kind: str, meeting: Meeting, previous: Meeting | None) -> str:
        if kind == ItemKind.APOLOGIES:
            names = [u.full_name for u in meeting.apologies.all()]
            return f"Apologies were received from {', '.join(names)}." if names else "There were no apologies."
        if kind == ItemKind.MINUTES:
            if previous is None:
                return "The minutes of the previous meeting were agreed as a correct record."
            day = previous.day
            return f"The minutes of the meeting on {day.day} {day:%B %Y} were agreed as a correct record."
        actions = self.actions_of.get(previous.pk, []) if previous else []
        if not actions:
            return "There were no matters arising."
        done = sum(1 for a in actions if a.status == ActionStatus.DONE)
        return f"The actions from the last meeting were reviewed: {done} done, {len(actions) - done} carried forward."

    def _paper_due(self, meeting: Meeting, short: str) -> date:
        if short == "CAB":
            return deadlines.report_deadline(meeting.day, self.rules)[0]
        return working_days_before(meeting.day, 5)[0]

    def _create_item(self, meeting, short, position, **fields) -> AgendaItem:
        paper_due = self._paper_due(meeting, short)
        received = None
        if paper_due < self.today:
            received = timezone.make_aware(datetime.combine(paper_due, time(16, self.rng.choice([0, 15, 30]))))
        return AgendaItem.objects.create(
            body=meeting.body,
            meeting=meeting,
            position=position,
            kind=ItemKind.ITEM,
            paper_due=paper_due,
            paper_received_at=received,
            minutes_allowed=self.rng.choice([15, 20, 30, 30, 45]),
            **fields,
        )

    def _item(self, meeting: Meeting, short: str, template: Item, position: int) -> None:
        words = placeholders(meeting.day)
        held = meeting.status == MeetingStatus.HELD
        item = self._create_item(
            meeting,
            short,
            position,
            title=template.title.format(**words),
            purpose=template.purpose,
            lead_officer=self.people.lead(template.directorate, self.rng),
            portfolio=self.people.portfolios.get(template.portfolio),
            discussion=template.discussion.format(**words) if held else "",
        )
        if not held:
            return
        decision = None
        if template.decision and (short == "CAB" or self.rng.random() < 0.6):
            decision = self.decision(meeting, item, template.decision.format(**words))
        for description, owner in template.actions:
            if self.rng.random() < 0.85:
                self.action(meeting, item, description, owner, template.directorate, decision)

    def _booked(self, meeting: Meeting, short: str, pathway_item, position: int) -> None:
        """A Decision Pathway item on the agenda of the meeting considering it (decisions/demo_pathway.py)."""
        held = meeting.status == MeetingStatus.HELD
        at_cabinet = short == "CAB"
        item = self._create_item(
            meeting,
            short,
            position,
            title=pathway_item.title,
            purpose="To take the decision." if at_cabinet else "To consider the proposal and recommend it to Cabinet.",
            lead_officer=pathway_item.lead_officer,
            portfolio=pathway_item.portfolio,
            confidential=pathway_item.confidential,
            exempt_category=pathway_item.exempt_category,
            pathway_item=pathway_item,
            discussion=(
                f"{pathway_item.summary} "
                + ("Members asked about the risks and the timetable." if at_cabinet else "CLT endorsed it for Cabinet.")
            )
            if held
            else "",
        )
        if held and at_cabinet:
            text = f"Cabinet agreed the recommendations of the report: {pathway_item.title}."
            decision = self.decision(meeting, item, text, pathway_item=pathway_item)
            code = pathway_item.directorate.code
            self.action(
                meeting, item, "Put the decision into effect and report progress to Cabinet", "both", code, decision
            )

    def _confidential(self, meeting: Meeting, position: int) -> None:
        item = self._create_item(
            meeting,
            "CLT",
            position,
            title="Senior leadership restructure: Communities directorate",
            purpose="To agree the proposed structure before consultation with the staff affected.",
            lead_officer=self.people.head,
            confidential=True,
            discussion="CLT discussed the proposed structure and the posts at risk. Consultation with the staff "
            "affected and the trade unions starts next month.",
        )
        decision = self.decision(meeting, item, "CLT agreed the proposed structure for consultation.")
        self.action(
            meeting, item, "Start the consultation with the staff affected and the unions", "lead", "COM", decision
        )

    def decision(self, meeting: Meeting, item: AgendaItem, text: str, *, pathway_item=None) -> Decision:
        """An entry in the decision register; an executive decision (Cabinet) with its call-in period."""
        day, body = meeting.day, meeting.body
        published = deadlines.publication_deadline(day, self.rules)[0]
        call_in = effective = None
        if body.takes_executive_decisions:
            call_in = deadlines.call_in_end(published, self.rules)[0]
            effective = deadlines.effective_date(published, self.rules)[0]
        else:
            effective = day  # not an executive decision: no call-in
        if published > self.today:
            published = call_in = effective = None
            status = DecisionStatus.MADE
        elif effective <= self.today - timedelta(days=28):
            status = DecisionStatus.IMPLEMENTED
        else:
            status = DecisionStatus.PUBLISHED
        decision = Decision.objects.create(
            reference=self.references.next(body.short_name, day.year),
            title=item.title,
            text=text,
            meeting=meeting,
            agenda_item=item,
            pathway_item=pathway_item,
            decision_maker=body.name,
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
        if pathway_item is not None and published:
            pathway_item.decision_published_on = published
            pathway_item.save(update_fields=["decision_published_on"])
        return decision

    def action(self, meeting, item, description, owner, directorate, decision=None) -> Action:
        """An action arising: done, dropped, on track or overdue by its due date, with an update or two."""
        rng, today = self.rng, self.today
        due = add_working_days(meeting.day, rng.choice([10, 15, 20, 25, 30, 40]))
        roll = rng.random()
        if due >= today:
            status = ActionStatus.DONE if roll < 0.1 else ActionStatus.IN_PROGRESS if roll < 0.6 else ActionStatus.OPEN
            rag = Rag.AMBER if roll > 0.9 else Rag.GREEN
        else:
            status = (
                ActionStatus.DONE
                if roll < 0.72
                else ActionStatus.DROPPED
                if roll < 0.78
                else ActionStatus.IN_PROGRESS
                if roll < 0.92
                else ActionStatus.OPEN
            )
            rag = Rag.RED if roll > 0.85 else Rag.AMBER
        completed = None
        if status == ActionStatus.DONE:
            completed = min(today, max(meeting.day + timedelta(days=1), due + timedelta(days=rng.randint(-6, 3))))
            rag = Rag.GREEN
        person = item.lead_officer if owner in ("lead", "both") else None
        action = Action.objects.create(
            description=description,
            meeting=meeting,
            agenda_item=item,
            decision=decision,
            owner=person,
            owner_directorate=self.people.directorates.get(directorate) if owner != "lead" or person is None else None,
            due_on=due,
            status=status,
            rag=rag,
            completed_on=completed,
            lead_officer=item.lead_officer,
            portfolio=item.portfolio,
            confidential=item.confidential,
            exempt_category=item.exempt_category,
            created_by=self.people.officers[0],
        )
        self._updates(action, meeting.day, person or self.people.head)
        self.actions_of.setdefault(meeting.pk, []).append(action)
        return action

    def _updates(self, action: Action, since: date, author: User) -> None:
        now = timezone.now()

        def at(day: date) -> datetime:
            return min(timezone.make_aware(datetime.combine(day, time(15, 30))), now - timedelta(minutes=30))

        if action.status == ActionStatus.DONE:
            ActionUpdate.objects.create(
                action=action,
                written_at=at(action.completed_on),
                author=author,
                text=self.rng.choice(UPDATES_DONE),
                status=ActionStatus.DONE,
                rag=Rag.GREEN,
            )
        elif action.status == ActionStatus.DROPPED:
            ActionUpdate.objects.create(
                action=action,
                written_at=at(action.due_on),
                author=author,
                text=UPDATES_DROPPED[0],
                status=ActionStatus.DROPPED,
            )
        elif action.status == ActionStatus.IN_PROGRESS:
            first = since + timedelta(days=self.rng.randint(2, 6))
            days = {min(first, self.today), min(first + timedelta(days=9), self.today)}
            for day in sorted(days)[: self.rng.randint(1, 2)]:
                ActionUpdate.objects.create(
                    action=action,
                    written_at=at(day),
                    author=author,
                    text=self.rng.choice(UPDATES_IN_PROGRESS),
                    status=ActionStatus.IN_PROGRESS,
                    rag=action.rag,
                )


def _waiting_items(people: People, bodies: dict[str, Body], rng) -> None:
    """Items waiting for a slot on the forward agenda planner."""
    for short, items in OPEN_ITEMS_WAITING.items():
        if short not in bodies:
            continue
        for title, directorate in items:
            AgendaItem.objects.create(
                body=bodies[short],
                title=title,
                purpose="To agree the approach before the report is written.",
                lead_officer=people.lead(directorate, rng),
                minutes_allowed=30,
            )


def _hand_actions(people: People, rng, today: date) -> None:
    """Actions added by hand, not from a meeting: one overdue, two on track."""
    for description, owner, days in HAND_ACTIONS:
        due = add_working_days(today, days) if days > 0 else working_days_before(today, -days)[0]
        directorate = people.directorates.get(owner)
        Action.objects.create(
            description=description,
            owner=None if directorate else people.head,
            owner_directorate=directorate,
            due_on=due,
            status=ActionStatus.IN_PROGRESS,
            rag=Rag.RED if due < today else Rag.GREEN,
            created_by=people.head,
        )
