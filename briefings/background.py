"""A pack's background from the office's own records: what the pack is about (`background_query_for`: its readers,
ward, organisations, venue and the members' portfolios, as the core's `BackgroundQuery`), and what briefings itself
knows about it (`previous_packs`, registered with the core beside casework's, the diary's and decisions'
providers). Reads only.

Who the readers are: the users of the pack's members and its lead officer (and the officer looking at the proposal,
so it never shows them a record they could not open themselves). An OFFICIAL pack is read by every officer and
intern, so it never lists confidential material whoever its named readers are; an OFFICIAL-SENSITIVE pack may, if
every named reader may see it."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import F, Q
from django.utils import timezone

from briefings.models import Marking, Pack, PackStatus, PackVersion
from mayoral_office.registry import BackgroundLine, BackgroundQuery

LIMIT = 10


def organisations_of(pack: Pack) -> tuple[str, ...]:
    """The pack's organisations (separated by commas), or the engagement's organiser when it names none."""
    names = [name.strip() for name in (pack.organisations or "").split(",") if name.strip()]
    if not names and pack.engagement_id and pack.engagement.organiser.strip():
        names = [pack.engagement.organiser.strip()]
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def background_query_for(pack: Pack, viewer=None) -> BackgroundQuery:
    """What the proposal for `pack` looks for, and for whom: the venue is the engagement's location (or the meeting's
    place). Reads the members with their users and portfolios (two queries), and the engagement or meeting and the
    lead officer unless already loaded (`select_related`)."""
    members = list(pack.members.select_related("user").prefetch_related("portfolios"))
    readers = {viewer.pk: viewer} if viewer is not None and viewer.pk is not None else {}  # its facts are cached
    for member in members:
        if member.user is not None and member.user.is_active:
            readers.setdefault(member.user.pk, member.user)
    if pack.lead_officer_id not in readers:
        readers[pack.lead_officer_id] = pack.lead_officer
    engagement = pack.engagement if pack.engagement_id else None
    meeting = pack.meeting if pack.meeting_id else None
    exclude = [f"briefings.pack:{pack.pk}"]
    venue = ""
    if engagement is not None:
        exclude.append(f"diary.engagement:{engagement.pk}")
        venue = engagement.location.strip()
    elif meeting is not None:
        exclude.append(f"decisions.meeting:{meeting.pk}")
        venue = meeting.place.strip()
    return BackgroundQuery(
        readers=tuple(readers.values()),
        today=timezone.localdate(),
        ward_id=pack.ward_id,
        organisations=organisations_of(pack),
        venue=venue,
        member_ids=tuple(sorted(member.pk for member in members)),
        portfolio_ids=tuple(sorted({p.pk for member in members for p in member.portfolios.all()})),
        confidential_allowed=pack.marking == Marking.OFFICIAL_SENSITIVE,
        exclude=tuple(exclude),
    )


def _excluded(query: BackgroundQuery, label: str) -> list[int]:
    prefix = f"{label}:"
    return [int(key[len(prefix) :]) for key in query.exclude if key.startswith(prefix) and key[len(prefix) :].isdigit()]


def previous_packs(query: BackgroundQuery) -> list[BackgroundLine]:
    """Earlier packs for engagements (before today) with the same organiser or at the same venue, with their latest
    issued version: only packs every reader may open, never one for a private engagement, and OFFICIAL ones only
    unless confidential material is allowed. Two queries."""
    readers = [reader for reader in query.readers if reader is not None]
    about = Q(pk__in=[])
    for name in {o.strip().lower() for o in query.organisations if o.strip()}:
        about |= Q(engagement__organiser__iexact=name)
    if query.venue.strip():
        about |= Q(engagement__location__iexact=query.venue.strip())
    if not readers or about == Q(pk__in=[]):
        return []
    packs = Pack.objects.filter(about).exclude(status=PackStatus.WITHDRAWN)
    for reader in readers:
        packs = packs.visible_to(reader)  # the intersection of what they all may open
    if not query.confidential_allowed:
        packs = packs.filter(marking=Marking.OFFICIAL)
    start_of_today = timezone.make_aware(datetime.combine(query.today, time.min))
    packs = list(
        packs.filter(engagement__starts_at__lt=start_of_today, engagement__is_private=False)
        .exclude(pk__in=_excluded(query, "briefings.pack"))
        .exclude(engagement_id__in=_excluded(query, "diary.engagement"))
        .select_related("engagement")
        .order_by("-engagement__starts_at", "-pk")[:LIMIT]
    )
    issued_ids = [pack.pk for pack in packs if pack.latest_version]
    latest = PackVersion.objects.filter(pack_id__in=issued_ids, number=F("pack__latest_version"))
    latest = latest.only("pk", "pack_id", "number", "issued_at") if issued_ids else []
    issued = {version.pack_id: version for version in latest}
    return [_line(pack, issued.get(pack.pk)) for pack in packs]


def _line(pack: Pack, version: PackVersion | None) -> BackgroundLine:
    day = timezone.localtime(pack.engagement.starts_at).date()
    if version is not None:
        on = timezone.localtime(version.issued_at).date()
        detail = f"Version {version.number} issued {on.day} {on:%B %Y}"
        url = version.get_absolute_url()
    else:
        detail, url = "Not issued", pack.get_absolute_url()
    return BackgroundLine(
        source="Briefings",
        kind="Previous pack",
        title=f"{pack.title} ({day.day} {day:%B %Y})",
        reference=pack.reference,
        url=url,
        when=day,
        detail=detail,
    )
