"""The days of a series of meetings. Pure: reads the working-day calendar, writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from mayoral_office.working_days import is_working_day


def series_days(first: date, until: date, every_weeks: int) -> tuple[list[date], list[date]]:
    """The days of a series (every `every_weeks` weeks from `first` up to `until`) and the ones left out because
    they are not working days (a bank holiday or a council closure day)."""
    days, skipped = [], []
    day = first
    while day <= until:
        (days if is_working_day(day) else skipped).append(day)
        day += timedelta(weeks=every_weeks)
    return days, skipped
