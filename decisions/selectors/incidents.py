"""Reads of the incident log: the list of incidents, an incident with its log, and the log verified. Always from
`Incident.objects.visible_to(user)`: interns and directorate contacts see no incident at all."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet

from decisions.incidents import Verification, verify
from decisions.models import Incident, IncidentEntry


def incidents_for(user) -> QuerySet[Incident]:
    """The incident list: newest first, with how many entries each log has and when the last was written."""
    return (
        Incident.objects.visible_to(user)
        .select_related("loggist", "signed_off_by")
        .annotate(entry_count=Count("entries"), last_written_at=Max("entries__written_at"))
        .order_by("-started_at", "-pk")
    )


def incident_queryset() -> QuerySet[Incident]:
    """What an incident's pages fetch it from (through the authorising fetch, which applies `visible_to`)."""
    return Incident.objects.select_related("loggist", "signed_off_by")


def entries_of(incident: Incident) -> list[IncidentEntry]:
    """The log, oldest first (newest last), with who wrote each entry."""
    return list(IncidentEntry.objects.filter(incident_id=incident.pk).select_related("written_by").order_by("sequence"))


@dataclass
class LogLine:
    """An entry as the page and the PDF show it: the entry it corrects and the entries that correct it (both ways),
    and whether the verification found it broken."""

    entry: IncidentEntry
    corrects: IncidentEntry | None = None
    corrected_by: list[IncidentEntry] = field(default_factory=list)
    broken: bool = False


@dataclass
class IncidentLog:
    incident: Incident
    lines: list[LogLine]
    verification: Verification

    @property
    def next_sequence(self) -> int:
        return self.lines[-1].entry.sequence + 1 if self.lines else 1


def incident_log(incident: Incident) -> IncidentLog:
    """The incident's log (one query), its corrections linked both ways, and the verification of every entry."""
    entries = entries_of(incident)
    by_pk = {entry.pk: entry for entry in entries}
    lines = {entry.pk: LogLine(entry=entry, corrects=by_pk.get(entry.corrects_id)) for entry in entries}
    for line in lines.values():
        if line.corrects is not None:
            lines[line.corrects.pk].corrected_by.append(line.entry)
    verification = verify(incident, entries)
    for line in lines.values():
        line.broken = line.entry.sequence in verification.broken_sequences
    return IncidentLog(incident=incident, lines=list(lines.values()), verification=verification)


def entry_by_number(incident: Incident, sequence: int) -> IncidentEntry | None:
    """The entry with this number in this incident's log (a correction names the entry it corrects by number)."""
    return IncidentEntry.objects.filter(incident_id=incident.pk, sequence=sequence).first()
