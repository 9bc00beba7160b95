"""iCalendar (RFC 5545) for engagements: invitations and cancellations that update the recipient's Outlook
entry (same UID, higher SEQUENCE), and the subscription feed (private items as busy)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from diary.models import LONDON, Engagement, EngagementStatus

PRODID = "-//Eastbridge Mayor's Office//Diary//EN"


def _calendar(method: str | None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/London")
    return cal


def _event(engagement: Engagement, *, masked: bool, cancel: bool = False) -> Event:
    event = Event()
    event.add("uid", engagement.uid)
    event.add("sequence", engagement.sequence)
    event.add("dtstamp", timezone.now())
    if engagement.all_day:
        event.add("dtstart", engagement.local_start.date())
        event.add("dtend", engagement.last_day + timedelta(days=1))
    else:
        event.add("dtstart", engagement.local_start)
        event.add("dtend", engagement.local_end)
    if masked:
        event.add("summary", "Busy")
        event.add("class", "PRIVATE")
        event.add("transp", "OPAQUE")
    else:
        event.add("summary", engagement.title)
        if engagement.is_private:
            event.add("class", "PRIVATE")
        place = engagement.location or engagement.online_link
        if place:
            event.add("location", place)
        if engagement.online_link:
            event.add("url", engagement.online_link)
        description = []
        if engagement.organiser:
            description.append(f"Organiser: {engagement.organiser}")
        if engagement.contact_name:
            contact = ", ".join(x for x in [engagement.contact_name, engagement.contact_phone] if x)
            description.append(f"Contact: {contact}")
        if engagement.briefing_required:
            description.append(f"Briefing: {engagement.get_briefing_status_display()}")
        if engagement.notes:
            description.append(engagement.notes)
        if description:
            event.add("description", "\n".join(description))
    if cancel or engagement.status == EngagementStatus.CANCELLED:
        event.add("status", "CANCELLED")
    elif engagement.status == EngagementStatus.PROVISIONAL:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def _finish(cal: Calendar) -> str:
    # A VTIMEZONE covering a few years either side of now keeps the file small and still exact.
    today = timezone.localdate()
    cal.add_missing_timezones(first_date=date(today.year - 2, 1, 1), last_date=date(today.year + 5, 1, 1))
    return cal.to_ical().decode("utf-8")


def notice_ics(engagement: Engagement, *, recipients: Iterable[str], cancel: bool = False) -> str:
    """A METHOD:REQUEST (or METHOD:CANCEL) calendar for one engagement, for an email attachment."""
    cal = _calendar("CANCEL" if cancel else "REQUEST")
    event = _event(engagement, masked=False, cancel=cancel)
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = vText("Mayor's Office")
    event.add("organizer", organiser)
    for address in sorted(set(recipients)):
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return _finish(cal)


def feed_ics(*, name: str, engagements: Iterable[Engagement]) -> str:
    """A subscription feed: every engagement, private ones as "Busy" with no detail."""
    cal = _calendar("PUBLISH", name=name)
    for engagement in engagements:
        cal.add_component(_event(engagement, masked=engagement.is_private))
    return _finish(cal)


__all__ = ["LONDON", "feed_ics", "notice_ics"]
