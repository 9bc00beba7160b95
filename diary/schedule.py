"""Dates the diary works out, with no writes: the dates of a repeating series, the notice an
invitation gives, and an engagement's time in words."""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from django.template.defaultfilters import pluralize

from diary.models import LONDON, Engagement, Frequency, RecurringSeries
from mayoral_office.errors import ServiceError
from mayoral_office.working_days import bank_holidays, closure_days, working_days_between

MAX_OCCURRENCES = 120


def occurrence_dates(frequency: str, first: date, until: date) -> list[date]:
    """The dates of a repeating engagement from `first` to `until`."""
    if frequency == Frequency.WEEKLY:
        rule = rrule(WEEKLY, dtstart=first, until=until)
    elif frequency == Frequency.FORTNIGHTLY:
        rule = rrule(WEEKLY, interval=2, dtstart=first, until=until)
    elif frequency == Frequency.MONTHLY_DATE:
        rule = rrule(MONTHLY, dtstart=first, until=until, bymonthday=first.day)
    elif frequency == Frequency.MONTHLY_WEEKDAY:
        nth = (first.day - 1) // 7 + 1
        rule = rrule(MONTHLY, dtstart=first, until=until, byweekday=weekday(first.weekday())(nth if nth < 5 else -1))
    else:
        raise ServiceError("Choose how often it repeats", field="repeat")
    return [d.date() for d in rule]


def occurrence_times(starts_at: datetime, ends_at: datetime, all_day: bool, days: list[date]):
    """Each occurrence at the same local (Europe/London) wall-clock time, converted on its own date: right on both
    sides of the clock changes. [(starts_at, ends_at)]"""
    start_local, end_local = starts_at.astimezone(LONDON), ends_at.astimezone(LONDON)
    span = end_local.date() - start_local.date()
    start_time = time.min if all_day else start_local.time()
    end_time = time.min if all_day else end_local.time()
    return [
        (datetime.combine(day, start_time, tzinfo=LONDON), datetime.combine(day + span, end_time, tzinfo=LONDON))
        for day in days
    ]


DAYS_OFF_LEAD = "Falls on a bank holiday or closure day"


def days_off(days: list[date]) -> dict[date, str]:
    """Which of these (weekday) dates are bank holidays or council closure days, with their names."""
    if not days:
        return {}
    first, last = min(days), max(days)
    off = {**closure_days(first, last), **bank_holidays(first, last)}
    return {day: off[day] for day in sorted(days) if day in off}


def days_off_warning(off: dict[date, str]) -> str:
    """The warning an officer sees when a series has occurrences on days the office is closed."""
    listed = "; ".join(f"{day:%A} {day.day} {day:%B %Y} ({name or 'council closure'})" for day, name in off.items())
    count = len(off)
    return (
        f"{DAYS_OFF_LEAD}: {count} occurrence{pluralize(count)} ({listed}). Leave {'it' if count == 1 else 'them'} "
        "out, or give a reason for going ahead"
    )


def notice_working_days(received_on: date, event_date: date) -> int:
    """The working days' notice an invitation gives."""
    return working_days_between(received_on, event_date)


def describe_when(engagement: Engagement) -> str:
    """ "Friday 12 June 2026, 14:00 to 15:00", or the day (or days) of an all-day engagement."""
    start, end = engagement.local_start, engagement.local_end
    if engagement.all_day:
        first, last = start.date(), engagement.last_day
        text = f"{first:%A} {first.day} {first:%B %Y}"
        return text if first == last else f"{text} to {last:%A} {last.day} {last:%B %Y}"
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to {end:%H:%M}"


def describe_series(series: RecurringSeries) -> str:
    """ "Every week from Saturday 16 January 2027 until 6 February 2027, 10:00 to 12:00"."""
    first, until = series.first_date, series.until
    text = f"{series.get_frequency_display()} from {first:%A} {first.day} {first:%B %Y} until {until.day} {until:%B %Y}"
    if series.local_start is None:
        return f"{text}, all day"
    return f"{text}, {series.local_start:%H:%M} to {series.local_end:%H:%M}"
