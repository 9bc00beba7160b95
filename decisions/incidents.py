"""Checking an incident log: every entry's hash recomputed from its content, every link to the entry before it
followed, every sequence number accounted for. Pure: it reads the entries and writes nothing.

An entry changed behind the app's back (with the database trigger disabled) no longer matches its own hash; an
entry whose hash was recomputed to hide the change breaks the link from the next entry; a deleted entry leaves a gap
in the numbers (or, the last one, a shorter log than the signed-off PDF, which prints the count and the last hash).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from decisions.models.incidents import GENESIS_HASH, Incident, IncidentEntry


class Reason:
    CONTENT_CHANGED = "content changed"
    CHAIN_BROKEN = "chain broken"
    SEQUENCE_GAP = "sequence gap"


@dataclass(frozen=True)
class Problem:
    """One broken entry: its number in the log, what is wrong (a `Reason`) and the same in words."""

    sequence: int
    reason: str
    detail: str

    def __str__(self) -> str:
        return f"entry {self.sequence}: {self.detail}"


@dataclass
class Verification:
    incident_id: int
    entries: int = 0
    last_hash: str = GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def broken_sequences(self) -> set[int]:
        return {p.sequence for p in self.problems}

    @property
    def summary(self) -> str:
        """One sentence for the page, the PDF and the command."""
        count = f"{self.entries} entr{'y' if self.entries == 1 else 'ies'}"
        if self.ok:
            return f"Verified: the log is intact ({count}, every hash and link checked)."
        return "The log has been altered: " + "; ".join(str(p) for p in self.problems) + "."


def verify(incident: Incident, entries: Iterable[IncidentEntry] | None = None) -> Verification:
    """Walk the log in sequence. `entries`: the incident's entries if the caller has them already (any order)."""
    if entries is None:
        entries = IncidentEntry.objects.filter(incident_id=incident.pk)
    result = Verification(incident_id=incident.pk)
    expected_sequence, expected_previous = 1, GENESIS_HASH
    for entry in sorted(entries, key=lambda e: e.sequence):
        result.entries += 1
        if entry.sequence != expected_sequence:
            missing = (
                f"entry {expected_sequence} is missing"
                if entry.sequence == expected_sequence + 1
                else f"entries {expected_sequence} to {entry.sequence - 1} are missing"
            )
            result.problems.append(Problem(entry.sequence, Reason.SEQUENCE_GAP, f"sequence gap: {missing}"))
        if entry.previous_hash != expected_previous:
            before = "the start of the log" if expected_sequence == 1 else f"entry {expected_sequence - 1}"
            result.problems.append(
                Problem(entry.sequence, Reason.CHAIN_BROKEN, f"chain broken: it does not follow on from {before}")
            )
        if entry.computed_hash() != entry.content_hash:
            result.problems.append(
                Problem(entry.sequence, Reason.CONTENT_CHANGED, "content changed since it was written")
            )
        expected_sequence, expected_previous = entry.sequence + 1, entry.content_hash
    result.last_hash = expected_previous
    return result
