from datetime import datetime, timedelta

from diary.models import LONDON, Engagement, EngagementKind, EngagementStatus


def at(y, m, d, hh=10, mm=0) -> datetime:
    """A Europe/London wall-clock time."""
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def make_engagement(*members, start=None, hours=1, title="Meeting", **fields) -> Engagement:
    start = start or at(2026, 6, 10, 10)
    defaults = {
        "title": title,
        "kind": EngagementKind.INTERNAL_MEETING,
        "starts_at": start,
        "ends_at": start + timedelta(hours=hours),
        "status": EngagementStatus.CONFIRMED,
    }
    defaults.update(fields)
    engagement = Engagement.objects.create(**defaults)
    engagement.members.set(members)
    return engagement
