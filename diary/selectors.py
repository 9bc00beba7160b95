"""Every read of the diary. Views get engagements only through `Engagement.objects.visible_to(user)`, here,
so a calendar, a list, a feed, a PDF and a count can never show what a detail page would refuse. Private
engagements come back marked `masked` for anyone without the right to see them, and templates show them as
"Busy"."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from diary.models import (
    LONDON,
    DiarySettings,
    Engagement,
    EngagementStatus,
    FeedToken,
    Invitation,
)
from mayoral_office.access import (
    is_directorate_contact,
    is_draft_only,
    own_member_id,
    sees_everything,
    supported_member_ids,
)
from mayoral_office.models import Member


# --- who may see and change which diary ---
def diary_members(user):
    """The members whose diaries the user may open: all for the Head of Mayor's Office, else those
    supported."""
    if not user.is_authenticated or is_directorate_contact(user):
        return Member.objects.none()
    qs = Member.objects.current()
    if sees_everything(user):
        return qs
    return qs.filter(pk__in=supported_member_ids(user))


def has_diary_access(user) -> bool:
    return (
        user.is_authenticated
        and (sees_everything(user) or bool(supported_member_ids(user)))
        and not (is_directorate_contact(user))
    )


def may_edit_diary(user, member_ids) -> bool:
    """Writing to a member's diary: the Head of Mayor's Office, the member, and officers who support them.
    Interns read only; directorate contacts never."""
    if not user.is_authenticated or is_directorate_contact(user) or is_draft_only(user):
        return False
    if sees_everything(user):
        return True
    ids = set(member_ids)
    return bool(ids) and ids <= supported_member_ids(user)


def may_see_private(user, engagement: Engagement) -> bool:
    if sees_everything(user):
        return True
    if is_draft_only(user):
        return False
    member_ids = {m.pk for m in engagement.members.all()}
    return bool(member_ids & supported_member_ids(user)) or own_member_id(user) in member_ids


def hidden_private_q(user) -> Q:
    """The private engagements this user sees only as "Busy" (may_see_private, as a filter)."""
    if sees_everything(user):
        return Q(pk__in=[])
    if is_draft_only(user):
        return Q(is_private=True)
    seen = Engagement.objects.filter(members__in=supported_member_ids(user)).values("pk")
    return Q(is_private=True) & ~Q(pk__in=seen)


def mask(user, engagements):
    """Mark each private engagement the user may not see in full. Uses the prefetched members: no queries."""
    for engagement in engagements:
        engagement.masked = engagement.is_private and not may_see_private(user, engagement)
    return engagements


def mask_conflicts(user, conflicts):
    """Conflicts come from a member's whole diary, which may include engagements this user cannot see (for
    example when delegating to another member): show those as Busy too."""
    visible = set(
        Engagement.objects.visible_to(user).filter(pk__in=[c.pk for c in conflicts]).values_list("pk", flat=True)
    )
    mask(user, conflicts)
    for conflict in conflicts:
        conflict.masked = conflict.masked or conflict.pk not in visible
    return conflicts


def _with_related(qs):
    return qs.select_related("lead_officer", "series").prefetch_related(
        Prefetch("members", queryset=Member.objects.order_by("office", "name"))
    )


def engagements_for(user):
    return _with_related(Engagement.objects.visible_to(user))


def get_engagement(user, pk) -> Engagement:
    from django.shortcuts import get_object_or_404

    engagement = get_object_or_404(engagements_for(user).prefetch_related("attendee_officers"), pk=pk)
    mask(user, [engagement])
    return engagement


# --- calendars ---
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


def calendar_days(user, members, first: date, last: date, *, include_cancelled=True) -> list[Day]:
    """Days from first to last with the visible engagements of `members` on each (multi-day ones on
    every day)."""
    engagements = mask(user, _engagements_in(engagements_for(user), members, first, last, include_cancelled))
    return _spread(engagements, first, last)


def member_days(members, first: date, last: date, *, include_cancelled=False) -> list[Day]:
    """For scheduled jobs with no signed-in user (the weekly email to the member and their officers): every
    engagement of the members, none masked. Callers decide how to show private items."""
    engagements = _engagements_in(_with_related(Engagement.objects.all()), members, first, last, include_cancelled)
    for engagement in engagements:
        engagement.masked = False
    return _spread(engagements, first, last)


def _engagements_in(qs, members, first, last, include_cancelled) -> list[Engagement]:
    qs = (
        qs.filter(members__in=[m.pk for m in members])
        .between(local_midnight(first), local_midnight(last + timedelta(days=1)))
        .distinct()
    )
    if not include_cancelled:
        qs = qs.active()
    return list(qs)


def mark_clashes(engagements, *, buffer_minutes: int | None = None):
    """Set `clashes` on each engagement: the others in the list that share a member and overlap it (allowing
    the travel buffer). Works on the prefetched members, so it adds no queries."""
    if buffer_minutes is None:
        buffer_minutes = DiarySettings.current().travel_buffer_minutes
    buffer = timedelta(minutes=buffer_minutes)
    active = [e for e in engagements if e.status != EngagementStatus.CANCELLED]
    members_of = {e.pk: {m.pk for m in e.members.all()} for e in active}
    for engagement in engagements:
        engagement.clashes = []
    for i, a in enumerate(active):
        for b in active[i + 1 :]:
            overlaps = a.starts_at < b.ends_at + buffer and b.starts_at < a.ends_at + buffer
            if overlaps and members_of[a.pk] & members_of[b.pk]:
                a.clashes.append(b)
                b.clashes.append(a)
    return engagements


def _spread(engagements, first: date, last: date) -> list[Day]:
    mark_clashes(engagements)
    days = [Day(first + timedelta(days=i)) for i in range((last - first).days + 1)]
    for engagement in engagements:
        start_day = engagement.local_start.date()
        for day in days:
            if start_day <= day.date <= engagement.last_day:
                day.engagements.append(engagement)
    return days


def forward_look(user, members, *, start: date | None = None):
    """The next N weeks (configurable, 8 by default) of engagements, for the forward look list."""
    start = start or timezone.localdate()
    weeks = DiarySettings.current().forward_look_weeks
    end = start + timedelta(weeks=weeks)
    return (
        (
            engagements_for(user)
            .filter(members__in=[m.pk for m in members])
            .between(local_midnight(start), local_midnight(end))
            .distinct()
        ),
        start,
        end,
    )


def find_conflicts(*, member_ids, starts_at: datetime, ends_at: datetime, exclude_pk=None, buffer_minutes=None):
    """Active engagements of any of these members overlapping the times, widened by the travel buffer."""
    if buffer_minutes is None:
        buffer_minutes = DiarySettings.current().travel_buffer_minutes
    buffer = timedelta(minutes=buffer_minutes)
    qs = (
        _with_related(Engagement.objects.active())
        .filter(members__in=list(member_ids))
        .between(starts_at - buffer, ends_at + buffer)
        .distinct()
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs)


# --- invitations and feeds ---
def invitations_for(user):
    return Invitation.objects.visible_to(user).select_related("member", "delegated_to", "engagement")


def active_feed_token(member) -> FeedToken | None:
    return member.feed_tokens.filter(revoked_at__isnull=True).first()


def feed_engagements(token: str):
    """The member and their engagements for a live feed token, or (None, None) for an unknown or
    revoked one."""
    feed = FeedToken.objects.select_related("member").filter(token=token, revoked_at__isnull=True).first()
    if not feed:
        return None, None
    since = timezone.now() - timedelta(days=90)
    qs = Engagement.objects.filter(members=feed.member, ends_at__gte=since).filter(
        ~Q(status=EngagementStatus.CANCELLED) | Q(notices_sent=True)
    )
    return feed.member, qs.order_by("starts_at")
