"""Building calendars, with no database access: which days a day, week or month view shows, where Previous and
Next go, the month grid, and which engagements on screen clash. The selectors fill them with engagements."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from diary.models import LONDON, EngagementStatus

PERIODS = ("day", "week", "month")


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


@dataclass
class Day:
    date: date
    engagements: list = field(default_factory=list)

    @property
    def is_today(self):
        return self.date == timezone.localdate()

    @property
    def is_weekend(self):
        return self.date.weekday() >= 5


def period_bounds(period: str, anchor: date) -> tuple[date, date]:
    """First and last day shown for a day, week (Monday to Sunday) or month view."""
    if period == "day":
        return anchor, anchor
    if period == "month":
        first = anchor.replace(day=1)
        return first, anchor.replace(day=monthrange(anchor.year, anchor.month)[1])
    monday = anchor - timedelta(days=anchor.weekday())
    return monday, monday + timedelta(days=6)


def default_week_start(today: date) -> date:
    """The Monday of the week an officer means by "the week": this week on a weekday; on a Saturday or Sunday,
    when this week is all but over, the coming week."""
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=7) if today.weekday() >= 5 else monday


def previous_and_following(period: str, anchor: date) -> tuple[date, date]:
    """Where the Previous and Next links of a day, week or month view go."""
    first, last = period_bounds(period, anchor)
    if period == "day":
        return anchor - timedelta(days=1), anchor + timedelta(days=1)
    if period == "week":
        return first - timedelta(days=7), first + timedelta(days=7)
    return (first - timedelta(days=1)).replace(day=1), last + timedelta(days=1)


def month_weeks(days: list[Day]) -> list[list[Day | None]]:
    """The month grid: one row a week, Monday to Sunday, blank cells before the 1st and after the last day."""
    if not days:
        return []
    cells: list[Day | None] = [None] * days[0].date.weekday() + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def mark_clashes(engagements, *, buffer_minutes: int):
    """Set `clashes` on each engagement: the others in the list that share a member and overlap it (allowing
    the travel buffer). Works on the prefetched members, so it adds no queries."""
    buffer = timedelta(minutes=buffer_minutes)
    active = [e for e in engagements if e.status != EngagementStatus.CANCELLED]
    members_of = {e.pk: {m.pk for m in e.members.all()} for e in active}
    for engagement in engagements:
        engagement.clashes = []
    active.sort(key=lambda e: (e.starts_at, e.pk))
    for i, a in enumerate(active):
        # in start order, only those starting before `a` ends (and its buffer) can overlap it: a sweep, not every
        # pair (a month of every member's diary is hundreds of engagements)
        for b in active[i + 1 :]:
            if b.starts_at >= a.ends_at + buffer:
                break
            if members_of[a.pk] & members_of[b.pk]:
                a.clashes.append(b)
                b.clashes.append(a)
    return engagements


def spread(engagements, first: date, last: date) -> list[Day]:
    """Days from first to last with each engagement on every day it occupies."""
    days = [Day(first + timedelta(days=i)) for i in range((last - first).days + 1)]
    for engagement in engagements:
        start_day = engagement.local_start.date()
        for day in days:
            if start_day <= day.date <= engagement.last_day:
                day.engagements.append(engagement)
    return days
