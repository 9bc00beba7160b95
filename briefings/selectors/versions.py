"""Reads of issued versions: the querysets their pages are fetched from (through the authorising fetch, which starts
from `visible_to`), the versions of a pack, the latest one, the render progress, and "what changed since version N"
section by section with a word-level difference of the text (escaped here, so it is safe to show). No writes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pypdf.errors import PdfReadError

from briefings.models import Pack, PackVersion, RenderState, SectionKind
from briefings.pdf import count_pages
from mayoral_office.models import Member


def progress_key(version_pk: int) -> str:
    """Where the render job keeps how many papers it has done (briefings.services.issue.version_render)."""
    return f"briefings:render:{version_pk}"


def packs_for_issue() -> QuerySet[Pack]:
    """Packs as clearance, issue and revision read them: members (who may see it), sections and their commissions
    (the policy's "no open commission" rule)."""
    return Pack.objects.prefetch_related(
        Prefetch("members", queryset=Member.objects.order_by("name")), "sections__commissions"
    )


def packs_for_pdf() -> QuerySet[Pack]:
    """Packs as the latest-PDF address reads them: only who may see them."""
    return Pack.objects.prefetch_related("members")


def version_for_page() -> QuerySet[PackVersion]:
    """A version with its pack (and the pack's members: who may see it) and who issued it."""
    return PackVersion.objects.select_related("pack", "issued_by").prefetch_related("pack__members")


def version_for_file() -> QuerySet[PackVersion]:
    return PackVersion.objects.select_related("pack").prefetch_related("pack__members")


def versions_of(pack: Pack) -> list[PackVersion]:
    """Every issued version of the pack, newest first, with who issued each (one query)."""
    return list(pack.versions.select_related("issued_by").order_by("-number"))


def latest_of(pack: Pack) -> PackVersion | None:
    return pack.versions.order_by("-number").first()


@dataclass
class Progress:
    state: str
    done: int
    total: int
    error: str = ""

    @property
    def finished(self) -> bool:
        return self.state in (RenderState.READY, RenderState.FAILED)

    @property
    def ready(self) -> bool:
        return self.state == RenderState.READY


def progress_of(version: PackVersion) -> Progress:
    """Where the version's PDF has got to: the row once the job has ended; while it runs, the papers done so far
    (kept in the cache by the job, whose own transaction commits only at the end)."""
    if version.render_state in (RenderState.READY, RenderState.FAILED):
        return Progress(version.render_state, version.papers_done, version.papers_total, version.render_error)
    running = cache.get(progress_key(version.pk))
    if running:
        return Progress(RenderState.RENDERING, running["done"], running["total"])
    return Progress(version.render_state, version.papers_done, version.papers_total)


def draft_material(pack: Pack) -> tuple[list[dict], list[tuple[str, bytes]]]:
    """The live sections as the draft PDF prints them (the shape of a version's snapshot), and their papers' bytes;
    a paper that cannot be read is left out of the draft (the issue itself refuses it, with a message)."""
    sections, papers = [], []
    for section in pack.sections.all():
        entry = {"kind": section.kind, "title": section.title, "body": section.body}
        blob = _paper_bytes(section)
        if blob is not None:
            entry.update(paper=len(papers), paper_name=section.paper_name, paper_pages=section.paper_pages)
            papers.append((section.paper_name or "paper.pdf", blob))
        sections.append(entry)
    return sections, papers


def _paper_bytes(section) -> bytes | None:
    if not section.paper:
        return None
    try:
        with section.paper.open("rb") as handle:
            blob = handle.read()
        count_pages(blob)
    except (OSError, PdfReadError, ValueError):
        return None
    return blob


# --- what changed ---------------------------------------------------------------------------------------------
ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
LABELS = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed", UNCHANGED: "Unchanged"}
COLOURS = {
    ADDED: "govuk-tag--green",
    REMOVED: "govuk-tag--red",
    CHANGED: "govuk-tag--yellow",
    UNCHANGED: "govuk-tag--grey",
}


@dataclass
class SectionChange:
    state: str
    title: str
    kind: str
    notes: list[str] = field(default_factory=list)  # "Renamed from …", "Paper replaced"
    diff: SafeString | None = None  # the text, words removed in <del> and added in <ins>

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def colour(self) -> str:
        return COLOURS[self.state]


def _key(entry: dict) -> tuple:
    return ("section", entry["section"]) if entry.get("section") else ("title", entry.get("kind"), entry.get("title"))


def _kind_label(kind: str) -> str:
    return SectionKind(kind).label if kind in SectionKind.values else kind


def changes_between(older: list[dict], newer: list[dict]) -> list[SectionChange]:
    """Each section of the newer version in its order (added, changed or unchanged), then those removed."""
    before = {_key(e): e for e in older}
    found = []
    for entry in newer:
        old = before.pop(_key(entry), None)
        change = SectionChange(UNCHANGED, entry.get("title", ""), _kind_label(entry.get("kind", "")))
        if old is None:
            change.state = ADDED
            change.diff = word_diff("", entry.get("body", ""))
        else:
            change.notes = _notes(old, entry)
            if old.get("body", "") != entry.get("body", ""):
                change.diff = word_diff(old.get("body", ""), entry.get("body", ""))
            if change.notes or change.diff is not None:
                change.state = CHANGED
        found.append(change)
    for old in before.values():
        found.append(
            SectionChange(
                REMOVED, old.get("title", ""), _kind_label(old.get("kind", "")), diff=word_diff(old.get("body", ""), "")
            )
        )
    return found


def _notes(old: dict, new: dict) -> list[str]:
    notes = []
    if old.get("title") != new.get("title"):
        notes.append(f"Renamed from “{old.get('title', '')}”")
    if old.get("kind") != new.get("kind"):
        notes.append(f"Was {_kind_label(old.get('kind', ''))}")
    old_paper, new_paper = old.get("paper_sha256", ""), new.get("paper_sha256", "")
    if old_paper != new_paper:
        if not old_paper:
            notes.append(f"Paper added: {new.get('paper_name', '')} ({new.get('paper_pages', 0)} pages)")
        elif not new_paper:
            notes.append(f"Paper removed: {old.get('paper_name', '')}")
        else:
            notes.append(f"Paper replaced: now {new.get('paper_name', '')} ({new.get('paper_pages', 0)} pages)")
    return notes


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """The two texts compared word by word: unchanged words as they are, removed ones in <del>, added in <ins>. Every
    piece of text is escaped, so Markdown or HTML typed into a section shows as typed and never runs."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)
