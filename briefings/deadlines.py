"""When a pack and its commissions are due. Pure: reads the calendar, writes nothing."""

from __future__ import annotations

from datetime import date

from mayoral_office.working_days import working_days_before


def pack_due(event_day: date, working_days: int) -> date:
    """A pack for an engagement or meeting on `event_day` is due `working_days` working days before it (the
    briefing rules, seed 2); with 0, on the day itself."""
    return working_days_before(event_day, working_days)[0] if working_days else event_day


def commission_due(pack_due_on: date, working_days: int) -> date:
    """A commissioned section is due `working_days` working days before its pack (seed 1)."""
    return working_days_before(pack_due_on, working_days)[0] if working_days else pack_due_on
