"""Dates the diary works out, with no writes: briefing due dates, the dates of a repeating series, the notice an
invitation gives, and an engagement's time in words."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from diary.models import DiarySettings, Engagement, Frequency
from mayoral_office.errors import ServiceError
from mayoral_office.working_days import is_working_day, working_days_between

MAX_OCCURRENCES = 120


def briefing_due_date(engagement_day: date, lead_days: int | None = None) -> date:
    """The working day `lead_days` working days before the engagement's day."""
    if lead_days is None:
        lead_days = DiarySettings.current().briefing_lead_working_days
    day, counted = engagement_day, 0
    while counted < lead_days:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


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
