"""What the diary services share: claiming a record for a change (the policy before and after the row lock),
the checks every engagement goes through, and the change notices. Internal to the services package: views never
call these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from diary import policy, selectors
from diary.models import Engagement, EngagementStatus, Invitation, RecurringSeries
from diary.notices import change_notice, notice_recipients, series_notice
from mayoral_office.errors import NeedsConfirmation, PermissionDenied, ServiceError
from mayoral_office.outbox import queue_email

# A change to any of these is sent to everyone who has the engagement in their calendar.
NOTICE_FIELDS = ("starts_at", "ends_at", "all_day", "location", "online_link")


def claim(actor, action: str, engagement: Engagement) -> Engagement:
    """The engagement locked for this change, after checking who may (before the lock: a stranger learns nothing)
    and then its state as it is now, not as the officer's page showed it."""
    policy.engagement_policy.require_permission(actor, action, engagement)
    fresh = Engagement.objects.select_for_update(of=("self",)).select_related("lead_officer").get(pk=engagement.pk)
    policy.engagement_policy.require_state(action, fresh)
    return fresh


def claim_invitation(actor, action: str, invitation: Invitation) -> Invitation:
    policy.invitation_policy.require_permission(actor, action, invitation)
    fresh = Invitation.objects.select_for_update().select_related("member").get(pk=invitation.pk)
    policy.invitation_policy.require_state(action, fresh)
    return fresh


def require_keeps(actor, members, message: str) -> None:
    """The actor keeps the diary of every one of these members."""
    if not policy.keeps_diaries_of(actor, members):
        raise PermissionDenied(message)


def members_given(members) -> list:
    members = list(members)
    if not members:
        raise ServiceError("Select at least one member", field="members")
    return members


def check_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise ServiceError("The end must be after the start", field="end_date")


def overlaps(conflicts) -> str:
    return f"This overlaps with {'; '.join(c.title for c in conflicts)}"


def check_conflicts(*, member_ids, starts_at, ends_at, exclude_pk=None, conflict_reason: str) -> list[Engagement]:
    """The member's other engagements at that time (allowing for travel). Going ahead needs a reason: without one,
    NeedsConfirmation, with the clashing engagements as its items."""
    conflicts = selectors.find_conflicts(
        member_ids=member_ids, starts_at=starts_at, ends_at=ends_at, exclude_pk=exclude_pk
    )
    if conflicts and not conflict_reason.strip():
        raise NeedsConfirmation([overlaps(conflicts)], field="conflict_reason", items=conflicts)
    return conflicts


def conflict_note(conflicts, reason: str) -> str:
    """What is recorded on an engagement saved despite a clash."""
    if not conflicts:
        return ""
    names = "; ".join(f"{c.title} ({timezone.localtime(c.starts_at):%-d %B %Y %H:%M})" for c in conflicts)
    return f"Overlaps {names}. Reason for going ahead: {reason.strip()}"


def save_engagement(
    engagement: Engagement, *, members, attendee_officers=(), stakeholders=None, exclude=()
) -> Engagement:
    """Check the row against the model's own rules (lengths, web addresses) and save it with its people (the people
    from the stakeholder directory left as they are when not given)."""
    try:
        engagement.full_clean(exclude=["members", "attendee_officers", "stakeholders", *exclude])
    except ValidationError as exc:
        raise_first(exc)
    engagement.save()
    engagement.members.set(members)
    engagement.attendee_officers.set(attendee_officers)
    if stakeholders is not None:
        engagement.stakeholders.set(stakeholders)
    return engagement


def raise_first(exc: ValidationError):
    """A model validation error as the core's ServiceError, on its field."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        raise ServiceError(errors[0].messages[0], field=None if field == "__all__" else field) from exc
    raise ServiceError(exc.messages[0]) from exc


def queue_notice(engagement: Engagement, *, cancel: bool, what: str) -> None:
    """Email the engagement's people a calendar file that adds, updates or removes it, and remember that it was
    sent (so a cancellation is sent too, and the feed keeps the cancelled entry)."""
    if engagement.series_id is not None:
        queue_series_notice(engagement.series, only=[engagement], cancel=cancel, what=what)
        return
    recipients = notice_recipients(engagement)
    if not recipients:
        return
    queue_email(**change_notice(engagement, recipients=recipients, cancel=cancel, what=what))
    if not engagement.notices_sent:
        engagement.notices_sent = True
        engagement.save(update_fields=["notices_sent"])


def queue_series_notice(series: RecurringSeries, *, only=None, cancel: bool = False, what: str) -> None:
    """One email for a series: the whole series (`only` None), or some of its occurrences by RECURRENCE-ID, with
    the series' SEQUENCE raised. A series never sent goes out whole the first time one of its occurrences is
    confirmed (nothing is sent for a cancellation of what was never sent)."""
    series = RecurringSeries.objects.select_for_update().get(pk=series.pk)
    occurrences = list(
        series.occurrences.select_related("lead_officer", "series")
        .prefetch_related("members", "attendee_officers")
        .order_by("occurrence_date", "pk")
    )
    for occurrence in occurrences:
        occurrence.series = series  # the locked row, with the SEQUENCE raised below
    by_pk = {o.pk: o for o in occurrences}
    only = [by_pk[o.pk] for o in only] if only is not None else None
    if not series.notices_sent:
        confirmed = [o for o in occurrences if o.status == EngagementStatus.CONFIRMED]
        if cancel or not confirmed:
            return
        only, what = None, "New engagement series"
    else:
        series.sequence += 1
    recipients = sorted({a for o in (only or occurrences) for a in notice_recipients(o)})
    if not recipients:
        return
    series.notices_sent = True
    series.save(update_fields=["sequence", "notices_sent"])
    queue_email(**series_notice(series, occurrences, recipients=recipients, cancel=cancel, what=what, only=only))
    for occurrence in occurrences:  # so a later cancellation of one of them is sent too
        if not occurrence.notices_sent:
            occurrence.notices_sent = True
            occurrence.save(update_fields=["notices_sent"])
