"""What the diary tells a briefing pack's background (registered with the core: `registry.background_for`): the
members' previous engagements (before today) with the same organiser or at the same venue. A selector: it reads
only, in one query whatever the number of engagements.

Only engagements every one of the pack's readers may see (each reader's `Engagement.objects.visible_to`), never a
private one (a private engagement is shown to most readers only as "Busy", so it is left out altogether), never
a cancelled one, and never the engagement the pack is for (`query.exclude`)."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from diary.models import Engagement, EngagementKind
from mayoral_office.registry import BackgroundLine, BackgroundQuery

LIMIT = 10


def _excluded_ids(query: BackgroundQuery) -> list[int]:
    prefix = "diary.engagement:"
    return [int(key[len(prefix) :]) for key in query.exclude if key.startswith(prefix) and key[len(prefix) :].isdigit()]


def engagement_lines(query: BackgroundQuery) -> list[BackgroundLine]:
    readers = [reader for reader in query.readers if reader is not None]
    about = Q(pk__in=[])
    for name in {o.strip().lower() for o in query.organisations if o.strip()}:
        about |= Q(organiser__iexact=name)
    if query.venue.strip():
        about |= Q(location__iexact=query.venue.strip())
    if not readers or about == Q(pk__in=[]):
        return []
    engagements = Engagement.objects.active().filter(about)
    for reader in readers:
        engagements = engagements.visible_to(reader)  # the intersection of what they all see
    start_of_today = timezone.make_aware(datetime.combine(query.today, time.min))
    engagements = (
        engagements.filter(starts_at__lt=start_of_today, is_private=False)
        .exclude(kind=EngagementKind.PRIVATE)
        .exclude(pk__in=_excluded_ids(query))
        .order_by("-starts_at", "-pk")[:LIMIT]
    )
    return [_line(engagement) for engagement in engagements]


def _line(engagement: Engagement) -> BackgroundLine:
    day = timezone.localtime(engagement.starts_at).date()
    where = [part for part in (engagement.organiser, engagement.location) if part]
    return BackgroundLine(
        source="Diary",
        kind="Previous engagement",
        title=engagement.title,
        reference=f"{day.day} {day:%B %Y}",
        url=engagement.get_absolute_url(),
        when=day,
        detail=", ".join(where),
    )
