"""The days of a series of meetings. Pure: reads the working-day calendar, writes nothing."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from mayoral_office.working_days import is_working_day

MONTHLY = 0  # every_weeks for "every month, on the same weekday" (Cabinet: the second Wednesday)


def _same_weekday_each_month(first: date, until: date):
    """The same weekday of each month as `first`: its 1st to 4th (the second Wednesday), or the last if `first` is
    the last such weekday of its month."""
    nth = (first.day - 1) // 7
    last = first.day + 7 > calendar.monthrange(first.year, first.month)[1]
    year, month = first.year, first.month
    while True:
        days = [
            d
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == first.weekday()
        ]
        day = date(year, month, days[-1] if last else days[min(nth, len(days) - 1)])
        if day > until:
            return
        yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def series_days(first: date, until: date, every_weeks: int) -> tuple[list[date], list[date]]:
    """The days of a series (every `every_weeks` weeks from `first`, or MONTHLY, up to `until`) and the ones left
    out because they are not working days (a bank holiday or a council closure day)."""
    if every_weeks == MONTHLY:
        candidates = list(_same_weekday_each_month(first, until))
    else:
        candidates = [
            first + timedelta(weeks=every_weeks * n) for n in range((until - first).days // (7 * every_weeks) + 1)
        ]
    days = [day for day in candidates if is_working_day(day)]
    skipped = [day for day in candidates if not is_working_day(day)]
    return days, skipped
