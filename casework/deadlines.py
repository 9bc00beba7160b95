"""Target dates of a case, in working days (DESIGN.md section 5), and the checks on dates an officer types. Pure:
nothing here writes to the database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from mayoral_office.errors import ServiceError
from mayoral_office.working_days import add_working_days, explain_due_date

RECEIVED_MAX_YEARS = 2  # a received date older than this is a typing slip (5/11/1900), not old post
DEADLINE_FIELDS = ("acknowledge_due", "response_due", "escalation_due")


def fmt(day: date | None) -> str:
    """3 April 2026, the way officers write dates."""
    return f"{day.day} {day:%B %Y}" if day else "none"


def working_days_text(count: int) -> str:
    """'1 working day', '2 working days' (and '0 working days')."""
    return ngettext("%(count)d working day", "%(count)d working days", count) % {"count": count}


def years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def check_received(received_at: datetime) -> None:
    if received_at > timezone.now():
        raise ServiceError("The date received must be today or in the past", field="received_at")
    if timezone.localtime(received_at).date() < years_ago(timezone.localdate(), RECEIVED_MAX_YEARS):
        raise ServiceError(f"The date received must be within the last {RECEIVED_MAX_YEARS} years", field="received_at")


def compute_deadlines(case) -> dict[str, date | None]:
    """The target dates from the case's own copy of its type's targets and calendar (taken at intake, so a later
    change to the type does not re-target it), its extensions and the working days spent on hold."""
    start = case.received_on
    extra = sum(e.working_days for e in case.extensions.all()) if case.pk else 0
    extra += case.paused_working_days
    cal = case.calendar
    return {
        "acknowledge_due": add_working_days(start, case.acknowledge_days, calendar=cal)
        if case.acknowledge_days
        else None,
        "response_due": add_working_days(start, case.respond_days + extra, calendar=cal),
        "escalation_due": add_working_days(start, case.escalate_days + extra, calendar=cal)
        if case.escalate_days
        else None,
    }


def apply_deadlines(case) -> list[str]:
    """Set the case's target dates (on the object; the caller saves it) and describe what moved."""
    changes = []
    for field, value in compute_deadlines(case).items():
        old = getattr(case, field)
        if old != value:
            if old is not None:
                label = field.replace("_due", "").replace("_", " ")
                changes.append(f"{label.capitalize()} target moved from {fmt(old)} to {fmt(value)}")
            setattr(case, field, value)
    return changes


def explain_deadlines(case) -> dict:
    """What the 'why is it due then?' panel shows."""
    extensions = list(case.extensions.all())
    extension_days = sum(e.working_days for e in extensions)
    total = case.respond_days + extension_days + case.paused_working_days
    return {
        "received_on": case.received_on,
        "target_days": case.respond_days,
        "extension_days": extension_days,
        "paused_days": case.paused_working_days,
        "total_days": total,
        "calendar": case.get_calendar_display(),
        "skipped": explain_due_date(case.received_on, total, calendar=case.calendar),
        "due": case.response_due,
    }


def contribution_due_problem(case, due_on: date, today: date | None = None) -> str | None:
    """Why a contribution cannot be due on this date: in the past, or not a working day in the case's calendar."""
    today = today or timezone.localdate()
    if due_on < today:
        return "The date the contribution is due must be today or in the future"
    off = [s for s in explain_due_date(due_on - timedelta(days=1), 1, calendar=case.calendar) if s.day == due_on]
    if off:
        skipped = off[0]
        what = {
            "weekend": "a weekend",
            "bank holiday": f"a bank holiday ({skipped.detail})",
            "closure day": f"a council closure day ({skipped.detail})",
        }.get(skipped.reason, "not a working day")
        return f"{due_on:%A} {fmt(due_on)} is {what}; choose a working day"
    return None


def contribution_warnings(case, directorate, due_on: date) -> list[str]:
    """What the officer must confirm before asking: a due date after the case's own response date, or a second
    open request to the same directorate."""
    warnings = []
    if case.response_due and due_on > case.response_due:
        warnings.append(
            f"The contribution would be due after the response to the correspondent is due "
            f"({fmt(case.response_due)}). Choose an earlier date, or confirm below"
        )
    earlier = case.contributions.outstanding().filter(directorate=directorate).order_by("due_on").first()
    if earlier is not None:
        warnings.append(
            f"{directorate} already has an open request on this case, due {fmt(earlier.due_on)}. "
            "Check you need a second one, or confirm below"
        )
    return warnings


def default_contribution_due(case, today: date | None = None) -> date:
    """Five working days from today, but before the response is due if there is still time; otherwise the next
    working day."""
    today = today or timezone.localdate()
    due = add_working_days(today, 5, calendar=case.calendar)
    if case.response_due and due > case.response_due:
        due = case.response_due if case.response_due >= today else add_working_days(today, 1, calendar=case.calendar)
    return due
