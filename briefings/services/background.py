"""The background section proposed from the office's own records: the officer ticks what to keep and the pack gets
(or has replaced) its Background section, a Markdown list linking to each record, with the lines kept as the
section's snapshot: later changes to the records do not change the pack."""

from __future__ import annotations

import re
from itertools import groupby

from django.db.models import Max

from briefings.models import Section, SectionKind
from briefings.selectors import background as selectors
from briefings.services._base import bump, claim
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.text import clean_markdown

INTRO_LIMIT = 2_000
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|!~])")


def _escaped(text: str) -> str:
    """Text shown as typed in Markdown (a title with an asterisk or a bracket stays a title)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))


def _markdown(lines: list, intro: str = "") -> str:
    """The section's text: the intro, then a heading for each source and kind and a line for each record."""
    parts = [intro.strip()] if intro.strip() else []
    for (source, kind), found in groupby(lines, key=lambda p: (p.line.source, p.line.kind)):
        parts.append(f"### {_escaped(kind)}s ({_escaped(source)})")
        items = []
        for proposed in found:
            line = proposed.line
            text = f"- [{_escaped(line.reference)}]({line.url}) {_escaped(line.title)}"
            items.append(text + (f" ({_escaped(line.detail)})" if line.detail else ""))
        parts.append("\n".join(items))
    return "\n\n".join(parts)


def _snapshot(lines: list) -> list[dict]:
    return [
        {
            "key": p.key,
            "source": p.line.source,
            "kind": p.line.kind,
            "reference": p.line.reference,
            "title": p.line.title,
            "url": p.line.url,
            "when": p.line.when.isoformat() if p.line.when else None,
            "detail": p.line.detail,
        }
        for p in lines
    ]


@service
def background_accept(*, actor, pack, lines, intro: str = "") -> Section:
    """The pack's Background section made (or its text replaced) from the chosen lines of the proposal. `lines` are
    keys of the proposal's lines: the proposal is read again here, and a key it does not find is ignored."""
    intro = clean_markdown(intro or "")
    if len(intro) > INTRO_LIMIT:
        raise ServiceError(f"The introduction must be {INTRO_LIMIT:,} characters or fewer", field="intro")
    pack = claim(actor, "background.propose", pack)
    wanted = {str(key) for key in (lines or ())}
    chosen = [p for p in selectors.proposal(pack, actor) if p.key in wanted]
    if not chosen:
        raise ServiceError("Choose at least one record to include in the background", field="lines")
    body = clean_markdown(_markdown(chosen, intro))
    section = pack.sections.filter(kind=SectionKind.BACKGROUND).order_by("position", "pk").first()
    if section is None:
        position = (pack.sections.aggregate(last=Max("position"))["last"] or 0) + 1
        section = Section(pack=pack, kind=SectionKind.BACKGROUND, title=SectionKind.BACKGROUND.label, position=position)
    else:
        bump(section)
    section.body = body
    section.snapshot = _snapshot(chosen)
    section.updated_by = actor
    section.save()
    return section
