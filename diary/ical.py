"""iCalendar (RFC 5545) for engagements: invitations and cancellations that update the recipient's Outlook
entry (same UID, higher SEQUENCE), and the subscription feed (private items as busy where the policy says so).

A recurring series is one entry: a master VEVENT with the series' UID, an RRULE and EXDATE for the dates with no
live occurrence (cancelled, or left out when the series was made), in Europe/London local time (TZID) so a 10:00
surgery stays at 10:00 across the clock changes. An occurrence changed on its own is a VEVENT with the same UID
and its RECURRENCE-ID; cancelling one is METHOD:CANCEL with its RECURRENCE-ID. The series' SEQUENCE is raised on
every notice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from diary.models import LONDON, Engagement, EngagementStatus, Frequency, RecurringSeries
from diary.schedule import occurrence_dates

PRODID = "-//Eastbridge Mayor's Office//Diary//EN"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


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


def _details(event: Event, engagement: Engagement, *, masked: bool, cancel: bool = False) -> None:
    """What the entry says (title, place, notes, status): only "Busy" when masked."""
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
            description.append("Briefing needed")
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


def _times(event: Event, engagement: Engagement) -> None:
    if engagement.all_day:
        event.add("dtstart", engagement.local_start.date())
        event.add("dtend", engagement.last_day + timedelta(days=1))
    else:
        event.add("dtstart", engagement.local_start)
        event.add("dtend", engagement.local_end)


def _event(engagement: Engagement, *, masked: bool, cancel: bool = False) -> Event:
    """A one-off engagement, or (with its series' UID and its RECURRENCE-ID) one occurrence of a series."""
    event = Event()
    series = engagement.series if engagement.series_id else None
    event.add("uid", series.uid if series else engagement.uid)
    event.add("sequence", series.sequence if series else engagement.sequence)
    event.add("dtstamp", timezone.now())
    if series:
        event.add("recurrence-id", engagement.recurrence_id)
    _times(event, engagement)
    _details(event, engagement, masked=masked, cancel=cancel)
    return event


# --- a series as one entry --------------------------------------------------------------------------------------
def rrule_of(series: RecurringSeries) -> vRecur:
    """The series' rule as RFC 5545 has it. UNTIL is the last date's local start in UTC (a TZID start needs UTC)."""
    rule = {"FREQ": "WEEKLY"}
    if series.frequency == Frequency.FORTNIGHTLY:
        rule["INTERVAL"] = 2
    elif series.frequency == Frequency.MONTHLY_DATE:
        rule = {"FREQ": "MONTHLY", "BYMONTHDAY": series.first_date.day}
    elif series.frequency == Frequency.MONTHLY_WEEKDAY:
        nth = (series.first_date.day - 1) // 7 + 1
        rule = {"FREQ": "MONTHLY", "BYDAY": f"{nth if nth < 5 else -1}{WEEKDAYS[series.first_date.weekday()]}"}
    last = series.local_start_on(series.until)
    rule["UNTIL"] = last.astimezone(UTC) if isinstance(last, datetime) else last
    return vRecur(rule)


def series_template(occurrences: list[Engagement]) -> Engagement:
    """The occurrence the series entry's details come from: the first not changed on its own and not cancelled
    (else the first not changed on its own, else the first)."""
    plain = [o for o in occurrences if not o.series_override]
    live = [o for o in plain if o.status != EngagementStatus.CANCELLED]
    return (live or plain or occurrences)[0]


def skipped_dates(series: RecurringSeries, occurrences: list[Engagement]) -> list[date]:
    """The dates the rule gives that have no live occurrence: cancelled ones, and those left out when it was made."""
    live = {o.occurrence_date for o in occurrences if o.status != EngagementStatus.CANCELLED}
    return [day for day in occurrence_dates(series.frequency, series.first_date, series.until) if day not in live]


def _master(series: RecurringSeries, occurrences: list[Engagement], *, masked: bool, cancel: bool = False) -> Event:
    template = series_template(occurrences)
    event = Event()
    event.add("uid", series.uid)
    event.add("sequence", series.sequence)
    event.add("dtstamp", timezone.now())
    start = series.local_start_on(series.first_date)
    if isinstance(start, datetime):
        event.add("dtstart", start)
        end = datetime.combine(series.first_date + timedelta(days=series.duration_days), series.local_end)
        event.add("dtend", end.replace(tzinfo=LONDON))
    else:
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=series.duration_days + 1))
    event.add("rrule", rrule_of(series))
    skipped = skipped_dates(series, occurrences)
    if skipped:
        event.add("exdate", [series.local_start_on(day) for day in skipped])
    every_one_cancelled = all(o.status == EngagementStatus.CANCELLED for o in occurrences)
    _details(event, template, masked=masked, cancel=cancel or every_one_cancelled)
    return event


def series_events(series: RecurringSeries, occurrences: list[Engagement], *, masked) -> list[Event]:
    """The series as a calendar holds it: the master, and each live occurrence changed on its own.
    `masked(engagement) -> bool`: shown only as "Busy"."""
    template = series_template(occurrences)
    events = [_master(series, occurrences, masked=masked(template))]
    for occurrence in occurrences:
        if occurrence.series_override and occurrence.status != EngagementStatus.CANCELLED:
            events.append(_event(occurrence, masked=masked(occurrence)))
    return events


# --- files ------------------------------------------------------------------------------------------------------
def _finish(cal: Calendar) -> str:
    # A VTIMEZONE covering a few years either side of now keeps the file small and still exact.
    today = timezone.localdate()
    cal.add_missing_timezones(first_date=date(today.year - 2, 1, 1), last_date=date(today.year + 5, 1, 1))
    return cal.to_ical().decode("utf-8")


def _invitation_file(events: list[Event], *, recipients: Iterable[str], cancel: bool) -> str:
    cal = _calendar("CANCEL" if cancel else "REQUEST")
    for event in events:
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


def notice_ics(engagement: Engagement, *, recipients: Iterable[str], cancel: bool = False) -> str:
    """A METHOD:REQUEST (or METHOD:CANCEL) calendar for one engagement (or one occurrence of a series, with its
    RECURRENCE-ID), for an email attachment."""
    return _invitation_file([_event(engagement, masked=False, cancel=cancel)], recipients=recipients, cancel=cancel)


def series_notice_ics(
    series: RecurringSeries,
    occurrences: list[Engagement],
    *,
    recipients: Iterable[str],
    cancel: bool = False,
    only: list[Engagement] | None = None,
) -> str:
    """The whole series (METHOD:REQUEST: master and changed occurrences; METHOD:CANCEL: the master, so every
    occurrence goes), or with `only` some of its occurrences by RECURRENCE-ID."""
    if only is not None:
        events = [_event(o, masked=False, cancel=cancel) for o in only]
    elif cancel:
        events = [_master(series, occurrences, masked=False, cancel=True)]
    else:
        events = series_events(series, occurrences, masked=lambda e: False)
    return _invitation_file(events, recipients=recipients, cancel=cancel)


def feed_ics(*, name: str, engagements: Iterable[Engagement], series: Iterable = (), masked=None) -> str:
    """A subscription feed: one-off engagements, and each series as one entry (`series`: (series, occurrences)
    pairs). `masked(engagement) -> bool` says which show only as "Busy" (by default every private one)."""
    masked = masked or (lambda e: e.is_private)
    cal = _calendar("PUBLISH", name=name)
    for engagement in engagements:
        cal.add_component(_event(engagement, masked=masked(engagement)))
    for one, occurrences in series:
        for event in series_events(one, occurrences, masked=masked):
            cal.add_component(event)
    return _finish(cal)


__all__ = ["LONDON", "feed_ics", "notice_ics", "rrule_of", "series_events", "series_notice_ics"]
