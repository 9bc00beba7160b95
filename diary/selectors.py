"""Every read of the diary. Engagements come only through `Engagement.objects.visible_to(user)`, here, so a
calendar, a list, a feed, a PDF and a count can never show what a detail page would refuse. Private engagements
come back marked `masked` for anyone the policy shows them to only as "Busy", and templates show them so.
Preloading lives next to each query; no HTTP."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from diary import calendars, policy, schedule
from diary.calendars import Day, local_midnight
from diary.models import (
    LONDON,
    DiaryPreference,
    DiaryReader,
    DiarySettings,
    Engagement,
    EngagementStatus,
    FeedToken,
    Invitation,
    InvitationStatus,
    RecurringSeries,
)
from mayoral_office import registry
from mayoral_office.access import own_member_id
from mayoral_office.errors import ServiceError
from mayoral_office.models import Member
from mayoral_office.registry import WorkItem


# --- whose diaries ----------------------------------------------------------------------------------------------
def diary_members(user):
    """The members whose diaries the user may open: all current members for the Head of Mayor's Office, else
    those they are or support."""
    reader = DiaryReader.of(user)
    if reader.nothing:
        return Member.objects.none()
    qs = Member.objects.current()
    return qs if reader.everything else qs.filter(pk__in=reader.member_ids)


class DiaryMembers:
    """Members as the diary sees them, for the authorising fetch: `visible_to(user)` is `diary_members(user)`."""

    def visible_to(self, user):
        return diary_members(user).select_related("diary_preference")  # the policy reads it


def default_member_id(user) -> int | None:
    """The diary a calendar opens on with no member asked for: the user's own, else the first they support."""
    chosen = own_member_id(user) or next(iter(sorted(DiaryReader.of(user).member_ids)), None)
    return chosen if chosen is not None and diary_members(user).filter(pk=chosen).exists() else None


# --- engagements ------------------------------------------------------------------------------------------------
def _with_related(qs):
    return qs.select_related("lead_officer", "series").with_members()


def engagements_for(user):
    return _with_related(Engagement.objects.visible_to(user))


def engagements_for_page():
    """What the engagement page shows (the fetch applies `visible_to`): its members, officers and invitation."""
    return _with_related(Engagement.objects.all()).select_related("invitation").prefetch_related("attendee_officers")


def engagements_for_fetch():
    """For an action page: the engagement, its members (the policy reads them) and officers."""
    return _with_related(Engagement.objects.all()).prefetch_related("attendee_officers")


def mask(user, engagements):
    """Mark each engagement the user sees only as "Busy" (the policy). Uses the prefetched members: no queries."""
    for engagement in engagements:
        engagement.masked = policy.masked(user, engagement)
    return engagements


def show_briefings(user, engagements):
    """Set `briefing_badge` on each engagement: for one that needs a briefing and whose details the user may see,
    where its pack has got to, as the briefings app says through the registry (one query however many there
    are; the diary keeps no copy of it that could drift); None otherwise. Call after `mask`."""
    engagements = list(engagements)
    wanted = [e for e in engagements if e.briefing_required and not getattr(e, "masked", False)]
    badges = registry.badges_for("diary.engagement", user, wanted)
    for engagement in engagements:
        engagement.briefing_badge = badges.get(engagement.pk)
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


def find_conflicts(*, member_ids, starts_at, ends_at, exclude_pk=None, buffer_minutes=None) -> list[Engagement]:
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


def conflict_check(user, data: dict, *, exclude_pk=None) -> tuple[list[Engagement], list[str]]:
    """What the engagement form warns about before saving, from its cleaned data (reads only): the clashes of the
    engagement, or of every occurrence of a new series (as "Busy" where the user may not see them), and the
    occurrences on a bank holiday or closure day. ([], []) while the times or members are not yet valid."""
    members, starts_at, ends_at = data.get("members"), data.get("starts_at"), data.get("ends_at")
    if not members or not starts_at or not ends_at:
        return [], []
    times, off = [(starts_at, ends_at)], {}
    if data.get("repeat") and data.get("repeat_until"):
        try:
            days = schedule.occurrence_dates(data["repeat"], starts_at.astimezone(LONDON).date(), data["repeat_until"])
        except ServiceError:
            days = []
        days = days[: schedule.MAX_OCCURRENCES]
        off = schedule.days_off(days)
        if data.get("skip_days_off"):
            days, off = [d for d in days if d not in off], {}
        times = schedule.occurrence_times(starts_at, ends_at, data.get("all_day", False), days) or times
    found: dict[int, Engagement] = {}
    for start, end in times:
        for c in find_conflicts(
            member_ids=[m.pk for m in members], starts_at=start, ends_at=end, exclude_pk=exclude_pk
        ):
            found.setdefault(c.pk, c)
    return mask_conflicts(user, list(found.values())), [schedule.days_off_warning(off)] if off else []


# --- calendars --------------------------------------------------------------------------------------------------
@dataclass
class Calendar:
    """A day, week or month of one member's diary, or of all the user's members combined."""

    period: str
    anchor: date
    first: date
    last: date
    days: list[Day]
    weeks: list  # the month grid (month view only)
    previous: date
    following: date
    pack_week: date  # the week the week-ahead pack link is for


def calendar(user, period: str, anchor: date, members) -> Calendar:
    first, last = calendars.period_bounds(period, anchor)
    days = calendar_days(user, members, first, last, briefings=period != "month")  # the month shows no briefings
    previous, following = calendars.previous_and_following(period, anchor)
    return Calendar(
        period=period,
        anchor=anchor,
        first=first,
        last=last,
        days=days,
        weeks=calendars.month_weeks(days) if period == "month" else [],
        previous=previous,
        following=following,
        # The pack is for the week on screen; from a day or month, the week an officer means by "the week".
        pack_week=first if period == "week" else calendars.default_week_start(anchor),
    )


def calendar_days(user, members, first: date, last: date, *, include_cancelled=True, briefings=True) -> list[Day]:
    """Days from first to last with the visible engagements of `members` on each (multi-day ones on every day),
    clashes marked, and (`briefings`) where each one's briefing pack has got to."""
    engagements = mask(user, _engagements_in(engagements_for(user), members, first, last, include_cancelled))
    if briefings:
        show_briefings(user, engagements)
    calendars.mark_clashes(engagements, buffer_minutes=DiarySettings.current().travel_buffer_minutes)
    return calendars.spread(engagements, first, last)


def member_days(members, first: date, last: date, *, include_cancelled=False) -> list[Day]:
    """For scheduled jobs with no signed-in user (the weekly email to the member and their officers): every
    engagement of the members, none masked. Callers decide how to show private items."""
    engagements = _engagements_in(_with_related(Engagement.objects.all()), members, first, last, include_cancelled)
    for engagement in engagements:
        engagement.masked = False
    return calendars.spread(engagements, first, last)


def _engagements_in(qs, members, first, last, include_cancelled) -> list[Engagement]:
    qs = (
        qs.filter(members__in=[m.pk for m in members])
        .between(local_midnight(first), local_midnight(last + timedelta(days=1)))
        .distinct()
    )
    if not include_cancelled:
        qs = qs.active()
    return list(qs)


def forward_look(user, members, *, start: date | None = None):
    """The next N weeks (configurable, 8 by default) of engagements, for the forward look list:
    (queryset, first day, last day)."""
    start = start or timezone.localdate()
    end = start + timedelta(weeks=DiarySettings.current().forward_look_weeks)
    qs = (
        engagements_for(user)
        .filter(members__in=[m.pk for m in members])
        .between(local_midnight(start), local_midnight(end))
        .distinct()
    )
    return qs, start, end - timedelta(days=1)


# --- invitations and feeds --------------------------------------------------------------------------------------
def invitations_for(user):
    return Invitation.objects.visible_to(user).select_related("member", "delegated_to", "engagement")


def invitations_for_fetch():
    return Invitation.objects.select_related("member", "delegated_to", "engagement", "decided_by")


def active_feed_token(member) -> FeedToken | None:
    return member.feed_tokens.filter(revoked_at__isnull=True).first()


def active_feed_tokens(member):
    """The member's working feed addresses (the fetch applies `visible_to`)."""
    return FeedToken.objects.filter(member=member, revoked_at__isnull=True)


def live_feed_token(token: str) -> FeedToken | None:
    """The feed address's token, if it is live (None for an unknown or revoked one)."""
    return FeedToken.objects.select_related("member", "created_by").filter(token=token, revoked_at__isnull=True).first()


def feed_rows(feed: FeedToken):
    """What a feed shows: a series is one entry whatever the window (its rule covers every occurrence), and is in
    it if any of its occurrences is; cancelled one-offs are kept only if they were sent."""
    since = timezone.now() - timedelta(days=90)
    mine = Engagement.objects.filter(members=feed.member)
    one_offs = Q(series__isnull=True, ends_at__gte=since) & (
        ~Q(status=EngagementStatus.CANCELLED) | Q(notices_sent=True)
    )
    # the series as a list, not a subquery: with a subquery in the OR, PostgreSQL read every engagement (13 ms at
    # 30,000); with the few ids, an index on each side
    in_window = set(mine.filter(series__isnull=False, ends_at__gte=since).values_list("series_id", flat=True))
    return mine.filter(one_offs | Q(series_id__in=sorted(in_window))).order_by("starts_at", "pk")


def feed_fingerprint(feed: FeedToken, rows) -> str:
    """A digest of everything the feed's file (`rows`: feed_rows) is made from, read as plain values (no records built):
    every column of every engagement and series in it, their members and those members' diary preferences (what
    is private to whom), who made the address and what they may read today, the name and the day. The same digest
    is the same file, so the file is kept under it; any change is a new digest, so the file is never out of date."""
    columns = [f.attname for f in Engagement._meta.concrete_fields]
    engagements = list(rows.values_list(*columns))
    links = list(
        Engagement.members.through.objects.filter(engagement_id__in=[row[0] for row in engagements])
        .order_by("engagement_id", "member_id")
        .values_list("engagement_id", "member_id")
    )
    preferences = list(
        DiaryPreference.objects.filter(member_id__in={member_id for _, member_id in links})
        .order_by("member_id")
        .values_list("member_id", "officers_see_private_titles")
    )
    series = list(
        RecurringSeries.objects.filter(pk__in={row[columns.index("series_id")] for row in engagements} - {None})
        .order_by("pk")
        .values_list(*[f.attname for f in RecurringSeries._meta.concrete_fields])
    )
    creator = feed.created_by
    reader = DiaryReader.of(creator) if creator is not None and creator.is_active else None
    parts = [feed.pk, feed.member.name, timezone.localdate(), reader, engagements, links, preferences, series]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def feed_engagements(rows):
    """The feed's rows as (one-off engagements, [(series, its occurrences)]), with their members."""
    rows = _with_related(rows)
    engagements, grouped = [], {}
    for row in rows:
        if row.series_id is None:
            engagements.append(row)
        else:
            grouped.setdefault(row.series_id, []).append(row)
    series = [(found[0].series, sorted(found, key=lambda o: (o.occurrence_date, o.pk))) for found in grouped.values()]
    return engagements, series


# --- the home page ----------------------------------------------------------------------------------------------
def invitations_to_decide(user):
    """Invitations waiting for a decision that this user may take (those to the members whose diaries they keep)."""
    f = policy.facts(user)
    qs = Invitation.objects.visible_to(user).filter(status=InvitationStatus.RECEIVED)
    if f.everything:
        return qs
    return qs.filter(member__in=f.member_ids) if policy.keeps_some_diary(f) else qs.none()


def home_work(user) -> list[WorkItem]:
    """The user's diary to-do for the home page: invitations awaiting their decision, when there are any."""
    if not policy.allows(user, "invitation.record"):
        return []
    count = invitations_to_decide(user).count()
    url = reverse("diary:invitations") + "?status=received"
    return [WorkItem("Invitations awaiting a decision", count, url)] if count else []


def engagements_with_readable_history(user):
    """The engagements whose History (audit trail) the user may read: those they may see, less the private ones
    they see only as "Busy" (whose changes would show the title)."""
    return Engagement.objects.visible_to(user).exclude(policy.hidden_details_q(user))
