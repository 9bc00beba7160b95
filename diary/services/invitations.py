"""Invitations: recording one (with the minimum-notice check), and accepting, declining or delegating it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.utils import timezone

from diary import policy
from diary.data import apply_data, invitation_engagement_data
from diary.models import DiarySettings, Engagement, EngagementStatus, Invitation, InvitationStatus
from diary.notices import delegate_notice
from diary.schedule import notice_working_days
from diary.services._base import check_conflicts, claim_invitation, raise_first, require_keeps, save_engagement
from diary.services.engagements import engagement_create
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.models import Member, SupportAssignment
from mayoral_office.outbox import queue_email


def _next_reference() -> str:
    year = timezone.localdate().year
    count = Invitation.objects.filter(reference__startswith=f"INV-{year}-").count() + 1
    while Invitation.objects.filter(reference=f"INV-{year}-{count:04d}").exists():
        count += 1
    return f"INV-{year}-{count:04d}"


SUFFIX = "'s,s'"  # "1 working day's notice", "3 working days' notice"


def _check_notice(received_on, event_date, short_notice_reason: str) -> None:
    if event_date < received_on:
        raise ServiceError("The event date must be on or after the date the invitation arrived", field="event_date")
    minimum = DiarySettings.current().minimum_notice_working_days
    notice = notice_working_days(received_on, event_date)
    if notice < minimum and not short_notice_reason.strip():
        raise ServiceError(
            f"This invitation gives {notice} working day{pluralize(notice, SUFFIX)} notice; the minimum is "
            f"{minimum}. Give a reason to consider it at short notice, or decline it",
            field="event_date",
        )


@service
def invitation_record(*, actor, member: Member, short_notice_reason: str = "", **fields) -> Invitation:
    """Record an invitation. One with less than the minimum notice is refused unless a reason is given."""
    policy.require(actor, "invitation.record")
    require_keeps(actor, [member], "You can only record invitations for the members whose diaries you keep")
    received_on = fields.pop("received_on", None) or timezone.localdate()
    _check_notice(received_on, fields["event_date"], short_notice_reason)
    invitation = Invitation(
        member=member,
        reference=_next_reference(),
        created_by=actor,
        short_notice_reason=short_notice_reason.strip(),
        received_on=received_on,
        **fields,
    )
    try:
        invitation.full_clean()
    except ValidationError as exc:
        raise_first(exc)
    invitation.save()
    return invitation


def _decided(invitation: Invitation, actor, status: str, reason: str) -> None:
    invitation.status = status
    invitation.decision_reason = reason.strip()
    invitation.decided_at = timezone.now()
    invitation.decided_by = actor


@service
def invitation_accept(
    *,
    actor,
    invitation: Invitation,
    briefing_required: bool = True,
    conflict_reason: str = "",
    reason: str = "",
) -> Invitation:
    """Accept: the engagement goes into the member's diary (with a briefing requirement if asked)."""
    invitation = claim_invitation(actor, "invitation.accept", invitation)
    data = invitation_engagement_data(
        invitation, briefing_required=briefing_required, status=EngagementStatus.CONFIRMED
    )
    engagement = engagement_create(actor=actor, data=data, members=[invitation.member], conflict_reason=conflict_reason)
    _decided(invitation, actor, InvitationStatus.ACCEPTED, reason)
    invitation.engagement = engagement
    invitation.save()
    return invitation


@service
def invitation_decline(*, actor, invitation: Invitation, reason: str) -> Invitation:
    """Decline, with the reason the reply letter gives."""
    invitation = claim_invitation(actor, "invitation.decline", invitation)
    if not reason.strip():
        raise ServiceError("Give the reason for declining", field="reason")
    _decided(invitation, actor, InvitationStatus.DECLINED, reason)
    invitation.save()
    return invitation


@service
def invitation_delegate(
    *,
    actor,
    invitation: Invitation,
    delegate: Member,
    reason: str = "",
    briefing_required: bool = True,
    conflict_reason: str = "",
) -> Invitation:
    """Delegate to a Deputy Mayor or Cabinet Member: a provisional engagement goes into their diary.

    The delegate's diary may be kept by another officer: the engagement goes in as provisional for them to
    confirm, which is why the acting officer needs rights over the inviting member's diary only."""
    invitation = claim_invitation(actor, "invitation.delegate", invitation)
    if delegate.pk == invitation.member_id:
        raise ServiceError("Choose a different member to delegate to", field="delegate")
    if delegate.office == Member.Office.MAYOR:
        raise ServiceError("Delegate to a Deputy Mayor or a Cabinet Member", field="delegate")
    data = invitation_engagement_data(
        invitation, briefing_required=briefing_required, status=EngagementStatus.PROVISIONAL
    )
    check_conflicts(
        member_ids=[delegate.pk], starts_at=data.starts_at, ends_at=data.ends_at, conflict_reason=conflict_reason
    )
    engagement = Engagement(created_by=actor)
    apply_data(engagement, data)
    engagement.notes += f" Delegated by {invitation.member.name}."
    save_engagement(engagement, members=[delegate])
    _decided(invitation, actor, InvitationStatus.DELEGATED, reason)
    invitation.delegated_to = delegate
    invitation.engagement = engagement
    invitation.save()
    _tell_delegate(invitation, engagement)
    return invitation


def _tell_delegate(invitation: Invitation, engagement: Engagement) -> None:
    """The delegate and the officers who keep their diary learn that a provisional engagement is waiting."""
    delegate = invitation.delegated_to
    officers = SupportAssignment.objects.current().filter(member=delegate).select_related("officer")
    recipients = {a.officer.email for a in officers if a.officer.is_active} | {delegate.email}
    recipients.discard("")
    if recipients:
        queue_email(**delegate_notice(invitation, engagement, recipients=sorted(recipients)))
