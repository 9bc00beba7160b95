"""Working days for target times (DESIGN.md section 5).

A working day is a weekday that is neither a bank holiday nor a council closure day.
- "england-and-wales": England and Wales bank holidays.
- "united-kingdom": a bank holiday in any part of the UK (England and Wales, Scotland, Northern Ireland) — for FOI.
Closure days (set in the admin) apply to both calendars. Only weekdays count as holidays: when Christmas falls on
a weekend the `holidays` package lists it anyway, and the substitute weekday separately.

The day of receipt is day 0; the target date is the Nth working day after it, even when receipt was on a weekend
or a holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

ENGLAND_AND_WALES = "england-and-wales"
UNITED_KINGDOM = "united-kingdom"
CALENDARS = {ENGLAND_AND_WALES: "England and Wales", UNITED_KINGDOM: "United Kingdom (any part)"}
CALENDAR_CHOICES = list(CALENDARS.items())

_SUBDIVISIONS = {
    ENGLAND_AND_WALES: (("ENG", "England and Wales"),),
    UNITED_KINGDOM: (("ENG", "England and Wales"), ("SCT", "Scotland"), ("NIR", "Northern Ireland")),
}


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str  # "weekend", "bank holiday", "closure day"
    detail: str  # e.g. "Saturday", "Christmas Day (England and Wales)", "Council closure"

    def __str__(self):
        return f"{self.day:%A} {self.day.day} {self.day:%B %Y}: {self.detail}"


def _check_calendar(calendar: str) -> None:
    if calendar not in CALENDARS:
        raise ValueError(f"Unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")


@lru_cache(maxsize=256)
def _bank_holidays_for_year(calendar: str, year: int) -> dict[date, str]:
    found: dict[date, list[str]] = {}
    for subdiv, place in _SUBDIVISIONS[calendar]:
        for day, name in holidays.country_holidays("GB", subdiv=subdiv, years=year).items():
            if day.weekday() >= 5:  # a weekend "holiday" is not a day off; its substitute is listed separately
                continue
            found.setdefault(day, [])
            label = f"{name} ({place})" if calendar == UNITED_KINGDOM else name
            if label not in found[day]:
                found[day].append(label)
    return {day: "; ".join(names) for day, names in found.items()}


def bank_holidays(start: date, end: date, *, calendar: str = ENGLAND_AND_WALES) -> dict[date, str]:
    """Weekday bank holidays between start and end inclusive, with their names."""
    _check_calendar(calendar)
    result = {}
    for year in range(start.year, end.year + 1):
        result.update({d: n for d, n in _bank_holidays_for_year(calendar, year).items() if start <= d <= end})
    return result


def closure_days(start: date, end: date) -> dict[date, str]:
    """The office's closure days between start and end inclusive, with their reasons: from the cache while no closure
    day has changed (a kept table, mayoral_office/choices.py), as deadlines are worked out on most pages."""
    return {day: reason for day, reason in _every_closure_day().items() if start <= day <= end}


def _every_closure_day() -> dict[date, str]:
    from mayoral_office import choices
    from mayoral_office.models import ClosureDay

    return choices.kept("closure-days", lambda: dict(ClosureDay.objects.values_list("date", "reason")))


class _Window:
    """Days off over a range of dates, with the closure days read once (kept in the cache) and grown when needed."""

    CHUNK = 400

    def __init__(self, calendar: str, around: date):
        _check_calendar(calendar)
        self.calendar = calendar
        self.start = around - timedelta(days=self.CHUNK)
        self.end = around + timedelta(days=self.CHUNK)
        self._load()

    def _load(self):
        self.bank = bank_holidays(self.start, self.end, calendar=self.calendar)
        self.closed = closure_days(self.start, self.end)

    def _ensure(self, day: date):
        if day < self.start or day > self.end:
            self.start = min(self.start, day - timedelta(days=self.CHUNK))
            self.end = max(self.end, day + timedelta(days=self.CHUNK))
            self._load()

    def why_off(self, day: date) -> SkippedDay | None:
        self._ensure(day)
        if day.weekday() >= 5:
            return SkippedDay(day, "weekend", day.strftime("%A"))
        if day in self.bank:
            return SkippedDay(day, "bank holiday", self.bank[day])
        if day in self.closed:
            return SkippedDay(day, "closure day", self.closed[day])
        return None


def is_working_day(day: date, *, calendar: str = ENGLAND_AND_WALES) -> bool:
    return _Window(calendar, day).why_off(day) is None


def _walk(start: date, days: int, calendar: str) -> tuple[date, list[SkippedDay]]:
    if days < 0:
        raise ValueError("days must be zero or more")
    window = _Window(calendar, start)
    skipped: list[SkippedDay] = []
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        off = window.why_off(current)
        if off:
            skipped.append(off)
        else:
            counted += 1
    return current, skipped


def working_days_before(end: date, days: int, *, calendar: str = ENGLAND_AND_WALES) -> tuple[date, list[SkippedDay]]:
    """The Nth working day before `end` (end itself not counted), and the days skipped on the way back, latest
    first. For deadlines counted back from a meeting: "5 clear working days before" is the 6th working day."""
    if days < 1:
        raise ValueError("days must be one or more")
    window = _Window(calendar, end)
    skipped: list[SkippedDay] = []
    current, counted = end, 0
    while counted < days:
        current -= timedelta(days=1)
        off = window.why_off(current)
        if off:
            skipped.append(off)
        else:
            counted += 1
    return current, skipped


def add_working_days(start: date, days: int, *, calendar: str = ENGLAND_AND_WALES) -> date:
    """The Nth working day after start (start itself is day 0, whatever kind of day it is)."""
    return _walk(start, days, calendar)[0]


def working_days_between(start: date, end: date, *, calendar: str = ENGLAND_AND_WALES) -> int:
    """How many working days fall after start, up to and including end (negative if end is before start)."""
    if end < start:
        return -working_days_between(end, start, calendar=calendar)
    window = _Window(calendar, start)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if window.why_off(current) is None:
            count += 1
    return count


def explain_due_date(start: date, days: int, *, calendar: str = ENGLAND_AND_WALES) -> list[SkippedDay]:
    """The days skipped on the way from start to its due date, and why (weekend, bank holiday, closure day)."""
    return _walk(start, days, calendar)[1]


class WorkingDaySpan:
    """Working days over a span of dates from one read of the days off, for thousands of dates at once (the daily
    chase: how late each item is, when each is due). Dates outside the span are counted the usual way."""

    def __init__(self, first: date, last: date, *, calendar: str = ENGLAND_AND_WALES):
        _check_calendar(calendar)
        self.calendar, self.first, self.last = calendar, first, last
        off = set(bank_holidays(first, last, calendar=calendar)) | set(closure_days(first, last))
        self._count: dict[date, int] = {}  # working days from `first` up to and including each day
        counted, day = 0, first
        while day <= last:
            counted += day.weekday() < 5 and day not in off
            self._count[day] = counted
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> int:
        """As `working_days_between`: working days after start, up to and including end (negative if before)."""
        if start in self._count and end in self._count:
            return self._count[end] - self._count[start]
        return working_days_between(start, end, calendar=self.calendar)

    def after(self, start: date, days: int) -> date:
        """As `add_working_days`: the Nth working day after start."""
        if start not in self._count:
            return add_working_days(start, days, calendar=self.calendar)
        target, day = self._count[start] + days, start
        while day < self.last:
            day += timedelta(days=1)
            if self._count[day] == target and self._count[day - timedelta(days=1)] < target:
                return day
        return add_working_days(start, days, calendar=self.calendar)
