"""Ten years of the members' diaries, in bulk, for the benchmark (`manage.py seed_volume`; registered in apps.py).
Scale 1: 30,000 engagements from ten years ago to three months ahead, most for one member and some shared (their
briefing packs are seeded by briefings/volume.py), and 18,000 invitations (two in three accepted and in the diary,
the rest declined or delegated). References continue each year's sequence, so the next invitation logged gets a
fresh one. On top of the demo diaries; bulk inserts, not the services (see casework/volume.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from diary import demo
from diary.models import (
    LONDON,
    Engagement,
    EngagementKind,
    EngagementStatus,
    Invitation,
    InvitationStatus,
)
from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import Member, User

AT_SCALE_1 = {"engagements": 30_000, "invitations": 18_000}
YEARS = 10
AHEAD_DAYS = 90
SLOTS = [time(8, 30), time(9, 30), time(11, 0), time(12, 30), time(14, 0), time(16, 0), time(18, 30)]
ORGANISATIONS = [
    "Lansbury Residents' Association",
    "Eastbridge Chamber of Commerce",
    "Bow Common Primary School",
    "Roman Road Traders",
    "NHS North East London",
    "Canal & River Trust",
    "Eastbridge Interfaith Forum",
    "Docklands Youth Club",
]


def seed(scale: float, rng) -> dict[str, int]:
    sizes = {name: max(int(n * scale), 1) for name, n in AT_SCALE_1.items()}
    members = list(Member.objects.order_by("pk"))
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    officers = list(User.objects.filter(support_assignments__isnull=False).distinct().order_by("pk")) or [head]
    mayor = next((m for m in members if m.office == Member.Office.MAYOR), members[0])
    today = timezone.localdate()
    first_day = today - timedelta(days=365 * YEARS)
    span_days = (today - first_day).days + AHEAD_DAYS
    pool = demo.COMMON + demo.MAYOR_ONLY

    engagements, shared = [], []
    for _ in range(sizes["engagements"]):
        day = first_day + timedelta(days=rng.randrange(span_days))
        if day.weekday() >= 5 and rng.random() < 0.7:
            day -= timedelta(days=day.weekday() - 4)  # mostly weekdays
        title, kind, location, organiser, contact, briefing, speech = rng.choice(pool)
        starts = datetime.combine(day, rng.choice(SLOTS), tzinfo=LONDON)
        ahead = (day - today).days
        status = (
            EngagementStatus.CANCELLED
            if rng.random() < 0.05
            else EngagementStatus.PROVISIONAL
            if ahead > 30 and rng.random() < 0.4
            else EngagementStatus.CONFIRMED
        )
        engagements.append(
            Engagement(
                title=title,
                kind=kind,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=rng.choice([30, 60, 60, 90, 120])),
                location=location,
                organiser=organiser,
                contact_name=contact,
                status=status,
                is_private=kind == EngagementKind.PRIVATE or rng.random() < 0.03,
                briefing_required=briefing,
                speech_required=speech,
                lead_officer=rng.choice(officers),
                cancelled_reason="The organiser postponed the event." if status == EngagementStatus.CANCELLED else "",
                created_by=head,
            )
        )
        shared.append(rng.random() < 0.1)
    insert(engagements)
    # one member each (the Mayor's diary the fullest); one in ten shared with a second member
    through = Engagement.members.through
    links = []
    weights = [4 if m == mayor else 1 for m in members]
    for engagement, is_shared in zip(engagements, shared, strict=True):
        chosen = {rng.choices(members, weights)[0].pk}
        if is_shared:
            chosen.add(rng.choice(members).pk)
        links += [through(engagement_id=engagement.pk, member_id=pk) for pk in chosen]
    insert(links)
    invitations = _invitations(sizes["invitations"], rng, engagements, links, members, head)
    audited = bulk_history(  # as engagement_create would have: put in the diary a few weeks before
        (e, "create", e.created_by_id, e.starts_at - timedelta(days=rng.randint(7, 60)), {"title": (None, e.title)})
        for e in engagements
    )
    return {
        Engagement._meta.label: len(engagements),
        f"{Engagement._meta.label} members": len(links),
        Invitation._meta.label: invitations,
        "auditlog.LogEntry (diary)": audited,
    }


def _invitations(count: int, rng, engagements, links, members, head) -> int:
    """Two in three accepted (each the invitation of an engagement outside the office), the rest declined or
    delegated; received three to eight weeks before the event."""
    member_of = {link.engagement_id: link.member_id for link in links}
    external = [e for e in engagements if e.kind != EngagementKind.PRIVATE and e.status != EngagementStatus.CANCELLED]
    rng.shuffle(external)
    accepted = external[: min(len(external), count * 2 // 3)]
    numbers = {}
    for reference in Invitation.objects.values_list("reference", flat=True):  # INV-2026-0042
        year, number = reference.split("-")[1:]
        numbers[int(year)] = max(numbers.get(int(year), 0), int(number))
    rows = []
    for index in range(count):
        engagement = accepted[index] if index < len(accepted) else None
        if engagement is not None:
            starts, ends = engagement.starts_at.astimezone(LONDON), engagement.ends_at.astimezone(LONDON)
            member_id, status, name = member_of[engagement.pk], InvitationStatus.ACCEPTED, engagement.title
        else:
            template = rng.choice(engagements)
            starts = template.starts_at.astimezone(LONDON)
            ends = starts + timedelta(hours=1)
            member_id = rng.choice(members).pk
            status = rng.choice([InvitationStatus.DECLINED, InvitationStatus.DECLINED, InvitationStatus.DELEGATED])
            name = template.title
        received_on = min(starts.date() - timedelta(days=rng.randint(21, 56)), timezone.localdate())
        numbers[received_on.year] = numbers.get(received_on.year, 0) + 1
        rows.append(
            Invitation(
                reference=f"INV-{received_on.year}-{numbers[received_on.year]:04d}",
                member_id=member_id,
                organisation=rng.choice(ORGANISATIONS),
                event_name=name,
                event_date=starts.date(),
                start_time=starts.time(),
                end_time=ends.time(),  # the slots end by 20:30, so never past midnight
                location=engagement.location if engagement else "",
                asks=rng.choice([["attend"], ["attend", "speak"], ["open"], ["attend"]]),
                received_on=received_on,
                contact_name="Events team",
                contact_email="events@example.org",
                status=status,
                decision_reason="A prior engagement" if status == InvitationStatus.DECLINED else "",
                delegated_to=rng.choice(members) if status == InvitationStatus.DELEGATED else None,
                decided_at=timezone.make_aware(datetime.combine(received_on + timedelta(days=5), time(12))),
                decided_by=head,
                engagement=engagement,
                created_by=head,
            )
        )
    insert(rows)
    return len(rows)
