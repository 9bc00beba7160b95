"""Members' diaries: engagements (one-off or part of a recurring series), invitations, subscription feeds,
and the diary's configuration. Times are stored as aware datetimes; recurring series keep their local
(Europe/London) wall-clock times, so a 10:00 surgery stays at 10:00 across the clock changes."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from diary.guests import validate_guest_emails
from mayoral_office.access import (
    is_directorate_contact,
    is_draft_only,
    own_member_id,
    sees_everything,
    supported_member_ids,
)
from mayoral_office.links import record_url
from mayoral_office.models import Member

LONDON = ZoneInfo("Europe/London")


class DiarySettings(models.Model):
    """The diary's configuration, edited by the Head of Mayor's Office in the configuration site. One row."""

    minimum_notice_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Invitations received with fewer working days' notice than this are refused."
    )
    travel_buffer_minutes = models.PositiveSmallIntegerField(
        default=30, help_text="Engagements closer together than this (for travel) count as a conflict."
    )
    forward_look_weeks = models.PositiveSmallIntegerField(default=8, help_text="How far ahead the forward look runs.")

    class Meta:
        verbose_name = "diary settings"
        verbose_name_plural = "diary settings"

    def __str__(self):
        return "Diary settings"

    @classmethod
    def current(cls) -> DiarySettings:
        """The settings in force. Reading never writes: with no row (a flushed test database) the defaults apply,
        unsaved. The data migration 0002_seed_settings makes the one row."""
        return cls.objects.order_by("pk").first() or cls()


@dataclass(frozen=True)
class DiaryReader:
    """Whose diaries a user may read, the one rule every `visible_to` below applies (and the policy's facts)."""

    user_id: int | None
    everything: bool  # the Head of Mayor's Office: every diary
    nothing: bool  # signed out, inactive, or a directorate contact: no diary at all
    member_ids: frozenset[int]  # the members they are or support today
    read_only: bool  # interns and work experience: read only, private items as "Busy"
    own_member_id: int | None = None  # the member the user is (their own private titles are always theirs)

    @classmethod
    def of(cls, user) -> DiaryReader:
        if not user or not user.is_authenticated or not user.is_active:
            return cls(None, everything=False, nothing=True, member_ids=frozenset(), read_only=True)
        if sees_everything(user):  # no need to ask whom they support
            return cls(user.pk, everything=True, nothing=False, member_ids=frozenset(), read_only=False)
        if is_directorate_contact(user):
            return cls(user.pk, everything=False, nothing=True, member_ids=frozenset(), read_only=True)
        return cls(
            user.pk,
            everything=False,
            nothing=False,
            member_ids=frozenset(supported_member_ids(user)),
            read_only=is_draft_only(user),
            own_member_id=own_member_id(user),
        )


class EngagementKind(models.TextChoices):
    INTERNAL_MEETING = "internal_meeting", "Internal meeting"
    EXTERNAL_MEETING = "external_meeting", "External meeting"
    EVENT = "event", "Event"
    CIVIC_FUNCTION = "civic_function", "Civic function"
    WARD_SURGERY = "ward_surgery", "Ward surgery"
    SITE_VISIT = "site_visit", "Site visit"
    MEDIA = "media", "Media"
    TRAVEL = "travel", "Travel"
    PRIVATE = "private", "Private"


class EngagementStatus(models.TextChoices):
    PROVISIONAL = "provisional", "Provisional"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


# The allowed status moves, in one place. Services check them; views never compare statuses themselves.
ENGAGEMENT_TRANSITIONS: dict[str, set[str]] = {
    EngagementStatus.PROVISIONAL: {EngagementStatus.CONFIRMED, EngagementStatus.CANCELLED},
    EngagementStatus.CONFIRMED: {EngagementStatus.PROVISIONAL, EngagementStatus.CANCELLED},
    EngagementStatus.CANCELLED: set(),
}


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY_DATE = "monthly_date", "Every month on the same date"
    MONTHLY_WEEKDAY = "monthly_weekday", "Every month on the same weekday (for example the first Tuesday)"


def _new_uid() -> str:
    return f"{uuid.uuid4()}@mayors-office.eastbridge.gov.uk"


class RecurringSeries(models.Model):
    """A repeating engagement: its rule and its local wall-clock times. Occurrences are Engagement rows. In
    calendars the series is one entry (its own UID, an RRULE, EXDATE for cancelled occurrences); an occurrence
    changed on its own is sent with RECURRENCE-ID (diary/ical.py)."""

    uid = models.CharField(max_length=200, unique=True, default=_new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE, raised on every change notice.")
    notices_sent = models.BooleanField(default=False, editable=False)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    first_date = models.DateField()
    until = models.DateField()
    local_start = models.TimeField(null=True, blank=True)
    local_end = models.TimeField(null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(default=0, help_text="Extra days an occurrence spans.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "recurring series"
        constraints = [models.CheckConstraint(condition=Q(until__gte=models.F("first_date")), name="series_dates")]

    def __str__(self):
        return f"{self.get_frequency_display()} from {self.first_date:%-d %B %Y} until {self.until:%-d %B %Y}"

    def local_start_on(self, day: date) -> datetime | date:
        """An occurrence's start as due: the local wall-clock time on that day (the date for an all-day series)."""
        if self.local_start is None:
            return day
        return datetime.combine(day, self.local_start, tzinfo=LONDON)


def attach_members(engagements: list) -> None:
    """Set each engagement's members, as `engagement.members.all()` reads them (the prefetch cache Django's own
    prefetch_related fills), from two queries: the links, then the members with their diary preferences."""
    if not engagements:
        return
    links = list(
        Engagement.members.through.objects.filter(engagement_id__in=[e.pk for e in engagements]).values_list(
            "engagement_id", "member_id"
        )
    )
    members = list(
        Member.objects.select_related("diary_preference")
        .filter(pk__in={member_id for _, member_id in links})
        .order_by("office", "name", "pk")
    )
    by_pk = {member.pk: member for member in members}
    place = {member.pk: index for index, member in enumerate(members)}
    of = {}
    for engagement_id, member_id in links:
        of.setdefault(engagement_id, []).append(member_id)
    for engagement in engagements:
        ids = sorted(of.get(engagement.pk, ()), key=place.__getitem__)
        cached = Member.objects.all()
        cached._defer_next_filter = True  # as Django's related managers do: the condition is built only if used
        cached = cached.filter(pk__in=ids)  # so a further .filter() on them still means these members
        cached._result_cache = [by_pk[pk] for pk in ids]
        cached._prefetch_done = True
        prefetched = getattr(engagement, "_prefetched_objects_cache", {})
        engagement._prefetched_objects_cache = {**prefetched, "members": cached}


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Engagements of the diaries the user reads, and those they lead or attend. Private ones may still be
        shown only as "Busy" (the policy's `engagement.view_details`)."""
        reader = DiaryReader.of(user)
        if reader.everything:
            return self
        if reader.nothing:
            return self.none()
        scope = Q(members__in=reader.member_ids) | Q(lead_officer_id=reader.user_id)
        scope |= Q(attendee_officers__id=reader.user_id)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))  # no duplicates from the joins

    def active(self):
        return self.exclude(status=EngagementStatus.CANCELLED)

    def between(self, start: datetime, end: datetime):
        """Engagements overlapping [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    # --- members, loaded once for the whole list --------------------------------------------------------------------
    # prefetch_related("members") makes, for every engagement, a queryset and its own copy of each member: a week of
    # every member's diary (150 engagements) or a member's feed (500) spent a third of its time there. A list of
    # engagements reads its members in two queries whatever its length, one object a member, in the same order.
    _shared_members = False

    def with_members(self):
        """`engagement.members.all()` answered from two queries for the whole list, with the members' diary
        preferences (the policy reads them), ordered by office and name."""
        clone = self._chain()
        clone._shared_members = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._shared_members = self._shared_members
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if self._shared_members and not fetched and self._iterable_class is models.query.ModelIterable:
            attach_members(self._result_cache)


class Engagement(models.Model):
    # What the list's search reads (mayoral_office.word_search), and its search index.
    search_words = ("title", "location", "organiser")
    uid = models.CharField(max_length=200, unique=True, default=_new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE, raised on every change notice.")
    title = models.CharField(max_length=200)
    kind = models.CharField("type", max_length=30, choices=EngagementKind.choices)
    members = models.ManyToManyField(Member, related_name="engagements")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(db_index=True)
    all_day = models.BooleanField(default=False)
    location = models.CharField(max_length=250, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    organiser = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    attendee_officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="diary_attendances")
    stakeholders = models.ManyToManyField(
        "mayoral_office.Stakeholder", blank=True, related_name="engagements", verbose_name="people from the directory"
    )
    external_guests = models.TextField(blank=True, help_text="One guest a line.", validators=[validate_guest_emails])
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_engagements",
    )
    status = models.CharField(max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.CONFIRMED)
    is_private = models.BooleanField(default=False)
    # Whether the member needs a briefing pack for it. Where the pack has got to, and when it is due, are the pack's
    # own (the briefings app shows them here through the registry's badges): never copied onto the engagement.
    briefing_required = models.BooleanField(default=False)
    speech_required = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    conflict_reason = models.TextField(blank=True, help_text="Why the officer went ahead despite a conflict.")
    series = models.ForeignKey(
        RecurringSeries, null=True, blank=True, on_delete=models.CASCADE, related_name="occurrences"
    )
    occurrence_date = models.DateField(null=True, blank=True, help_text="For a series: the date this one was due.")
    series_override = models.BooleanField(
        default=False, editable=False, help_text="For a series: changed on its own (sent with RECURRENCE-ID)."
    )
    notices_sent = models.BooleanField(default=False, editable=False)
    cancelled_reason = models.CharField(max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="engagement_ends_after_start")
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%-d %B %Y %H:%M})"

    def get_absolute_url(self) -> str:
        return record_url("diary:engagement", self.pk)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(LONDON)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(LONDON)

    @property
    def last_day(self) -> date:
        """The last calendar day the engagement occupies (all-day ends are exclusive)."""
        end = self.local_end
        if self.all_day or end.time() == datetime.min.time():
            return (end - timedelta(seconds=1)).date()
        return end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EngagementStatus.CANCELLED

    @property
    def recurrence_id(self) -> datetime | None:
        """For an occurrence of a series: the local start it was due at (its iCalendar RECURRENCE-ID)."""
        if self.series_id is None or self.occurrence_date is None:
            return None
        return self.series.local_start_on(self.occurrence_date)

    def can_move_to(self, status: str) -> bool:
        """Staying as it is, or an allowed move (ENGAGEMENT_TRANSITIONS)."""
        return status == self.status or engagement_can_move(self.status, status)


def engagement_can_move(from_status: str, to_status: str) -> bool:
    return to_status in ENGAGEMENT_TRANSITIONS[from_status]


class InvitationAsk(models.TextChoices):
    ATTEND = "attend", "Attend"
    SPEAK = "speak", "Speak"
    OPEN = "open", "Open"
    HOST = "host", "Host"


class InvitationStatus(models.TextChoices):
    RECEIVED = "received", "Awaiting decision"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DELEGATED = "delegated", "Delegated"


INVITATION_TRANSITIONS: dict[str, set[str]] = {
    InvitationStatus.RECEIVED: {
        InvitationStatus.ACCEPTED,
        InvitationStatus.DECLINED,
        InvitationStatus.DELEGATED,
    },
    InvitationStatus.ACCEPTED: set(),
    InvitationStatus.DECLINED: set(),
    InvitationStatus.DELEGATED: set(),
}


def invitation_can_move(from_status: str, to_status: str) -> bool:
    return to_status in INVITATION_TRANSITIONS[from_status]


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Invitations to the members whose diaries the user reads, and those delegated to them."""
        reader = DiaryReader.of(user)
        if reader.everything:
            return self
        if reader.nothing:
            return self.none()
        return self.filter(Q(member__in=reader.member_ids) | Q(delegated_to__in=reader.member_ids))


class Invitation(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="invitations")
    organisation = models.CharField(max_length=200)
    event_name = models.CharField(max_length=200)
    event_date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    location = models.CharField(max_length=250, blank=True)
    asks = models.JSONField(default=list, help_text="What is asked: attend, speak, open, host.")
    received_on = models.DateField(default=timezone.localdate)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_address = models.TextField(blank=True)
    details = models.TextField(blank=True)
    short_notice_reason = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.RECEIVED)
    decision_reason = models.TextField(blank=True)
    delegated_to = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="delegated_invitations"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    engagement = models.OneToOneField(
        Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["event_date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="invite_times")]
        # those awaiting a decision (a few of thousands): the chase and home read only these (diary/chases.py)
        indexes = [
            models.Index(
                fields=["event_date"], condition=Q(status=InvitationStatus.RECEIVED), name="diary_invitation_to_decide"
            )
        ]

    def __str__(self):
        return f"{self.reference}: {self.event_name} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("diary:invitation", args=[self.pk])

    def get_asks_display(self) -> str:
        labels = dict(InvitationAsk.choices)
        return ", ".join(labels.get(a, a) for a in self.asks) or "Attend"

    def asks_phrase(self, *, bare: bool = False) -> str:
        """What is asked, as it reads in a letter before the event's name: "attend and speak at", "attend, speak
        at and open", "host". `bare` leaves off the "at" ("will attend, speak and open")."""
        verbs = {"attend": "attend", "speak": "speak at", "open": "open", "host": "host"}
        chosen = [verbs[a] for a in verbs if a in self.asks] or ["attend"]
        if bare:
            chosen = [verb.removesuffix(" at") for verb in chosen]
        return chosen[0] if len(chosen) == 1 else f"{', '.join(chosen[:-1])} and {chosen[-1]}"

    def decline_sentence(self) -> str:
        """The decline letter's sentence, whatever the officer typed as the reason: "I am sorry that Cllr Able is
        unable to accept your invitation because of a prior engagement." (a reason starting "because", "as" and
        so on is used as it is; an acronym keeps its capitals)."""
        lead = f"I am sorry that {self.member.name} is unable to accept your invitation"
        reason = " ".join(self.decision_reason.split()).rstrip(".!? ")
        if not reason:
            return f"{lead}."
        if not reason[1:2].isupper():
            reason = reason[0].lower() + reason[1:]
        first = reason.split()[0].lower().strip(",")
        if first in {"because", "as", "since", "due", "owing", "following"}:
            return f"{lead} {reason}."
        return f"{lead} because of {reason}."

    @property
    def is_decided(self) -> bool:
        return not INVITATION_TRANSITIONS[self.status]

    def can_move_to(self, status: str) -> bool:
        return invitation_can_move(self.status, status)


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedTokenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The feed addresses of the diaries the user reads (whether they may see the secret is the policy's)."""
        reader = DiaryReader.of(user)
        if reader.everything:
            return self
        if reader.nothing:
            return self.none()
        return self.filter(member__in=reader.member_ids)


class FeedToken(models.Model):
    """A secret, revocable address for a member's iCalendar subscription."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="feed_tokens")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Diary feed for {self.member.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DiaryPreference(models.Model):
    """A member's own choices about their diary. Changed by the member or the Head of Mayor's Office
    (`services.diary_preference_set`)."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="diary_preference")
    officers_see_private_titles = models.BooleanField(
        "Support officers see my private engagements",
        default=False,
        help_text="Off: the officers who keep your diary see your private engagements only as 'Busy'.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Diary preferences of {self.member.name}"


def shares_private_titles(member: Member) -> bool:
    """Whether the member lets the officers who keep their diary see private titles (no row: no). Reads the
    preference joined onto a prefetched member without a query."""
    try:
        return member.diary_preference.officers_see_private_titles
    except DiaryPreference.DoesNotExist:
        return False
