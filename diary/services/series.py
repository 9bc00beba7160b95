"""Repeating engagements: a series of occurrences that keep their local clock time, sent to calendars as one entry
(diary/ical.py), and cancelling from one occurrence on."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from diary import policy, selectors
from diary.data import EngagementData, apply_data
from diary.models import LONDON, Engagement, EngagementStatus, RecurringSeries
from diary.schedule import MAX_OCCURRENCES, days_off, days_off_warning, occurrence_dates, occurrence_times
from diary.services._base import (
    check_times,
    claim,
    conflict_note,
    members_given,
    overlaps,
    queue_series_notice,
    require_keeps,
    save_engagement,
)
from diary.services.engagements import engagement_cancel
from mayoral_office.audit import service
from mayoral_office.errors import NeedsConfirmation, ServiceError


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
    stakeholders=(),
    conflict_reason: str = "",
    skip_days_off: bool = False,
    notify: bool = True,
) -> RecurringSeries:
    """A repeating engagement, every occurrence in the members' diaries, sent to everyone's calendar as one
    invitation when confirmed. Clashes with any occurrence need a reason, as for one engagement, and so do
    occurrences on a bank holiday or council closure day unless they are left out (`skip_days_off`: the rule then
    skips them, EXDATE); without one nothing is saved."""
    policy.require(actor, "engagement.create")
    members = members_given(members)
    require_keeps(actor, members, "You can only add engagements to the diaries you keep")
    check_times(data.starts_at, data.ends_at)
    if data.status == EngagementStatus.CANCELLED:
        raise ServiceError("A new engagement cannot be cancelled", field="status")
    dates = _series_dates(data, frequency, until)
    off = days_off(dates)
    if skip_days_off:
        dates = [day for day in dates if day not in off]
        off = {}
        if not dates:
            raise ServiceError("Every occurrence falls on a bank holiday or closure day", field="repeat_until")
    times = occurrence_times(data.starts_at, data.ends_at, data.all_day, dates)
    member_ids = [m.pk for m in members]
    clashes = [selectors.find_conflicts(member_ids=member_ids, starts_at=s, ends_at=e) for s, e in times]
    every = list({c.pk: c for found in clashes for c in found}.values())
    if (every or off) and not conflict_reason.strip():
        warnings = ([overlaps(every)] if every else []) + ([days_off_warning(off)] if off else [])
        raise NeedsConfirmation(warnings, field="conflict_reason", items=every)
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
        note = conflict_note(conflicts, conflict_reason)
        if day in off:
            note = " ".join(x for x in [note, f"On {off[day]}: {conflict_reason.strip()}"] if x)
        engagement.conflict_reason = note
        save_engagement(
            engagement,
            members=members,
            attendee_officers=attendee_officers,
            stakeholders=stakeholders,
            exclude=["series"],
        )
    if notify and data.status == EngagementStatus.CONFIRMED:
        queue_series_notice(series, what="New engagement series")
    return series


@service
def series_cancel_from(*, actor, engagement: Engagement, reason: str = "") -> int:
    """Cancel this occurrence and every later one in its series (for example when a surgery ends). Earlier
    occurrences are left alone. Calendars get one cancellation: of the whole series when none is left, else of
    each occurrence cancelled (by RECURRENCE-ID). Returns how many were cancelled."""
    engagement = claim(actor, "engagement.cancel_series", engagement)
    later = list(
        Engagement.objects.filter(series_id=engagement.series_id, starts_at__gte=engagement.starts_at)
        .exclude(status=EngagementStatus.CANCELLED)
        .order_by("starts_at")
    )
    for occurrence in later:
        engagement_cancel(actor=actor, engagement=occurrence, reason=reason, notify=False)
    left = Engagement.objects.filter(series_id=engagement.series_id).exclude(status=EngagementStatus.CANCELLED)
    whole = not left.exists()
    queue_series_notice(engagement.series, only=None if whole else later, cancel=True, what="Cancelled")
    return len(later)
