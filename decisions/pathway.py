"""The Decision Pathway's pure helpers (no writes): the key-decision rule of DESIGN.md section 5, an item's
statutory dates (decisions/deadlines.py `plan`), the words a history note uses for them, the Forward Plan's window,
and the flags of a whole list at once.

A list cannot ask `deadlines.plan` for each row: every working-day count it makes reads the council's closure days
again (a query a count, six a row). `DaysOff` reads the bank holidays and closure days of the whole span once and
counts the same way, and `flags` judges the deadlines a list shows exactly as `plan` does (the tests compare the two
over a year of meetings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from decisions import deadlines
from decisions.deadlines import AT_RISK_WORKING_DAYS, Deadline, Rules, State
from mayoral_office.working_days import bank_holidays, closure_days

SHORT_LABELS = {
    "forward_plan": "Forward Plan by",
    "report": "report by",
    "publication": "decision published by",
    "call_in": "call-in ends",
    "effective": "takes effect",
}
WITHDRAWN = "withdrawn"  # PathwayStatus.WITHDRAWN: a withdrawn proposal has no deadlines to keep
FLAGGED = (State.AT_RISK, State.BREACH, State.MET_LATE)
SHOWN = (*FLAGGED, State.AUTHORISED)  # what a list row shows: a flag, or a breach authorised by an exception


# --- the key-decision rule -------------------------------------------------------------------------------------
def suggest_key_decision(value: Decimal | None, ward_count: int, settings) -> tuple[bool, str]:
    """Whether the rule says this is a key decision, and why in words: its value reaches the threshold, or it
    affects the set number of wards or more (`settings` is DecisionSettings)."""
    threshold, wards = settings.key_decision_threshold, settings.key_decision_wards
    reasons = []
    if value is not None and value >= threshold:
        reasons.append(f"its value, £{value:,.0f}, reaches the threshold of £{threshold:,.0f}")
    if ward_count >= wards:
        reasons.append(f"it affects {ward_count} wards ({wards} or more make a decision key)")
    if reasons:
        return True, "The rule suggests a key decision: " + " and ".join(reasons) + "."
    return False, (
        f"The rule suggests it is not a key decision: its value is under £{threshold:,.0f} and it affects fewer "
        f"than {wards} wards."
    )


# --- an item's dates -------------------------------------------------------------------------------------------
def dates_of(item, *, today: date, rules: Rules) -> list[Deadline]:
    """Every statutory date of a pathway item, each with why and its state today (none without a decision
    meeting). Reads the item's decision meeting (preload it)."""
    if item.decision_meeting_id is None:
        return []
    return plan_for(item, item.decision_meeting.day, today=today, rules=rules)


def plan_for(item, meeting_day: date, *, today: date, rules: Rules) -> list[Deadline]:
    return deadlines.plan(
        meeting_day,
        today=today,
        key_decision=item.key_decision,
        forward_plan_published_on=item.forward_plan_published_on,
        report_published_on=item.report_published_on,
        decision_published_on=item.decision_published_on,
        exception_authorised=item.exception_authorised,
        rules=rules,
    )


def short_day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "none"


def meeting_label(meeting) -> str:
    return f"{meeting.body.name} {meeting.day.day} {meeting.day:%B %Y}" if meeting else "none"


def changes(before: list[Deadline], after: list[Deadline]) -> list[str]:
    """The dates that moved, in words: "report by 4 Jan 2027 → 1 Feb 2027" (every date when `before` is empty)."""
    old = {d.key: d.due for d in before}
    lines = []
    for deadline in after:
        label = SHORT_LABELS.get(deadline.key, deadline.label)
        if deadline.key not in old:
            lines.append(f"{label} {short_day(deadline.due)}")
        elif old[deadline.key] != deadline.due:
            lines.append(f"{label} {short_day(old[deadline.key])} → {short_day(deadline.due)}")
    return lines


def meeting_moved_note(old_meeting, new_meeting, before: list[Deadline], after: list[Deadline]) -> str:
    """The history note of a moved decision meeting, with every date it changed."""
    if old_meeting is None:
        head = f"Decision meeting set: {meeting_label(new_meeting)}"
    elif new_meeting is None:
        return f"Decision meeting removed (was {meeting_label(old_meeting)}): the statutory dates no longer apply."
    else:
        head = f"Decision meeting moved from {meeting_label(old_meeting)} to {meeting_label(new_meeting)}"
    moved = changes(before, after)
    return f"{head}: {', '.join(moved)}." if moved else f"{head}; the dates are unchanged."


def forward_plan_window(today: date, months: int) -> tuple[date, date]:
    """The Forward Plan's span: the key decisions to be taken from today to the same day `months` months on."""
    return today, today + relativedelta(months=months)


# --- a list's flags at once ------------------------------------------------------------------------------------
class DaysOff:
    """The bank holidays and closure days over a span, read once, counted as mayoral_office.working_days counts
    (England and Wales). A count that leaves the span reads a wider one."""

    MARGIN = timedelta(days=90)

    def __init__(self, first: date, last: date, *, flipped: date | None = None):
        self.start, self.end = first - self.MARGIN, last + self.MARGIN
        self.flipped = flipped  # a closure day counted the other way round (as it was before a change)
        self._counted = {}  # (start, days, direction): the working day found (a list's items share meeting days)
        self._read()

    def _read(self) -> None:
        self.bank = bank_holidays(self.start, self.end)
        self.closed = set(closure_days(self.start, self.end)) ^ ({self.flipped} if self.flipped else set())

    @classmethod
    def around(cls, days) -> DaysOff:
        days = list(days)
        return cls(min(days), max(days))

    def working(self, day: date) -> bool:
        if not self.start <= day <= self.end:
            self.start, self.end = min(self.start, day - self.MARGIN), max(self.end, day + self.MARGIN)
            self._read()
        return day.weekday() < 5 and day not in self.bank and day not in self.closed

    def after(self, start: date, days: int) -> date:
        """The Nth working day after start (add_working_days)."""
        return self._count(start, days, timedelta(days=1))

    def before(self, end: date, days: int) -> date:
        """The Nth working day before end (working_days_before)."""
        return self._count(end, days, timedelta(days=-1))

    def _count(self, start: date, days: int, step: timedelta) -> date:
        key = (start, days, step)
        found = self._counted.get(key)
        if found is None:
            current, counted = start, 0
            while counted < days:
                current += step
                counted += self.working(current)
            found = self._counted[key] = current
        return found

    def toggled(self, day: date) -> DaysOff:
        """The same span with `day` a closure day if it is not one, and not if it is: the calendar as it was
        before a closure day was added or removed."""
        return DaysOff(self.start + self.MARGIN, self.end - self.MARGIN, flipped=day)


def due_dates(meeting_day: date, *, days_off: DaysOff, rules: Rules, published_on: date | None = None) -> dict:
    """{key: due date} of deadlines.plan for a meeting on `meeting_day`, counted on `days_off`."""
    publication = days_off.after(meeting_day, rules.publication_working_days)
    call_in = days_off.after(published_on or publication, rules.call_in_working_days)
    return {
        "forward_plan": meeting_day - timedelta(days=rules.forward_plan_clear_days + 1),
        "report": days_off.before(meeting_day, rules.report_clear_working_days + 1),
        "publication": publication,
        "call_in": call_in,
        "effective": days_off.after(call_in, 1),
    }


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    due: date
    state: str
    rule: str

    @property
    def flagged(self) -> bool:
        return self.state in FLAGGED


def judge(
    due: date,
    done_on: date | None,
    *,
    today: date,
    days_off: DaysOff,
    needed: bool = True,
    authorised: bool = False,
    after: date | None = None,
) -> str:
    """A deadline's state today, as deadlines.py judges it."""
    if not needed:
        state = State.NOT_NEEDED
    elif done_on is not None:
        state = State.MET if done_on <= due else State.MET_LATE
    elif today > due:
        state = State.BREACH
    elif after is not None and today <= after:
        state = State.DUE
    elif days_off.after(today, AT_RISK_WORKING_DAYS) >= due:
        state = State.AT_RISK
    else:
        state = State.DUE
    if authorised and state in (State.BREACH, State.MET_LATE, State.AT_RISK):
        state = State.AUTHORISED
    return state


def forward_plan_rule(rules: Rules) -> str:
    return (
        f"A key decision is on the Forward Plan at least {rules.forward_plan_clear_days} clear days before the "
        "meeting that takes it."
    )


@dataclass(frozen=True, slots=True)
class Planned:
    """What the flags of an item read, as a list of counts reads it: one row of values, the meeting's day worked out
    by the database (selectors.pathway `_flags`), no model objects. `flags` takes this or a PathwayItem."""

    pk: int
    status: str
    key_decision: bool
    forward_plan_published_on: date | None
    report_published_on: date | None
    decision_published_on: date | None
    exception_authorised: bool
    meeting_day: date
    decision_meeting_id: int


def meeting_day(item) -> date:
    """The day of an item's decision meeting: a `Planned` row's own, or its preloaded meeting's."""
    return item.meeting_day if isinstance(item, Planned) else item.decision_meeting.day


def flags(item, *, today: date, days_off: DaysOff, rules: Rules) -> list[Flag]:
    """The Forward Plan, report and publication deadlines of an item with a decision meeting (preloaded, or a
    `Planned` row), judged today; call-in and the effective date are never flagged."""
    day = meeting_day(item)
    due = due_dates(day, days_off=days_off, rules=rules, published_on=item.decision_published_on)
    common = {"today": today, "days_off": days_off}
    return [
        Flag(
            "forward_plan",
            "On the Forward Plan by",
            due["forward_plan"],
            judge(
                due["forward_plan"],
                item.forward_plan_published_on,
                needed=item.key_decision,
                authorised=item.exception_authorised,
                **common,
            ),
            forward_plan_rule(rules),
        ),
        Flag(
            "report",
            "Report published by",
            due["report"],
            judge(due["report"], item.report_published_on, **common),
            f"The report is published at least {rules.report_clear_working_days} clear working days before the "
            "meeting.",
        ),
        Flag(
            "publication",
            "Decision published by",
            due["publication"],
            judge(due["publication"], item.decision_published_on, after=day, **common),
            f"The decision is published within {rules.publication_working_days} working days of the meeting.",
        ),
    ]


def flags_of(items, *, today: date, rules: Rules) -> dict[int, list[Flag]]:
    """{item pk: the flags it shows (at risk, in breach, met late, or authorised)} for items with a decision
    meeting (preloaded) that are not withdrawn, with one read of the days off."""
    planned = [item for item in items if item.decision_meeting_id is not None and item.status != WITHDRAWN]
    if not planned:
        return {}
    days_off = DaysOff.around([today, *(meeting_day(item) for item in planned)])
    return {
        item.pk: [f for f in flags(item, today=today, days_off=days_off, rules=rules) if f.state in SHOWN]
        for item in planned
    }


# --- spreadsheets ----------------------------------------------------------------------------------------------
def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


STATE_WORDS = {
    State.MET: "Published on time",
    State.MET_LATE: "Published late (in breach)",
    State.DUE: "Not yet published",
    State.AT_RISK: "Not yet published (at risk)",
    State.BREACH: "Not published (in breach)",
    State.AUTHORISED: "Breach authorised",
    State.NOT_NEEDED: "Not needed",
}


def forward_plan_rows(entries):
    """The Forward Plan as spreadsheet rows (entries from selectors.forward_plan_entries)."""
    yield [
        "Reference",
        "Decision",
        "Decision-maker",
        "Meeting",
        "Directorate",
        "Lead officer",
        "Portfolio",
        "Wards",
        "Value (£)",
        "On the Forward Plan by",
        "First published",
        "State",
        "Exception",
        "Exempt or confidential",
    ]
    for entry in entries:
        item = entry["item"]
        yield [
            item.reference,
            item.title,
            item.decision_meeting.body.name,
            _iso(item.decision_meeting.day),
            item.directorate.name,
            item.lead_officer.full_name if item.lead_officer else "",
            item.portfolio.name if item.portfolio else "",
            "; ".join(ward.name for ward in item.wards.all()),
            f"{item.value:.2f}" if item.value is not None else "",
            _iso(entry["due"]),
            _iso(item.forward_plan_published_on),
            STATE_WORDS.get(entry["state"], entry["state"]),
            f"{item.get_exception_kind_display()} agreed by {item.scrutiny_chair} on {_iso(item.exception_agreed_on)}"
            if item.exception_kind
            else "",
            "Yes" if item.is_restricted else "No",
        ]


def register_rows(decisions):
    """The decision register as spreadsheet rows (decisions with their meetings' bodies and lead officers)."""
    yield [
        "Reference",
        "Decision",
        "Decision-maker",
        "Meeting",
        "Taken",
        "Key decision",
        "Published",
        "Call-in ends",
        "Takes effect",
        "Status",
        "Portfolio",
        "Lead officer",
    ]
    for decision in decisions:
        meeting = decision.meeting
        yield [
            decision.reference,
            decision.title,
            decision.decision_maker,
            f"{meeting.body.name} {_iso(meeting.day)}" if meeting else "",
            _iso(decision.taken_on),
            "Yes" if decision.key_decision else "No",
            _iso(decision.published_on),
            _iso(decision.call_in_ends_on),
            _iso(decision.effective_on),
            decision.get_status_display(),
            decision.portfolio.name if decision.portfolio else "",
            decision.lead_officer.full_name if decision.lead_officer else "",
        ]
