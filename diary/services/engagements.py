"""Engagements: adding, changing, moving and cancelling one, with the conflict check and the change notices."""

from __future__ import annotations

from datetime import datetime

from diary import policy
from diary.data import EngagementData, apply_data, engagement_data_of
from diary.models import Engagement, EngagementStatus
from diary.services._base import (
    NOTICE_FIELDS,
    check_conflicts,
    check_times,
    claim,
    conflict_note,
    members_given,
    queue_notice,
    require_keeps,
    save_engagement,
)
from mayoral_office import registry
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError


@service
def engagement_create(
    *,
    actor,
    data: EngagementData,
    members,
    attendee_officers=(),
    stakeholders=(),
    conflict_reason: str = "",
    notify: bool = True,
) -> Engagement:
    """Put an engagement in the members' diaries; a confirmed one is sent to everyone's calendar."""
    policy.require(actor, "engagement.create")
    members = members_given(members)
    require_keeps(actor, members, "You can only add engagements to the diaries you keep")
    check_times(data.starts_at, data.ends_at)
    if data.status == EngagementStatus.CANCELLED:
        raise ServiceError("A new engagement cannot be cancelled", field="status")
    conflicts = check_conflicts(
        member_ids=[m.pk for m in members],
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        conflict_reason=conflict_reason,
    )
    engagement = Engagement(created_by=actor)
    apply_data(engagement, data)
    engagement.conflict_reason = conflict_note(conflicts, conflict_reason)
    save_engagement(engagement, members=members, attendee_officers=attendee_officers, stakeholders=stakeholders)
    if notify and engagement.status == EngagementStatus.CONFIRMED:
        queue_notice(engagement, cancel=False, what="New engagement")
    return engagement


@service
def engagement_update(
    *,
    actor,
    engagement: Engagement,
    data: EngagementData,
    members,
    attendee_officers=(),
    stakeholders=None,
    conflict_reason: str = "",
) -> Engagement:
    """Change an engagement. A new time or place, or confirming it, is sent to everyone's calendar (the same
    entry, updated); a change of notes only is not."""
    engagement = claim(actor, "engagement.edit", engagement)
    members = members_given(members)
    require_keeps(actor, members, "You can only put engagements in the diaries you keep")
    if data.status == EngagementStatus.CANCELLED:
        raise ServiceError("Use 'Cancel engagement' to cancel it, so the attendees are told", field="status")
    if not engagement.can_move_to(data.status):
        raise ServiceError("That change of status is not allowed", field="status")
    check_times(data.starts_at, data.ends_at)
    old_member_ids = set(engagement.members.values_list("pk", flat=True))
    before = {name: getattr(engagement, name) for name in NOTICE_FIELDS}
    old_status = engagement.status
    timing_changed = (data.starts_at, data.ends_at) != (engagement.starts_at, engagement.ends_at)
    conflicts = []
    if timing_changed or old_member_ids != {m.pk for m in members}:
        conflicts = check_conflicts(
            member_ids=[m.pk for m in members],
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            exclude_pk=engagement.pk,
            conflict_reason=conflict_reason,
        )
    apply_data(engagement, data)
    if conflicts:
        engagement.conflict_reason = conflict_note(conflicts, conflict_reason)
    changed = any(getattr(engagement, name) != value for name, value in before.items())
    newly_confirmed = old_status != EngagementStatus.CONFIRMED and engagement.status == EngagementStatus.CONFIRMED
    if changed or newly_confirmed:
        engagement.sequence += 1
    if engagement.series_id is not None:
        engagement.series_override = True  # calendars show this occurrence's own details (RECURRENCE-ID)
    save_engagement(engagement, members=members, attendee_officers=attendee_officers, stakeholders=stakeholders)
    if engagement.status == EngagementStatus.CONFIRMED and (changed or newly_confirmed):
        queue_notice(engagement, cancel=False, what="Changed engagement" if changed else "Confirmed")
    if timing_changed:
        registry.announce_change("diary.engagement", actor=actor, obj=engagement)  # a pack's due date follows it
    return engagement


@service
def engagement_move(
    *, actor, engagement: Engagement, starts_at: datetime, ends_at: datetime, conflict_reason: str = ""
) -> Engagement:
    """Change only the times (for example 'move by an hour'); everything else stays as it is."""
    policy.require(actor, "engagement.edit", engagement)
    data = engagement_data_of(engagement).at(starts_at, ends_at)
    return engagement_update(
        actor=actor,
        engagement=engagement,
        data=data,
        members=engagement.members.all(),
        attendee_officers=engagement.attendee_officers.all(),
        conflict_reason=conflict_reason,
    )


@service
def engagement_cancel(*, actor, engagement: Engagement, reason: str = "", notify: bool = True) -> Engagement:
    """Cancel one engagement (one occurrence of a series leaves the others alone). Those who were sent it get a
    cancellation that removes it from their calendars (an occurrence: by its RECURRENCE-ID). `notify=False`: the
    caller sends one cancellation for several (series_cancel_from)."""
    engagement = claim(actor, "engagement.cancel", engagement)
    engagement.status = EngagementStatus.CANCELLED
    engagement.cancelled_reason = reason.strip()[:250]
    engagement.sequence += 1
    engagement.save()
    if notify and engagement.notices_sent:
        queue_notice(engagement, cancel=True, what="Cancelled")
    registry.announce_change("diary.engagement", actor=actor, obj=engagement)
    return engagement
