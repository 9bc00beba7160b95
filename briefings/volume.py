"""Ten years of briefing packs, in bulk, for the benchmark (`manage.py seed_volume`; registered in apps.py, after the
diary and decisions volumes, whose engagements and meetings the packs are for). Scale 1: 20,000 packs with 150,000
sections: about seven in ten for engagements that need a briefing, two in ten for meetings and one in ten
standalone, due two working days before their engagement or meeting (the briefing rules), each for the
engagement's members (a meeting's pack for the Mayor and the Cabinet Member of its body, or the Mayor). Past packs
are issued (a few withdrawn, a few never cleared: late); those to come are in preparation, cleared or issued, the
nearer the further along. About one pack in twenty is OFFICIAL-SENSITIVE. About one in five has commissions (one or
two sections asked of directorate contacts), in the state their pack's stage implies; some of those to come are
late. Issued packs have one or two versions, each with its snapshot of the sections.

Versions have **no PDF** (rendering 20,000 PDFs would take hours and fill the disk with copies of invented text):
each is marked FAILED with a render_error saying so, honestly, rather than READY with no file (a broken download) or
QUEUED (which would promise a PDF that no worker will make). `make bench` measures the PDF render on its own pack.

Bulk inserts, not the services (see casework/volume.py), with the audit entries the services would write
(`audit.bulk_history`): each pack's creation and, for issued ones, each issue."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from briefings.models import (
    Commission,
    Marking,
    Pack,
    PackStatus,
    PackVersion,
    Section,
    SectionKind,
)
from briefings.models.commissions import WITH_CONTRIBUTOR, CommissionState
from briefings.models.versions import RenderState
from decisions.models import Meeting
from decisions.volume import Calendar
from diary.models import LONDON, Engagement
from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import Member, User

AT_SCALE_1 = {"packs": 20_000, "sections": 150_000}
YEARS = 10
ENGAGEMENT_SHARE, MEETING_SHARE = 0.7, 0.2
SENSITIVE_SHARE, COMMISSIONED_SHARE = 0.05, 0.2
NO_PDF = "Volume data for the benchmark: no PDF was made for this version."
ORDER = [k for k, _ in SectionKind.choices]
BODIES = {
    SectionKind.SUMMARY: "The member attends as {title}. The main points are set out below; the lead officer has "
    "checked them with the directorate.",
    SectionKind.KEY_MESSAGES: "- The council is building more homes.\n- Residents' views shape the decision.\n"
    "- The budget protects front-line services.",
    SectionKind.SPEAKING_NOTES: "Thank the organisers. Mention the council's support for the project and the "
    "partnership with local groups.",
    SectionKind.SPEECH: "Thank you for inviting me. Eastbridge is a borough that works together, and today shows it.",
    SectionKind.AGENDA: "1. Welcome\n2. Presentation\n3. Questions\n4. Close",
    SectionKind.ATTENDEES: "**Chair:** the organisation's chief executive. **Also attending:** ward councillors.",
    SectionKind.BACKGROUND: "The council has worked with the organisation since 2019; two cases from the ward are "
    "open with Housing.",
    SectionKind.PAPERS: "",
    SectionKind.QA: "**Q: When will the works finish?**\n\nA: The contractor expects to finish in the spring.",
    SectionKind.RISKS: "- A resident may raise an individual complaint: do not discuss it in public.",
    SectionKind.PRESS: "If asked: the council is committed to the project and will say more when it is agreed.",
}
BRIEFS = [
    "The latest figures and any issues the member should know about. Half a page.",
    "A background note on the organisation and the council's work with it.",
    "Lines to take on the planning application, agreed with the Planning service.",
]
COMMENTS = "Please add the figures for the last quarter and say where they come from."


def seed(scale: float, rng) -> dict[str, int]:
    sizes = {name: max(int(n * scale), 1) for name, n in AT_SCALE_1.items()}
    today, now = timezone.localdate(), timezone.now()
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    officers = list(
        User.objects.filter(support_assignments__isnull=False).exclude(email__startswith="intern").distinct()
    ) or [head]
    contacts = list(User.objects.filter(directorate__isnull=False).order_by("pk")) or officers
    members = list(Member.objects.order_by("pk"))
    mayor = next((m for m in members if m.office == Member.Office.MAYOR), members[0])
    first_day = today - timedelta(days=365 * YEARS)
    calendar = Calendar(first_day - timedelta(days=30), today + timedelta(days=400))
    sources = _sources(sizes["packs"], rng, first_day, mayor, members)

    packs, pack_members, plans = [], [], []
    for source in sources:
        pack, plan = _pack(source, rng, today, now, calendar, officers, head)
        packs.append(pack)
        plans.append(plan)
    insert(packs)
    through = Pack.members.through
    for pack, source in zip(packs, sources, strict=True):
        pack_members += [through(pack_id=pack.pk, member_id=pk) for pk in source["members"]]
    insert(pack_members)

    per_pack = _section_counts(len(packs), sizes["sections"], rng)
    sections = []
    for pack, count in zip(packs, per_pack, strict=True):
        kinds = [SectionKind.SUMMARY] + sorted(rng.sample(ORDER[1:], count - 1), key=ORDER.index)
        sections += [
            Section(
                pack=pack,
                kind=kind,
                title=SectionKind(kind).label,
                body=BODIES[kind].format(title=pack.title),
                position=n,
                updated_by_id=pack.lead_officer_id,
            )
            for n, kind in enumerate(kinds, start=1)
        ]
    insert(sections)
    by_pack: dict[int, list[Section]] = {}
    for section in sections:
        by_pack.setdefault(section.pack_id, []).append(section)

    commissions = _commissions(packs, plans, by_pack, rng, today, calendar, contacts)
    insert(commissions)
    versions = _versions(packs, by_pack, rng, head)
    insert(versions)
    audited = bulk_history(_history(packs, plans, versions))
    return {
        Pack._meta.label: len(packs),
        f"{Pack._meta.label} members": len(pack_members),
        Section._meta.label: len(sections),
        Commission._meta.label: len(commissions),
        PackVersion._meta.label: len(versions),
        "auditlog.LogEntry (briefings)": audited,
    }


def _sources(count: int, rng, first_day, mayor, members) -> list[dict]:
    """What each pack is for: {"engagement"/"meeting": pk or None, "day", "title", "members"}, in no order."""
    start = datetime.combine(first_day, time.min, tzinfo=LONDON)
    engagements = list(
        Engagement.objects.filter(briefing_required=True, is_private=False, starts_at__gte=start)
        .values_list("pk", "starts_at", "title")
        .order_by("pk")
    )
    rng.shuffle(engagements)
    engagements = engagements[: int(count * ENGAGEMENT_SHARE)]
    who: dict[int, list[int]] = {}
    wanted = {pk for pk, _, _ in engagements}
    for engagement_id, member_id in Engagement.members.through.objects.values_list("engagement_id", "member_id"):
        if engagement_id in wanted:
            who.setdefault(engagement_id, []).append(member_id)
    meetings = list(
        Meeting.objects.filter(starts_at__gte=start).values_list("pk", "starts_at", "body__name").order_by("pk")
    )
    rng.shuffle(meetings)
    meetings = meetings[: int(count * MEETING_SHARE)]
    cabinet = [m.pk for m in members if m.office != Member.Office.MAYOR]
    found = [
        {"engagement": pk, "day": _day(at), "title": title, "members": who.get(pk) or [mayor.pk]}
        for pk, at, title in engagements
    ]
    found += [
        {
            "meeting": pk,
            "day": _day(at),
            "title": f"{body} briefing",
            "members": sorted({mayor.pk, rng.choice(cabinet)}) if cabinet else [mayor.pk],
        }
        for pk, at, body in meetings
    ]
    today = timezone.localdate()
    span = (today - first_day).days + 60
    while len(found) < count:  # standalone: speeches and briefing notes asked for by a member
        member = rng.choice(members)
        found.append(
            {
                "day": first_day + timedelta(days=rng.randrange(span)),
                "title": rng.choice(["Speech", "Briefing note", "Statement"]) + f" for {member.name}",
                "members": [member.pk],
            }
        )
    return found


def _day(moment):
    return moment.astimezone(LONDON).date()


def _pack(source: dict, rng, today, now, calendar: Calendar, officers, head) -> tuple[Pack, dict]:
    day = source["day"]
    due = calendar.before(day, 2) if (source.get("engagement") or source.get("meeting")) else calendar.on_or_after(day)
    ahead = (due - today).days
    status = _status(rng, ahead)
    issued = status == PackStatus.ISSUED or (status == PackStatus.WITHDRAWN and rng.random() < 0.5)
    created = datetime.combine(calendar.before(due, rng.randint(5, 20)), time(9, 30), tzinfo=LONDON)
    created = min(created, now - timedelta(hours=1))
    cleared = status in (PackStatus.CLEARED, PackStatus.ISSUED) or issued
    cleared_at = min(datetime.combine(due, time(15), tzinfo=LONDON), now) if cleared else None
    pack = Pack(
        title=source["title"][:200],
        engagement_id=source.get("engagement"),
        meeting_id=source.get("meeting"),
        marking=Marking.OFFICIAL_SENSITIVE if rng.random() < SENSITIVE_SHARE else Marking.OFFICIAL,
        lead_officer=rng.choice(officers),
        due_on=due,
        status=status,
        latest_version=(2 if rng.random() < 0.2 else 1) if issued else 0,
        cleared_by=head if cleared else None,
        cleared_at=cleared_at,
        withdrawn_reason="The engagement was called off." if status == PackStatus.WITHDRAWN else "",
        created_by=head,
    )
    return pack, {"created": created}  # (created_at is auto_now_add: the audit entry carries this time)


def _status(rng, ahead: int) -> str:
    roll = rng.random()
    if ahead < 0:  # its day has passed
        return PackStatus.WITHDRAWN if roll < 0.04 else PackStatus.DRAFT if roll < 0.06 else PackStatus.ISSUED
    if roll < 0.03:
        return PackStatus.WITHDRAWN
    if ahead <= 3:
        return PackStatus.ISSUED if roll < 0.6 else PackStatus.CLEARED if roll < 0.8 else PackStatus.DRAFT
    return PackStatus.DRAFT if roll < 0.85 else PackStatus.CLEARED


def _section_counts(packs: int, sections: int, rng) -> list[int]:
    """Between 3 and 11 sections a pack (the 11 kinds), adding up to `sections` (as near as the limits allow)."""
    low, high = 3, len(ORDER)
    counts = [low] * packs
    left = max(sections - low * packs, 0)
    room = list(range(packs))
    while left and room:
        i = rng.randrange(len(room))
        counts[room[i]] += 1
        left -= 1
        if counts[room[i]] == high:
            room[i] = room[-1]
            room.pop()
    return counts


def _commissions(packs, plans, by_pack, rng, today, calendar, contacts) -> list[Commission]:
    made = []
    for pack, plan in zip(packs, plans, strict=True):
        if rng.random() >= COMMISSIONED_SHARE:
            continue
        asked = rng.sample(by_pack[pack.pk][1:], min(rng.randint(1, 2), len(by_pack[pack.pk]) - 1))
        for section in asked:
            due = calendar.before(pack.due_on, 1)
            state = _commission_state(rng, pack)
            if state in WITH_CONTRIBUTOR and pack.due_on >= today and rng.random() < 0.15:
                due = calendar.before(today, rng.randint(1, 3))  # late: the contributor has not sent it yet
            decided = state in (CommissionState.ACCEPTED, CommissionState.CANCELLED, CommissionState.RETURNED)
            commission = Commission(
                section=section,
                assignee=rng.choice(contacts),
                requested_by_id=pack.lead_officer_id,
                brief=rng.choice(BRIEFS),
                due_on=due,
                state=state,
                comments=COMMENTS if state == CommissionState.RETURNED else "",
                submitted_at=plan["created"] + timedelta(days=2) if state != CommissionState.REQUESTED else None,
                decided_at=plan["created"] + timedelta(days=3) if decided else None,
            )
            made.append(commission)
    return made


def _commission_state(rng, pack: Pack) -> str:
    if pack.status in (PackStatus.ISSUED, PackStatus.CLEARED):
        return CommissionState.ACCEPTED
    if pack.status == PackStatus.WITHDRAWN:
        return CommissionState.CANCELLED
    return rng.choice(
        [CommissionState.REQUESTED, CommissionState.IN_DRAFT, CommissionState.SUBMITTED, CommissionState.RETURNED]
    )


def _versions(packs, by_pack, rng, head) -> list[PackVersion]:
    made, now = [], timezone.now()
    for pack in packs:
        snapshot = [
            {"kind": s.kind, "title": s.title, "body": s.body, "paper_name": "", "paper_pages": 0}
            for s in by_pack[pack.pk]
        ]
        for number in range(1, pack.latest_version + 1):
            issued_at = min((pack.cleared_at or now) + timedelta(minutes=10 * number), now)
            made.append(
                PackVersion(
                    pack=pack,
                    number=number,
                    issued_at=issued_at,
                    issued_by=head,
                    change_summary="" if number == 1 else "Updated the summary with the latest figures.",
                    snapshot=snapshot,
                    marking=pack.marking,
                    render_state=RenderState.FAILED,
                    render_error=NO_PDF,
                )
            )
    return made


def _history(packs, plans, versions):
    for pack, plan in zip(packs, plans, strict=True):
        yield pack, "create", pack.created_by_id, plan["created"], {"title": (None, pack.title)}
    for version in versions:
        yield (
            version.pack,
            "update",
            version.issued_by_id,
            version.issued_at,
            {"latest_version": (version.number - 1, version.number)},
        )
