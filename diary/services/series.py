"""Repeating engagements: a series of occurrences that keep their local clock time, and cancelling from one
occurrence on."""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from diary import policy, selectors
from diary.data import EngagementData, apply_data
from diary.models import LONDON, Engagement, EngagementStatus, RecurringSeries
from diary.schedule import MAX_OCCURRENCES, occurrence_dates
from diary.services._base import (
    check_times,
    claim,
    conflict_note,
    members_given,
    overlaps,
    require_keeps,
    save_engagement,
)
from diary.services.engagements import engagement_cancel
from mayoral_office.audit import service
from mayoral_office.errors import NeedsConfirmation, ServiceError


def _occurrence_times(data: EngagementData, days: list[date]) -> list[tuple[datetime, datetime]]:
    """Each occurrence at the same local (Europe/London) wall-clock time, converted on its own date: right on both
    sides of the clock changes."""
    start_local, end_local = data.starts_at.astimezone(LONDON), data.ends_at.astimezone(LONDON)
    span = end_local.date() - start_local.date()
    starts_at = time.min if data.all_day else start_local.time()
    ends_at = time.min if data.all_day else end_local.time()
    return [
        (datetime.combine(day, starts_at, tzinfo=LONDON), datetime.combine(day + span, ends_at, tzinfo=LONDON))
        for day in days
    ]


def _series_dates(data: EngagementData, frequency: str, until: date) -> list[date]:
    first = data.starts_at.astimezone(LONDON).date()
    if until < first:
        raise ServiceError("The last date must be on or after the first date", field="repeat_until")
    if until > first + relativedelta(years=2):
        raise ServiceError("A series can run for up to 2 years", field="repeat_until")
    dates = occurrence_dates(frequency, first, until)
    if len(dates) > MAX_OCCURRENCES:
        raise ServiceError(f"A series can have up to {MAX_OCCURRENCES} occurrences", field="repeat_until")
    return dates


@service
def series_create(
    *,
    actor,
    data: EngagementData,
    members,
    frequency: str,
    until: date,
    attendee_officers=(),
    conflict_reason: str = "",
) -> RecurringSeries:
    """A repeating engagement, every occurrence in the members' diaries. Clashes with any occurrence need a
    reason, as for one engagement; without one nothing is saved."""
    policy.require(actor, "engagement.create")
    members = members_given(members)
    require_keeps(actor, members, "You can only add engagements to the diaries you keep")
    check_times(data.starts_at, data.ends_at)
    dates = _series_dates(data, frequency, until)
    times = _occurrence_times(data, dates)
    member_ids = [m.pk for m in members]
    clashes = [selectors.find_conflicts(member_ids=member_ids, starts_at=s, ends_at=e) for s, e in times]
    every = list({c.pk: c for found in clashes for c in found}.values())
    if every and not conflict_reason.strip():
        raise NeedsConfirmation([overlaps(every)], field="conflict_reason", items=every)
    start_local, end_local = data.starts_at.astimezone(LONDON), data.ends_at.astimezone(LONDON)
    series = RecurringSeries.objects.create(
        frequency=frequency,
        first_date=start_local.date(),
        until=until,
        local_start=None if data.all_day else start_local.time(),
        local_end=None if data.all_day else end_local.time(),
        duration_days=(end_local.date() - start_local.date()).days,
    )
    for day, (starts_at, ends_at), conflicts in zip(dates, times, clashes, strict=True):
        engagement = Engagement(created_by=actor, series=series, occurrence_date=day)
        apply_data(engagement, data.at(starts_at, ends_at))
        engagement.conflict_reason = conflict_note(conflicts, conflict_reason)
        save_engagement(engagement, members=members, attendee_officers=attendee_officers, exclude=["series"])
    return series


@service
def series_cancel_from(*, actor, engagement: Engagement, reason: str = "") -> int:
    """Cancel this occurrence and every later one in its series (for example when a surgery ends). Earlier
    occurrences are left alone. Returns how many were cancelled."""
    engagement = claim(actor, "engagement.cancel_series", engagement)
    later = (
        Engagement.objects.filter(series_id=engagement.series_id, starts_at__gte=engagement.starts_at)
        .exclude(status=EngagementStatus.CANCELLED)
        .order_by("starts_at")
    )
    count = 0
    for occurrence in later:
        engagement_cancel(actor=actor, engagement=occurrence, reason=reason)
        count += 1
    return count
