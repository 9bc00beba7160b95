"""The demo's incident log (called by decisions/demo.py): one closed incident, a fire in a block of council flats,
logged by the loggist as it happened, with a correction, closed and signed off by the Head of Mayor's Office. The
entries are chained by hash exactly as the app writes them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from decisions.demo import People
from decisions.models import Incident, IncidentEntry
from decisions.models.incidents import GENESIS_HASH

# The incident log: (minutes after the start, kind, by whom, what happened, decision, rationale, source); the
# correction (entry 7) corrects entry 4.
INCIDENT_CORRECTS = {7: 4}
INCIDENT_TITLE = "Fire at Brierley House, Poplar: evacuation and rest centre"
INCIDENT_ENTRIES = [
    (
        0,
        "event",
        "Station Commander, London Fire Brigade",
        "Fire reported on the 7th floor of Brierley House (62 flats). Residents of floors 6 to 9 are being "
        "evacuated; no injuries reported so far.",
        "",
        "",
        "Out-of-hours duty officer, call from LFB control",
    ),
    (
        22,
        "decision",
        "Silver: Priya Nair, Corporate Director, Housing and Regeneration",
        "Need for a rest centre for the evacuated residents.",
        "Open Poplar Baths as the rest centre.",
        "Nearest council building with showers, a kitchen and step-free access; the duty manager can open it "
        "within the hour.",
        "Silver command call",
    ),
    (
        41,
        "action",
        "Emergency planning duty officer",
        "Rest centre team and British Red Cross volunteers called out; two minibuses requested from the "
        "transport pool to take residents to Poplar Baths.",
        "",
        "",
        "Emergency planning duty officer",
    ),
    (
        96,
        "event",
        "Rest centre manager",
        "38 households registered at the rest centre, 4 of them residents with mobility needs.",
        "",
        "",
        "Rest centre registration desk",
    ),
    (
        150,
        "decision",
        "Silver: Priya Nair",
        "Some households cannot return tonight.",
        "Book emergency hotel rooms for the households whose flats are not safe.",
        "LFB advise the 7th and 8th floors stay closed until the electrics are checked; the rest centre is not "
        "suitable overnight for families with young children.",
        "LFB incident commander",
    ),
    (
        212,
        "event",
        "Station Commander, London Fire Brigade",
        "Fire out. The block is safe except flats 701 to 708 and 801 to 804, which stay closed.",
        "",
        "",
        "LFB incident commander, in person",
    ),
    (
        231,
        "correction",
        "Rest centre manager",
        "Correction to entry 4: 34 households registered, not 38. Four registrations were duplicates, found "
        "when the paper and electronic lists were merged.",
        "",
        "",
        "Rest centre registration desk",
    ),
    (
        265,
        "event",
        "Mayor's Office",
        "The Mayor visited the rest centre and spoke to residents and volunteers.",
        "",
        "",
        "Executive Support Officer on site",
    ),
    (
        300,
        "decision",
        "Silver: Priya Nair",
        "Residents of the safe floors have returned home.",
        "Stand down the rest centre at 09:00; the Housing Options team takes over the 12 households still displaced.",
        "All remaining households have hotel rooms booked for a week; Housing Options can manage them from the "
        "office from 09:00.",
        "Silver command call",
    ),
    (
        330,
        "action",
        "Gold: Stephen Hale, Chief Executive",
        "Rest centre closed and handed over to Housing Options. Incident closed by Gold.",
        "",
        "",
        "Gold command call",
    ),
]


def seed_incident(people: People, today: date) -> Incident:
    """A closed incident, its log written by the loggist and chained by hash entry by entry (each entry's hash
    covers its content and the previous entry's hash), signed off by the Head of Mayor's Office."""
    started = timezone.make_aware(datetime.combine(today - timedelta(days=47), time(2, 40)))
    last_minutes = INCIDENT_ENTRIES[-1][0]
    closed = started + timedelta(minutes=last_minutes + 15)
    incident = Incident.objects.create(
        title=INCIDENT_TITLE,
        location="Brierley House, Chrisp Street, London E14",
        started_at=started,
        status=Incident.Status.CLOSED,
        commander="Gold: Stephen Hale, Chief Executive; Silver: Priya Nair, Corporate Director, Housing",
        loggist=people.loggist,
        closed_at=closed,
        signed_off_by=people.head,
        signed_off_at=timezone.make_aware(datetime.combine(closed.date() + timedelta(days=2), time(10, 30))),
    )
    previous_hash, entries = GENESIS_HASH, {}
    for sequence, (minutes, kind, by_whom, what, decision, rationale, source) in enumerate(INCIDENT_ENTRIES, 1):
        happened = started + timedelta(minutes=minutes)
        entry = IncidentEntry(
            incident=incident,
            sequence=sequence,
            kind=kind,
            happened_at=happened,
            written_at=happened + timedelta(minutes=1 + sequence % 2),
            written_by=people.loggist,
            by_whom=by_whom,
            what_happened=what,
            decision=decision,
            rationale=rationale,
            source=source,
            corrects=entries.get(INCIDENT_CORRECTS.get(sequence)),
            previous_hash=previous_hash,
        )
        entry.content_hash = entry.computed_hash()  # last: it covers every other field
        entry.save()  # one INSERT: the entries are never updated
        entries[sequence] = entry
        previous_hash = entry.content_hash
    return incident
