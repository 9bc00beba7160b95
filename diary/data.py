"""What an engagement is made of, as the forms and the invitations supply it, and how it is copied onto an
engagement row. No writes: the services save."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from diary.models import (
    LONDON,
    Engagement,
    EngagementKind,
    EngagementStatus,
    Invitation,
    InvitationAsk,
)


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
    speech_required: bool = False
    notes: str = ""

    def at(self, starts_at: datetime, ends_at: datetime) -> EngagementData:
        """The same engagement at other times (an occurrence of a series, a move)."""
        return replace(self, starts_at=starts_at, ends_at=ends_at)


def engagement_data_of(engagement: Engagement) -> EngagementData:
    """An engagement's current fields, to change some and save it again."""
    return EngagementData(**{f.name: getattr(engagement, f.name) for f in fields(EngagementData)})


def apply_data(engagement: Engagement, data: EngagementData) -> None:
    """Copy the fields onto the (unsaved) engagement: a private type is always private. (Where a briefing has got
    to and when it is due belong to its pack, not to the engagement.)"""
    for f in fields(EngagementData):
        setattr(engagement, f.name, getattr(data, f.name))
    if data.kind == EngagementKind.PRIVATE:
        engagement.is_private = True


def invitation_engagement_data(invitation: Invitation, *, briefing_required: bool, status: str) -> EngagementData:
    """The engagement an accepted (or delegated) invitation puts in the diary."""
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
