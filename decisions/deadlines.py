"""The Decision Pathway's statutory dates (DESIGN.md section 5), counted back from the meeting that takes the decision
and forward from the decision's publication, each with the reason for its date. Pure: reads the working-day
calendar, writes nothing.

- **Forward Plan.** A key decision is on the Forward Plan at least 28 clear days before the meeting that takes it.
  Clear days are calendar days, leaving out the day of publication and the day of the meeting: it is published on
  or before the meeting day less 29 days.
- **Report.** The report is published at least 5 clear working days before the meeting: weekends, bank holidays and
  council closure days do not count, nor do the day of publication and the day of the meeting. So it is published
  on or before the 6th working day before the meeting.
- **Publication of the decision.** The office publishes a decision within a set number of working days of the
  meeting (seed 2).
- **Call-in.** The call-in period ends 5 working days after the decision is published; the decision takes effect
  the next working day, unless it is called in.

An item's deadline is "at risk" when it is due within 5 working days and not met, and "in breach" when it has passed
unmet (or was met late). A breach of the Forward Plan rule recorded as a general exception or special urgency, with
the scrutiny chair's agreement, is shown as authorised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mayoral_office.working_days import SkippedDay, add_working_days, explain_due_date, working_days_before

AT_RISK_WORKING_DAYS = 5


@dataclass(frozen=True)
class Rules:
    forward_plan_clear_days: int = 28
    report_clear_working_days: int = 5
    publication_working_days: int = 2
    call_in_working_days: int = 5


class State:
    MET = "met"
    MET_LATE = "met late"
    DUE = "due"
    AT_RISK = "at risk"
    BREACH = "in breach"
    AUTHORISED = "breach authorised"
    NOT_NEEDED = "not needed"


@dataclass(frozen=True)
class Deadline:
    key: str  # forward_plan, report, publication, call_in, effective
    label: str
    due: date
    rule: str  # the rule in plain English
    why: list[str] = field(default_factory=list)  # how the date was reached, a line a step
    done_on: date | None = None  # when it was met (published), if it has been
    state: str = State.DUE

    @property
    def flagged(self) -> bool:
        return self.state in (State.AT_RISK, State.BREACH, State.MET_LATE)


def forward_plan_deadline(meeting_day: date, rules: Rules = Rules()) -> tuple[date, list[str]]:
    due = meeting_day - timedelta(days=rules.forward_plan_clear_days + 1)
    why = [
        f"The meeting is on {_day(meeting_day)}.",
        f"{rules.forward_plan_clear_days} clear days before it leaves out the day of the meeting and the day of "
        f"publication: {rules.forward_plan_clear_days + 1} calendar days back is {_day(due)}.",
    ]
    return due, why


def report_deadline(meeting_day: date, rules: Rules = Rules()) -> tuple[date, list[str]]:
    clear = rules.report_clear_working_days
    due, skipped = working_days_before(meeting_day, clear + 1)
    why = [
        f"The meeting is on {_day(meeting_day)}.",
        f"{clear} clear working days before it leave out the day of the meeting and the day of publication, so the "
        f"report is published on the {_ordinal(clear + 1)} working day before the meeting: {_day(due)}.",
        *_skipped_lines(skipped),
    ]
    return due, why


def publication_deadline(meeting_day: date, rules: Rules = Rules()) -> tuple[date, list[str]]:
    days = rules.publication_working_days
    due = add_working_days(meeting_day, days)
    why = [
        f"The decision is taken on {_day(meeting_day)} and published within {days} working days: {_day(due)}.",
        *_skipped_lines(explain_due_date(meeting_day, days)),
    ]
    return due, why


def call_in_end(published_on: date, rules: Rules = Rules()) -> tuple[date, list[str]]:
    days = rules.call_in_working_days
    end = add_working_days(published_on, days)
    why = [
        f"The decision is published on {_day(published_on)}; the call-in period is {days} working days after "
        f"publication, to the end of {_day(end)}.",
        *_skipped_lines(explain_due_date(published_on, days)),
    ]
    return end, why


def effective_date(published_on: date, rules: Rules = Rules()) -> tuple[date, list[str]]:
    end, _ = call_in_end(published_on, rules)
    effective = add_working_days(end, 1)
    why = [
        f"The call-in period ends on {_day(end)}; unless the decision is called in, it takes effect the next working "
        f"day: {_day(effective)}.",
        *_skipped_lines(explain_due_date(end, 1)),
    ]
    return effective, why


def plan(
    meeting_day: date,
    *,
    today: date,
    key_decision: bool,
    forward_plan_published_on: date | None = None,
    report_published_on: date | None = None,
    decision_published_on: date | None = None,
    exception_authorised: bool = False,
    rules: Rules = Rules(),
) -> list[Deadline]:
    """Every date the pathway shows for a decision to be taken at a meeting on `meeting_day`, with its state today.
    Before the decision is published its call-in and effective dates are planned from the expected publication."""
    fp_due, fp_why = forward_plan_deadline(meeting_day, rules)
    report_due, report_why = report_deadline(meeting_day, rules)
    pub_due, pub_why = publication_deadline(meeting_day, rules)
    published = decision_published_on or pub_due
    call_in, call_in_why = call_in_end(published, rules)
    effective, effective_why = effective_date(published, rules)
    if decision_published_on is None:
        note = "Planned from the expected publication date; recalculated when the decision is published."
        call_in_why, effective_why = [*call_in_why, note], [*effective_why, note]
    forward_plan = Deadline(
        "forward_plan",
        "On the Forward Plan by",
        fp_due,
        f"A key decision is on the Forward Plan at least {rules.forward_plan_clear_days} clear days before the "
        "meeting that takes it.",
        fp_why,
        forward_plan_published_on,
    )
    deadlines = [
        _judged(forward_plan, today, needed=key_decision, authorised=exception_authorised),
        _judged(
            Deadline(
                "report",
                "Report published by",
                report_due,
                f"The report is published at least {rules.report_clear_working_days} clear working days before the "
                "meeting.",
                report_why,
                report_published_on,
            ),
            today,
        ),
        _judged(
            Deadline(
                "publication",
                "Decision published by",
                pub_due,
                f"The decision is published within {rules.publication_working_days} working days of the meeting.",
                pub_why,
                decision_published_on,
            ),
            today,
            after=meeting_day,
        ),
        Deadline(
            "call_in",
            "Call-in period ends",
            call_in,
            f"The call-in period is {rules.call_in_working_days} working days after the decision is published.",
            call_in_why,
            state=State.MET if decision_published_on and today > call_in else State.DUE,
        ),
        Deadline(
            "effective",
            "Takes effect",
            effective,
            "The decision takes effect the working day after the call-in period ends, unless it is called in.",
            effective_why,
            state=State.MET if decision_published_on and today >= effective else State.DUE,
        ),
    ]
    return deadlines


def _judged(
    deadline: Deadline, today: date, *, needed: bool = True, authorised: bool = False, after: date | None = None
) -> Deadline:
    """The deadline with its state: met (on time or late), due, at risk (due within 5 working days), in breach
    (passed unmet), or its breach authorised (a general exception or special urgency)."""
    if not needed:
        state = State.NOT_NEEDED
    elif deadline.done_on is not None:
        state = State.MET if deadline.done_on <= deadline.due else State.MET_LATE
    elif today > deadline.due:
        state = State.BREACH
    elif after is not None and today <= after:
        state = State.DUE  # nothing to publish before the meeting
    elif add_working_days(today, AT_RISK_WORKING_DAYS) >= deadline.due:
        state = State.AT_RISK
    else:
        state = State.DUE
    if authorised and state in (State.BREACH, State.MET_LATE, State.AT_RISK):
        state = State.AUTHORISED
    return Deadline(deadline.key, deadline.label, deadline.due, deadline.rule, deadline.why, deadline.done_on, state)


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _skipped_lines(skipped: list[SkippedDay]) -> list[str]:
    """The days that did not count, bank holidays and closure days by name (weekends in one line)."""
    named = [f"{s} does not count ({s.reason})." for s in skipped if s.reason != "weekend"]
    weekends = sum(1 for s in skipped if s.reason == "weekend")
    return named + ([f"{weekends} weekend days do not count."] if weekends else [])
