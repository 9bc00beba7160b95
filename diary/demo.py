"""Demo diaries: eight weeks of realistic engagements for every member, a weekly ward surgery with one
cancelled occurrence, a monthly meeting, a few invitations and one recorded conflict. Idempotent: it does
nothing if the diary already has engagements. Runs through the services, as the Head of Mayor's Office."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from diary import services
from diary.data import EngagementData
from diary.models import (
    LONDON,
    Engagement,
    EngagementKind,
    EngagementStatus,
    Frequency,
)
from mayoral_office.models import Member, User

SLOTS = [time(9, 30), time(11, 0), time(14, 0), time(16, 0)]

# (title, kind, location, organiser, contact, briefing, speech)
COMMON = [
    (
        "Portfolio briefing with the Corporate Director",
        EngagementKind.INTERNAL_MEETING,
        "Town Hall, Room 4.12",
        "Eastbridge Council",
        "Directorate business manager",
        True,
        False,
    ),
    (
        "Cabinet pre-meet",
        EngagementKind.INTERNAL_MEETING,
        "Town Hall, Mayor's Parlour",
        "Mayor's Office",
        "",
        True,
        False,
    ),
    (
        "Meeting with residents' association",
        EngagementKind.EXTERNAL_MEETING,
        "Lansbury Community Centre",
        "Lansbury Residents' Association",
        "Maureen Hicks",
        True,
        False,
    ),
    (
        "Site visit: new council homes",
        EngagementKind.SITE_VISIT,
        "Blackwall Reach development, E14",
        "Housing and Regeneration",
        "Site manager",
        True,
        False,
    ),
    (
        "Interview with the Eastbridge Advertiser",
        EngagementKind.MEDIA,
        "Online",
        "Communications team",
        "Press office",
        True,
        False,
    ),
    (
        "Visit to a primary school",
        EngagementKind.SITE_VISIT,
        "Bow Common Primary School",
        "Head teacher",
        "School business manager",
        True,
        True,
    ),
    (
        "One-to-one with the Head of Mayor's Office",
        EngagementKind.INTERNAL_MEETING,
        "Town Hall, Room 4.01",
        "Mayor's Office",
        "",
        False,
        False,
    ),
    (
        "Community iftar",
        EngagementKind.EVENT,
        "East London Mosque",
        "Community partnership",
        "Events team",
        True,
        True,
    ),
    ("Travel to City Hall", EngagementKind.TRAVEL, "", "", "", False, False),
    (
        "Partnership board",
        EngagementKind.EXTERNAL_MEETING,
        "Royal London Hospital, Board Room",
        "Health and Wellbeing Partnership",
        "Board secretary",
        True,
        False,
    ),
]
MAYOR_ONLY = [
    (
        "Citizenship ceremony",
        EngagementKind.CIVIC_FUNCTION,
        "Town Hall, Council Chamber",
        "Registration service",
        "Superintendent registrar",
        True,
        True,
    ),
    (
        "London Councils leaders' committee",
        EngagementKind.EXTERNAL_MEETING,
        "59½ Southwark Street, SE1",
        "London Councils",
        "Committee clerk",
        True,
        False,
    ),
    (
        "Mayor's question time (residents)",
        EngagementKind.EVENT,
        "Whitechapel Idea Store",
        "Mayor's Office",
        "Engagement officer",
        True,
        True,
    ),
]


def _actor() -> User | None:
    return User.objects.filter(email="head.office@eastbridge.gov.uk").first()


def _at(day: date, t: time) -> datetime:
    return datetime.combine(day, t, tzinfo=LONDON)


def _data(item, day: date, slot: time, hours=1, **extra) -> EngagementData:
    title, kind, location, organiser, contact, briefing, speech = item
    start = _at(day, slot)
    return EngagementData(
        title=title,
        kind=kind,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        location=location,
        organiser=organiser,
        contact_name=contact,
        contact_phone=f"020 7946 0{random.randint(100, 999)}" if contact else "",
        briefing_required=briefing,
        speech_required=speech,
        **extra,
    )


def seed(stdout=None) -> None:
    actor = _actor()
    members = list(Member.objects.current())
    if actor is None or not members:
        return
    if Engagement.objects.exists():
        if stdout:
            stdout.write("Diary: demo engagements already there.")
        return
    rng = random.Random(4)
    random.seed(4)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    created = 0
    mayor = next((m for m in members if m.office == Member.Office.MAYOR), members[0])
    for member in members:
        pool = COMMON + (MAYOR_ONLY if member == mayor else [])
        for offset in range(56):
            day = monday + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for slot in rng.sample(SLOTS, rng.randint(1, 3 if member == mayor else 2)):
                item = rng.choice(pool)
                weeks_ahead = offset // 7
                status = EngagementStatus.PROVISIONAL if weeks_ahead >= 5 and rng.random() < 0.4 else "confirmed"
                data = _data(item, day, slot, status=status)
                services.engagement_create(actor=actor, data=data, members=[member], notify=False)
                created += 1
    # A private appointment in the Mayor's diary (shown as "Busy" to interns and in the feed).
    services.engagement_create(
        actor=actor,
        data=EngagementData(
            title="Private: family commitment",
            kind=EngagementKind.PRIVATE,
            starts_at=_at(monday + timedelta(days=2), time(18, 0)),
            ends_at=_at(monday + timedelta(days=2), time(20, 0)),
            is_private=True,
        ),
        members=[mayor],
        notify=False,
    )
    # One recorded conflict: a media call that overlaps the Mayor's first engagement on Thursday.
    thursday = monday + timedelta(days=3)
    first = Engagement.objects.filter(members=mayor, starts_at__date=thursday).order_by("starts_at").first()
    if first:
        services.engagement_create(
            actor=actor,
            data=EngagementData(
                title="BBC London radio interview (by phone)",
                kind=EngagementKind.MEDIA,
                starts_at=first.starts_at + timedelta(minutes=30),
                ends_at=first.starts_at + timedelta(minutes=50),
                location="By phone",
                organiser="BBC Radio London",
                contact_name="Producer",
            ),
            members=[mayor],
            notify=False,
            conflict_reason="Short phone interview; the Mayor will step out of the meeting for 20 minutes.",
        )
    # A weekly Saturday ward surgery for a Deputy Mayor, with one occurrence cancelled.
    deputy = next((m for m in members if m.office == Member.Office.DEPUTY_MAYOR), None)
    if deputy:
        saturday = monday + timedelta(days=5)
        series = services.series_create(
            actor=actor,
            data=EngagementData(
                title=f"Ward surgery ({deputy.ward.name if deputy.ward else 'ward'})",
                kind=EngagementKind.WARD_SURGERY,
                starts_at=_at(saturday, time(10, 0)),
                ends_at=_at(saturday, time(12, 0)),
                location="Bow Community Hall, Wick Lane",
                notes="Drop-in; no appointment needed.",
            ),
            members=[deputy],
            frequency=Frequency.WEEKLY,
            until=saturday + timedelta(weeks=7),
        )
        cancelled = series.occurrences.order_by("starts_at")[3]
        services.engagement_cancel(actor=actor, engagement=cancelled, reason="Member on annual leave")
    # A monthly Cabinet and Mayor's advisers meeting, first Tuesday of the month, evening.
    first_tuesday = monday.replace(day=1) + timedelta(days=(1 - monday.replace(day=1).weekday()) % 7)
    if first_tuesday < monday:
        nxt = (monday.replace(day=28) + timedelta(days=4)).replace(day=1)
        first_tuesday = nxt + timedelta(days=(1 - nxt.weekday()) % 7)
    services.series_create(
        actor=actor,
        data=EngagementData(
            title="Mayor and Cabinet away-session",
            kind=EngagementKind.INTERNAL_MEETING,
            starts_at=_at(first_tuesday, time(18, 0)),
            ends_at=_at(first_tuesday, time(20, 0)),
            location="Town Hall, Mayor's Parlour",
            briefing_required=True,
        ),
        members=[mayor],
        frequency=Frequency.MONTHLY_WEEKDAY,
        until=first_tuesday + timedelta(weeks=9),
        conflict_reason="Evening slot agreed with the Mayor.",
    )
    _seed_invitations(actor, mayor, deputy, today)
    if stdout:
        stdout.write(f"Diary: {Engagement.objects.count()} engagements over eight weeks, and invitations.")


def _seed_invitations(actor, mayor, deputy, today):
    base = {
        "start_time": time(19, 0),
        "end_time": time(21, 0),
        "received_on": today - timedelta(days=3),
    }
    pending = services.invitation_record(
        actor=actor,
        member=mayor,
        organisation="Eastbridge Chamber of Commerce",
        event_name="Annual business awards",
        event_date=today + timedelta(days=40),
        location="Eastbridge Town Hall",
        asks=["attend", "speak"],
        contact_name="Priya Shah",
        contact_email="events@eastbridgechamber.example.org",
        contact_address="12 Commercial Road\nLondon E1 1AA",
        **base,
    )
    accepted = services.invitation_record(
        actor=actor,
        member=mayor,
        organisation="Poplar Harca",
        event_name="Opening of the Aberfeldy community garden",
        event_date=today + timedelta(days=26),
        location="Aberfeldy Street, E14",
        asks=["open", "speak"],
        contact_name="Tom Reilly",
        contact_email="tom.reilly@example.org",
        **base,
    )
    services.invitation_accept(actor=actor, invitation=accepted, briefing_required=True, conflict_reason="Checked")
    declined = services.invitation_record(
        actor=actor,
        member=mayor,
        organisation="Docklands Rotary Club",
        event_name="Charity dinner",
        event_date=today + timedelta(days=30),
        location="Canary Wharf",
        asks=["attend"],
        contact_name="Alan Fry",
        **base,
    )
    services.invitation_decline(
        actor=actor, invitation=declined, reason="the Mayor has a prior engagement that evening"
    )
    if deputy:
        delegated = services.invitation_record(
            actor=actor,
            member=mayor,
            organisation="Tenants' federation",
            event_name="Housing summit",
            event_date=today + timedelta(days=47),
            location="Mile End Arts Pavilion",
            asks=["speak"],
            contact_name="Grace Kim",
            **base,
        )
        services.invitation_delegate(
            actor=actor,
            invitation=delegated,
            delegate=deputy,
            reason="Housing is the Deputy Mayor's portfolio",
            conflict_reason="Checked",
        )
    assert pending.pk


def seed_directory_guests(stdout=None) -> None:
    """Two people from the demo's stakeholder directory at the Mayor's coming engagements, so that their directory
    pages have a history (the engagement form's "People from the directory")."""
    from mayoral_office.models import Stakeholder

    people = list(Stakeholder.objects.filter(name__in=["Dr Helen Osei", "Tom Adeyemi"]).order_by("name"))
    if not people or Engagement.stakeholders.through.objects.exists():
        return
    coming = Engagement.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk")[: len(people)]
    for engagement, person in zip(coming, people, strict=False):
        engagement.stakeholders.add(person)
    if stdout:
        stdout.write(f"  {len(people)} people from the directory at coming engagements\n")
