from datetime import datetime, timedelta

from diary.models import LONDON, Engagement, EngagementKind, EngagementStatus


def date_parts(name: str, day) -> dict:
    """The POST data of a GOV.UK date input (day, month and year boxes) for `day`, a date or a (d, m, y) tuple."""
    d, m, y = (day.day, day.month, day.year) if hasattr(day, "year") else day
    return {f"{name}_0": str(d), f"{name}_1": str(m), f"{name}_2": str(y)}


def fill_date(page, name: str, day) -> None:
    """Type a date into a GOV.UK date input in the browser."""
    for key, value in date_parts(name, day).items():
        page.fill(f"#id_{key}", value)


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
