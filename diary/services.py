"""Every write to the diary. Keyword-only `<thing>_<verb>(*, actor, ...)` functions: each checks permission
and the rules, runs in one transaction (nothing half-saved), is attributed to the actor in the audit trail,
and queues change notices through the office outbox, which sends them after the transaction commits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from diary import selectors
from diary.ical import notice_ics
from diary.models import (
    LONDON,
    BriefingStatus,
    DiarySettings,
    Engagement,
    EngagementKind,
    EngagementStatus,
    FeedToken,
    Frequency,
    Invitation,
    InvitationAsk,
    InvitationStatus,
    RecurringSeries,
)
from mayoral_office.audit import acting_as
from mayoral_office.models import Member
from mayoral_office.outbox import queue_email as notification_queue
from mayoral_office.working_days import is_working_day, working_days_between

MAX_OCCURRENCES = 120
NOTICE_FIELDS = ("starts_at", "ends_at", "all_day", "location", "online_link")


class ConflictError(ValidationError):
    """The engagement overlaps others of the same member; saving needs a recorded reason."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        names = "; ".join(c.title for c in conflicts)
        super().__init__(f"This overlaps with {names}")


def _require_edit(actor, member_ids):
    if not selectors.may_edit_diary(actor, member_ids):
        raise PermissionDenied


def briefing_due_date(engagement_day: date, lead_days: int | None = None) -> date:
    """The working day `lead_days` working days before the engagement's day."""
    if lead_days is None:
        lead_days = DiarySettings.current().briefing_lead_working_days
    day, counted = engagement_day, 0
    while counted < lead_days:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


# --- change notices ---
def notice_recipients(engagement: Engagement) -> list[str]:
    addresses = set()
    for member in engagement.members.all():
        email = member.email or (member.user.email if member.user_id else "")
        if email:
            addresses.add(email)
    for officer in engagement.attendee_officers.all():
        addresses.add(officer.email)
    if engagement.lead_officer_id:
        addresses.add(engagement.lead_officer.email)
    addresses.update(guest_emails(engagement.external_guests))
    return sorted(a for a in addresses if a)


GUEST_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def guest_emails(text: str) -> set[str]:
    """Email addresses written in the external guests box (one guest a line, address optional)."""
    return {match.group(0).lower() for match in GUEST_EMAIL.finditer(text or "")}


def _when(engagement: Engagement) -> str:
    start, end = engagement.local_start, engagement.local_end
    if engagement.all_day:
        first, last = start.date(), engagement.last_day
        text = f"{first:%A} {first.day} {first:%B %Y}"
        return text if first == last else f"{text} to {last:%A} {last.day} {last:%B %Y}"
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to {end:%H:%M}"


def _queue_notice(engagement: Engagement, *, cancel: bool, what: str) -> None:
    recipients = notice_recipients(engagement)
    if not recipients:
        return
    ics = notice_ics(engagement, recipients=recipients, cancel=cancel)
    place = engagement.location or engagement.online_link or "No location given"
    prefix = "Cancelled" if cancel else what
    body = "\n".join(
        [
            f"{prefix}: {engagement.title}",
            "",
            f"When: {_when(engagement)}",
            f"Where: {place}",
            f"Status: {engagement.get_status_display()}",
            "",
            "The attached calendar file updates the entry in your calendar.",
            "Mayor's Office",
        ]
    )
    notification_queue(
        to=recipients,
        subject=f"{prefix}: {engagement.title} – {_when(engagement)}",
        body=body,
        attachments=[
            {
                "filename": "invite.ics",
                "content": ics,
                "mimetype": f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}",
            }
        ],
        kind="diary.change",
    )
    Engagement.objects.filter(pk=engagement.pk).update(notices_sent=True)
    engagement.notices_sent = True


# --- engagements ---
@dataclass
class EngagementData:
    """The fields of an engagement a form supplies (times are aware datetimes)."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    all_day: bool = False
    location: str = ""
    online_link: str = ""
    organiser: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    external_guests: str = ""
    lead_officer: object = None
    status: str = EngagementStatus.CONFIRMED
    is_private: bool = False
    briefing_required: bool = False
    briefing_status: str | None = None
    speech_required: bool = False
    notes: str = ""


def _check_times(starts_at, ends_at):
    if ends_at <= starts_at:
        raise ValidationError({"end_date": "The end must be after the start"})


def _check_conflicts(*, member_ids, starts_at, ends_at, exclude_pk, conflict_reason):
    conflicts = selectors.find_conflicts(
        member_ids=member_ids, starts_at=starts_at, ends_at=ends_at, exclude_pk=exclude_pk
    )
    if conflicts and not conflict_reason.strip():
        raise ConflictError(conflicts)
    return conflicts


def _apply(engagement: Engagement, data: EngagementData):
    for name, value in data.__dict__.items():
        if name == "briefing_status":
            continue
        setattr(engagement, name, value)
    if data.kind == EngagementKind.PRIVATE:
        engagement.is_private = True
    if data.briefing_required:
        engagement.briefing_due = briefing_due_date(engagement.local_start.date())
        if data.briefing_status and data.briefing_status != BriefingStatus.NOT_REQUIRED:
            engagement.briefing_status = data.briefing_status
        elif engagement.briefing_status == BriefingStatus.NOT_REQUIRED:
            engagement.briefing_status = BriefingStatus.REQUIRED
    else:
        engagement.briefing_due = None
        engagement.briefing_status = BriefingStatus.NOT_REQUIRED


@transaction.atomic
def engagement_create(
    *,
    actor,
    data: EngagementData,
    members,
    attendee_officers=(),
    conflict_reason: str = "",
    notify: bool = True,
) -> Engagement:
    members = list(members)
    if not members:
        raise ValidationError({"members": "Select at least one member"})
    _require_edit(actor, [m.pk for m in members])
    _check_times(data.starts_at, data.ends_at)
    if data.status == EngagementStatus.CANCELLED:
        raise ValidationError({"status": "A new engagement cannot be cancelled"})
    conflicts = _check_conflicts(
        member_ids=[m.pk for m in members],
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        exclude_pk=None,
        conflict_reason=conflict_reason,
    )
    with acting_as(actor):
        engagement = Engagement(created_by=actor)
        _apply(engagement, data)
        engagement.conflict_reason = _conflict_note(conflicts, conflict_reason)
        engagement.full_clean(exclude=["members", "attendee_officers"])
        engagement.save()
        engagement.members.set(members)
        engagement.attendee_officers.set(attendee_officers)
        if notify and engagement.status == EngagementStatus.CONFIRMED:
            _queue_notice(engagement, cancel=False, what="New engagement")
    return engagement


def _conflict_note(conflicts, reason: str) -> str:
    if not conflicts:
        return ""
    names = "; ".join(f"{c.title} ({timezone.localtime(c.starts_at):%-d %B %Y %H:%M})" for c in conflicts)
    return f"Overlaps {names}. Reason for going ahead: {reason.strip()}"


@transaction.atomic
def engagement_update(
    *,
    actor,
    engagement: Engagement,
    data: EngagementData,
    members,
    attendee_officers=(),
    conflict_reason: str = "",
) -> Engagement:
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    members = list(members)
    if not members:
        raise ValidationError({"members": "Select at least one member"})
    old_member_ids = list(engagement.members.values_list("pk", flat=True))
    _require_edit(actor, old_member_ids)
    _require_edit(actor, [m.pk for m in members])
    if engagement.is_cancelled:
        raise ValidationError("This engagement has been cancelled and cannot be changed")
    if data.status == EngagementStatus.CANCELLED:
        raise ValidationError({"status": "Use 'Cancel engagement' to cancel it, so the attendees are told"})
    if not engagement.can_move_to(data.status):
        raise ValidationError({"status": "That change of status is not allowed"})
    _check_times(data.starts_at, data.ends_at)
    before = {name: getattr(engagement, name) for name in NOTICE_FIELDS}
    old_status = engagement.status
    timing_changed = (data.starts_at, data.ends_at) != (engagement.starts_at, engagement.ends_at) or set(
        old_member_ids
    ) != {m.pk for m in members}
    conflicts = []
    if timing_changed:
        conflicts = _check_conflicts(
            member_ids=[m.pk for m in members],
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            exclude_pk=engagement.pk,
            conflict_reason=conflict_reason,
        )
    with acting_as(actor):
        _apply(engagement, data)
        if conflicts:
            engagement.conflict_reason = _conflict_note(conflicts, conflict_reason)
        changed = any(getattr(engagement, name) != value for name, value in before.items())
        newly_confirmed = old_status != EngagementStatus.CONFIRMED and engagement.status == EngagementStatus.CONFIRMED
        if changed or newly_confirmed:
            engagement.sequence += 1
        engagement.full_clean(exclude=["members", "attendee_officers"])
        engagement.save()
        engagement.members.set(members)
        engagement.attendee_officers.set(attendee_officers)
        if engagement.status == EngagementStatus.CONFIRMED and (changed or newly_confirmed):
            _queue_notice(engagement, cancel=False, what="Changed engagement" if changed else "Confirmed")
    return engagement


@transaction.atomic
def engagement_move(*, actor, engagement: Engagement, starts_at: datetime, ends_at: datetime, conflict_reason=""):
    """Change only the times (for example 'move by an hour'); everything else stays as it is."""
    data = engagement_data_of(engagement)
    data.starts_at, data.ends_at = starts_at, ends_at
    return engagement_update(
        actor=actor,
        engagement=engagement,
        data=data,
        members=engagement.members.all(),
        attendee_officers=engagement.attendee_officers.all(),
        conflict_reason=conflict_reason,
    )


def engagement_data_of(engagement: Engagement) -> EngagementData:
    return EngagementData(
        **{name: getattr(engagement, name) for name in EngagementData.__dataclass_fields__}  # type: ignore[attr-defined]
    )


@transaction.atomic
def engagement_cancel(*, actor, engagement: Engagement, reason: str = "") -> Engagement:
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    _require_edit(actor, list(engagement.members.values_list("pk", flat=True)))
    if not engagement.can_move_to(EngagementStatus.CANCELLED) or engagement.is_cancelled:
        raise ValidationError("This engagement is already cancelled")
    with acting_as(actor):
        engagement.status = EngagementStatus.CANCELLED
        engagement.cancelled_reason = reason.strip()[:250]
        engagement.sequence += 1
        engagement.save()
        if engagement.notices_sent:
            _queue_notice(engagement, cancel=True, what="Cancelled")
    return engagement


@transaction.atomic
def series_cancel_from(*, actor, engagement: Engagement, reason: str = "") -> int:
    """Cancel this occurrence and every later one in its series (for example when a surgery ends). Earlier
    occurrences are left alone. Returns how many were cancelled."""
    if not engagement.series_id:
        raise ValidationError("This engagement does not repeat")
    later = (
        Engagement.objects.filter(series_id=engagement.series_id, starts_at__gte=engagement.starts_at)
        .exclude(status=EngagementStatus.CANCELLED)
        .order_by("starts_at")
    )
    count = 0
    for occurrence in later:
        engagement_cancel(actor=actor, engagement=occurrence, reason=reason)
        count += 1
    if not count:
        raise ValidationError("This engagement is already cancelled")
    return count


# --- recurring series ---
def occurrence_dates(frequency: str, first: date, until: date) -> list[date]:
    if frequency == Frequency.WEEKLY:
        rule = rrule(WEEKLY, dtstart=first, until=until)
    elif frequency == Frequency.FORTNIGHTLY:
        rule = rrule(WEEKLY, interval=2, dtstart=first, until=until)
    elif frequency == Frequency.MONTHLY_DATE:
        rule = rrule(MONTHLY, dtstart=first, until=until, bymonthday=first.day)
    elif frequency == Frequency.MONTHLY_WEEKDAY:
        nth = (first.day - 1) // 7 + 1
        from dateutil.rrule import weekday

        rule = rrule(MONTHLY, dtstart=first, until=until, byweekday=weekday(first.weekday())(nth if nth < 5 else -1))
    else:
        raise ValidationError({"repeat": "Choose how often it repeats"})
    return [d.date() for d in rule]


@transaction.atomic
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
    """A repeating engagement. Each occurrence keeps the same local (Europe/London) wall-clock time, so it is
    converted to UTC on its own date: right on both sides of the clock changes."""
    members = list(members)
    if not members:
        raise ValidationError({"members": "Select at least one member"})
    _require_edit(actor, [m.pk for m in members])
    _check_times(data.starts_at, data.ends_at)
    start_local, end_local = data.starts_at.astimezone(LONDON), data.ends_at.astimezone(LONDON)
    first = start_local.date()
    if until < first:
        raise ValidationError({"repeat_until": "The last date must be on or after the first date"})
    if until > first + relativedelta(years=2):
        raise ValidationError({"repeat_until": "A series can run for up to 2 years"})
    dates = occurrence_dates(frequency, first, until)
    if len(dates) > MAX_OCCURRENCES:
        raise ValidationError({"repeat_until": f"A series can have up to {MAX_OCCURRENCES} occurrences"})
    span = end_local.date() - first
    with acting_as(actor):
        series = RecurringSeries.objects.create(
            frequency=frequency,
            first_date=first,
            until=until,
            local_start=None if data.all_day else start_local.time(),
            local_end=None if data.all_day else end_local.time(),
            duration_days=span.days,
        )
        all_conflicts = []
        for day in dates:
            if data.all_day:
                starts = datetime.combine(day, time.min, tzinfo=LONDON)
                ends = datetime.combine(day + span, time.min, tzinfo=LONDON)
            else:
                starts = datetime.combine(day, start_local.time(), tzinfo=LONDON)
                ends = datetime.combine(day + span, end_local.time(), tzinfo=LONDON)
            conflicts = selectors.find_conflicts(member_ids=[m.pk for m in members], starts_at=starts, ends_at=ends)
            all_conflicts.extend(conflicts)
            occurrence_data = EngagementData(**{**data.__dict__, "starts_at": starts, "ends_at": ends})
            engagement = Engagement(created_by=actor, series=series, occurrence_date=day)
            _apply(engagement, occurrence_data)
            engagement.conflict_reason = _conflict_note(conflicts, conflict_reason)
            engagement.full_clean(exclude=["members", "attendee_officers", "series"])
            engagement.save()
            engagement.members.set(members)
            engagement.attendee_officers.set(attendee_officers)
        if all_conflicts and not conflict_reason.strip():
            raise ConflictError(all_conflicts)
    return series


# --- invitations ---
def _next_reference() -> str:
    year = timezone.localdate().year
    count = Invitation.objects.filter(reference__startswith=f"INV-{year}-").count() + 1
    while Invitation.objects.filter(reference=f"INV-{year}-{count:04d}").exists():
        count += 1
    return f"INV-{year}-{count:04d}"


def notice_working_days(received_on: date, event_date: date) -> int:
    return working_days_between(received_on, event_date)


@transaction.atomic
def invitation_record(*, actor, member: Member, short_notice_reason: str = "", **fields) -> Invitation:
    """Record an invitation. One with less than the minimum notice is refused unless a reason is given."""
    _require_edit(actor, [member.pk])
    minimum = DiarySettings.current().minimum_notice_working_days
    received_on = fields.get("received_on") or timezone.localdate()
    event_date = fields["event_date"]
    if event_date < received_on:
        raise ValidationError({"event_date": "The event date must be on or after the date the invitation arrived"})
    notice = notice_working_days(received_on, event_date)
    if notice < minimum and not short_notice_reason.strip():
        raise ValidationError(
            {
                "event_date": f"This invitation gives {notice} working day{'s' if notice != 1 else ''} "
                "notice; "
                f"the minimum is {minimum}. Give a reason to consider it at short notice, or decline it"
            }
        )
    with acting_as(actor):
        invitation = Invitation(
            member=member,
            reference=_next_reference(),
            created_by=actor,
            short_notice_reason=short_notice_reason.strip(),
            **{**fields, "received_on": received_on},
        )
        invitation.full_clean()
        invitation.save()
    return invitation


def _decide(invitation: Invitation, actor, status: str):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_edit(actor, [invitation.member_id])
    if not invitation.can_move_to(status):
        raise ValidationError(f"This invitation has already been {invitation.get_status_display().lower()}")
    return invitation


def _invitation_engagement_data(invitation: Invitation, *, briefing_required: bool, status: str) -> EngagementData:
    starts = datetime.combine(invitation.event_date, invitation.start_time, tzinfo=LONDON)
    ends = datetime.combine(invitation.event_date, invitation.end_time, tzinfo=LONDON)
    speaking = bool({InvitationAsk.SPEAK, InvitationAsk.OPEN, InvitationAsk.HOST} & set(invitation.asks))
    return EngagementData(
        title=invitation.event_name,
        kind=EngagementKind.EVENT,
        starts_at=starts,
        ends_at=ends,
        location=invitation.location,
        organiser=invitation.organisation,
        contact_name=invitation.contact_name,
        contact_email=invitation.contact_email,
        status=status,
        briefing_required=briefing_required,
        speech_required=speaking,
        notes=f"From invitation {invitation.reference}. Asked to: {invitation.get_asks_display().lower()}.",
    )


@transaction.atomic
def invitation_accept(
    *,
    actor,
    invitation: Invitation,
    briefing_required: bool = True,
    conflict_reason: str = "",
    reason: str = "",
) -> Invitation:
    """Accept: the engagement goes into the member's diary (with a briefing requirement if asked)."""
    invitation = _decide(invitation, actor, InvitationStatus.ACCEPTED)
    with acting_as(actor):
        engagement = engagement_create(
            actor=actor,
            data=_invitation_engagement_data(
                invitation, briefing_required=briefing_required, status=EngagementStatus.CONFIRMED
            ),
            members=[invitation.member],
            conflict_reason=conflict_reason,
        )
        invitation.status = InvitationStatus.ACCEPTED
        invitation.decision_reason = reason.strip()
        invitation.engagement = engagement
        invitation.decided_at = timezone.now()
        invitation.decided_by = actor
        invitation.save()
    return invitation


@transaction.atomic
def invitation_decline(*, actor, invitation: Invitation, reason: str) -> Invitation:
    invitation = _decide(invitation, actor, InvitationStatus.DECLINED)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for declining"})
    with acting_as(actor):
        invitation.status = InvitationStatus.DECLINED
        invitation.decision_reason = reason.strip()
        invitation.decided_at = timezone.now()
        invitation.decided_by = actor
        invitation.save()
    return invitation


@transaction.atomic
def invitation_delegate(
    *,
    actor,
    invitation: Invitation,
    delegate: Member,
    reason: str = "",
    briefing_required=True,
    conflict_reason="",
) -> Invitation:
    """Delegate to a Deputy Mayor or Cabinet Member: a provisional engagement goes into their diary."""
    invitation = _decide(invitation, actor, InvitationStatus.DELEGATED)
    if delegate.pk == invitation.member_id:
        raise ValidationError({"delegate": "Choose a different member to delegate to"})
    if delegate.office == Member.Office.MAYOR:
        raise ValidationError({"delegate": "Delegate to a Deputy Mayor or a Cabinet Member"})
    # The delegate's diary may be kept by another officer: the engagement goes in as provisional for them to
    # confirm, which is why the acting officer needs rights over the inviting member's diary only.
    with acting_as(actor):
        data = _invitation_engagement_data(
            invitation, briefing_required=briefing_required, status=EngagementStatus.PROVISIONAL
        )
        engagement = Engagement(created_by=actor)
        _check_conflicts(
            member_ids=[delegate.pk],
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            exclude_pk=None,
            conflict_reason=conflict_reason,
        )
        _apply(engagement, data)
        engagement.notes += f" Delegated by {invitation.member.name}."
        engagement.save()
        engagement.members.set([delegate])
        invitation.status = InvitationStatus.DELEGATED
        invitation.delegated_to = delegate
        invitation.decision_reason = reason.strip()
        invitation.engagement = engagement
        invitation.decided_at = timezone.now()
        invitation.decided_by = actor
        invitation.save()
        _tell_delegate(invitation, engagement)
    return invitation


def _tell_delegate(invitation: Invitation, engagement: Engagement) -> None:
    """The delegate and the officers who keep their diary learn that a provisional engagement is waiting."""
    from mayoral_office.models import SupportAssignment

    delegate = invitation.delegated_to
    officers = SupportAssignment.objects.current().filter(member=delegate).select_related("officer")
    recipients = {a.officer.email for a in officers if a.officer.is_active}
    recipients.add(delegate.email)
    recipients.discard("")
    if not recipients:
        return
    notification_queue(
        to=sorted(recipients),
        subject=f"Delegated to {delegate.name}: {invitation.event_name}, {_when(engagement)}",
        body="\n".join(
            [
                f"{invitation.member.name} has delegated an invitation to {delegate.name}.",
                "",
                f"Event: {invitation.event_name} ({invitation.organisation})",
                f"When: {_when(engagement)}",
                f"Where: {invitation.location or 'Not given'}",
                f"Asked to: {invitation.get_asks_display().lower()}",
                f"Reason: {invitation.decision_reason or 'Not given'}",
                "",
                "It is in the diary as provisional. Confirm it (or decline) in the diary, which sends the",
                "calendar invitation.",
                "Mayor's Office",
            ]
        ),
        kind="diary.delegated",
    )


# --- subscription feeds ---
@transaction.atomic
def feed_token_create(*, actor, member: Member) -> FeedToken:
    """A new secret feed address for the member; any earlier address stops working."""
    _require_edit(actor, [member.pk])
    with acting_as(actor):
        for old in FeedToken.objects.filter(member=member, revoked_at__isnull=True):
            old.revoked_at = timezone.now()
            old.save(update_fields=["revoked_at"])
        return FeedToken.objects.create(member=member, created_by=actor)


@transaction.atomic
def feed_token_revoke(*, actor, token: FeedToken) -> FeedToken:
    _require_edit(actor, [token.member_id])
    with acting_as(actor):
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


# --- the weekly week-ahead email ---
def _week_ahead_text(member: Member, days) -> str:
    lines = [f"Week ahead for {member.name}, {member.title}", ""]
    for day in days:
        lines.append(f"{day.date:%A} {day.date.day} {day.date:%B %Y}")
        if not day.engagements:
            lines.append("  Nothing in the diary.")
        for e in day.engagements:
            when = "All day" if e.all_day else f"{e.local_start:%H:%M}-{e.local_end:%H:%M}"
            if e.is_private:
                lines.append(f"  {when}  Private engagement (details in the diary)")
                continue
            extra = f", {e.location}" if e.location else ""
            status = " (provisional)" if e.status == EngagementStatus.PROVISIONAL else ""
            lines.append(f"  {when}  {e.title}{status}{extra}")
            if e.briefing_required:
                due = f", due {e.briefing_due.day} {e.briefing_due:%B}" if e.briefing_due else ""
                lines.append(f"         Briefing: {e.get_briefing_status_display().lower()}{due}")
        lines.append("")
    lines.append("The printable week-ahead pack is on the member's calendar in the diary.")
    return "\n".join(lines)


@transaction.atomic
def week_ahead_send(*, actor=None, week_start: date) -> int:
    """Email each member and the officers who support them the coming week, once per member and week (a
    second run sends nothing). Returns how many emails were queued."""
    from mayoral_office.models import Notification, SupportAssignment

    monday = week_start - timedelta(days=week_start.weekday())
    sent = 0
    for member in Member.objects.current().select_related("user"):
        kind = f"diary.week-ahead:{member.pk}:{monday.isoformat()}"
        if Notification.objects.filter(kind=kind).exists():
            continue
        officers = SupportAssignment.objects.current().filter(member=member, officer__is_active=True)
        recipients = {a.officer.email for a in officers.select_related("officer")}
        recipients.add(member.email or (member.user.email if member.user_id else ""))
        recipients.discard("")
        if not recipients:
            continue
        days = selectors.member_days([member], monday, monday + timedelta(days=6))
        with acting_as(actor):
            notification_queue(
                to=sorted(recipients),
                subject=f"Week ahead: {member.name}, week of {monday.day} {monday:%B %Y}",
                body=_week_ahead_text(member, days),
                kind=kind,
            )
        sent += 1
    return sent
