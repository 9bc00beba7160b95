"""The background proposed for a pack from the office's own records: every registered provider asked through the
core (`registry.background_for`, so briefings never imports casework), each line given a key the checklist posts
back. The proposal is read again whenever it is shown or accepted: a posted key only picks a line the server found
again, never a title or an address typed into the form. No HTTP, no writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from briefings.background import background_query_for
from briefings.models import Pack, Section, SectionKind
from mayoral_office import registry
from mayoral_office.registry import BackgroundLine

SOURCES = ("Casework", "Diary", "Decisions", "Briefings")  # the order the proposal shows its sources in


@dataclass(frozen=True)
class ProposedLine:
    key: str
    line: BackgroundLine


@dataclass(frozen=True)
class Group:
    source: str
    kind: str
    lines: tuple[ProposedLine, ...]

    @property
    def heading(self) -> str:
        return f"{self.kind}s"


def line_key(line: BackgroundLine) -> str:
    """A short, stable name for a line: the same record found again gives the same key."""
    raw = "\x1f".join((line.source, line.kind, line.reference, line.url))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def pack_for_background():
    """The queryset the proposal page fetches its pack from (with what the policy and the query read)."""
    return Pack.objects.select_related("engagement", "meeting", "lead_officer", "ward").prefetch_related(
        "members", "sections__commissions"
    )


def proposal(pack: Pack, viewer=None) -> list[ProposedLine]:
    """Every line the providers find for the pack, for its readers (and the officer proposing it), in order."""
    found = registry.background_for(background_query_for(pack, viewer))
    order = {source: n for n, source in enumerate(SOURCES)}
    found = sorted(found, key=lambda line: order.get(line.source, len(SOURCES)))  # stable: providers' own order
    seen: set[str] = set()
    lines = []
    for line in found:
        key = line_key(line)
        if key not in seen:
            seen.add(key)
            lines.append(ProposedLine(key, line))
    return lines


def grouped(lines: list[ProposedLine]) -> list[Group]:
    """The lines by source and kind, in the order first met."""
    groups: dict[tuple[str, str], list[ProposedLine]] = {}
    for proposed in lines:
        groups.setdefault((proposed.line.source, proposed.line.kind), []).append(proposed)
    return [Group(source, kind, tuple(found)) for (source, kind), found in groups.items()]


def background_section(pack: Pack) -> Section | None:
    """The pack's background section, if it has one (the first, from the prefetched sections)."""
    return next((s for s in pack.sections.all() if s.kind == SectionKind.BACKGROUND), None)
