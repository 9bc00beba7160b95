"""Records of the decisions app for tests, made directly (the services are tested on their own). Times are
Europe/London wall-clock times; the seeded bodies (migration 0002) are used by short name."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from decisions.models import Action, AgendaItem, Body, Incident, Meeting, PathwayItem

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def body(short_name: str = "CLT") -> Body:
    return Body.objects.get(short_name=short_name)


def make_meeting(short_name: str = "CLT", start=None, hours: int = 2, **fields) -> Meeting:
    start = start or at(2026, 12, 8, 9, 30)
    fields.setdefault("place", "Committee Room 1")
    return Meeting.objects.create(
        body=body(short_name), starts_at=start, ends_at=start + timedelta(hours=hours), **fields
    )


def make_item(meeting: Meeting | None = None, title: str = "Budget monitoring, month 8", *, short_name="CLT", **fields):
    position = fields.pop("position", (meeting.agenda_items.count() + 1) if meeting else 0)
    return AgendaItem.objects.create(
        body=meeting.body if meeting else body(short_name), meeting=meeting, title=title, position=position, **fields
    )


def make_action(description: str = "Circulate the revised savings plan", *, due_on, **fields) -> Action:
    return Action.objects.create(description=description, due_on=due_on, **fields)


_references = iter(range(1, 100_000))


def make_pathway_item(title: str = "Leisure centre refurbishment", *, directorate, **fields) -> PathwayItem:
    reference = fields.pop("reference", f"DP/T/{next(_references):05d}")
    return PathwayItem.objects.create(reference=reference, title=title, directorate=directorate, **fields)


def make_incident(title: str = "Flooding on the Riverside estate", *, loggist, **fields) -> Incident:
    return Incident.objects.create(
        title=title, loggist=loggist, started_at=fields.pop("started_at", at(2026, 12, 1, 6)), **fields
    )
