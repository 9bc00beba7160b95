"""The printed briefing pack: a cover (members, engagement or meeting, marking, version, issue date), the contents
with the page each section and paper starts on, each section (its Markdown rendered and sanitised), then the
uploaded background papers appended, with the marking and "Page X of Y" on their pages like the generated ones.
Every section and paper has a bookmark; the document has a title and a language, and its generated pages are tagged.

Laid out once: the HTML ends with a blank page for each page of each paper, of that page's size, carrying only the
running header and footer (and, on a paper's first page, its bookmark heading). WeasyPrint therefore counts the whole
pack for "Page X of Y" and finds each paper's first page for the contents (`target-counter`); pypdf then lays each
paper page under its blank page (`merge_page(over=False)`).

Made from plain values (the sections as dicts, the papers as bytes): an issued version is rendered from its frozen
snapshot, never from the live sections; the draft PDF from the live ones. Pure: reads the pack's cover details,
writes nothing. The fetcher (mayoral_office.pdf.StaticFilesFetcher) refuses every address but the project's static
files, so a link or an image address typed into a section is never fetched.

Tagging: the document is laid out with WeasyPrint's `pdf_tags=True` (a structure tree, reading order, /MarkInfo)
and kept as it is: the papers are laid into a copy of that document (pypdf `clone_from`), so its tags, outline,
/Title and /Lang survive. The PDF/UA-1 *variant* is not claimed: the appended papers are other
people's PDFs, usually untagged, and a file that says it conforms to PDF/UA while half its pages have no
structure would be a false claim (WeasyPrint would embed XMP saying `pdfuaid:part=1`). Tried: with
pdf_variant="pdf/ua-1" the papers and bookmarks still work, so only that false claim keeps it off."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from mayoral_office.text import render_markdown

TEMPLATE = "briefings/pdf/pack.html"
LANG = "en-GB"
APPENDIX_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Paper:
    """An appended paper: its section's title, the file's name, its bytes and pages, where it starts."""

    title: str
    name: str
    blob: bytes
    pages: int
    letter: str = ""
    anchor: str = ""  # the id of its first page in the HTML
    sheets: list = field(default_factory=list)  # (named page, (width, height)) of each of its pages


def count_pages(blob: bytes) -> int:
    return len(PdfReader(io.BytesIO(blob)).pages)


def _layout(html: str) -> tuple[bytes, int]:
    """The generated pages, tagged, and how many there are."""
    from weasyprint import HTML

    from mayoral_office.pdf import BASE_URL, StaticFilesFetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).render(pdf_tags=True)
    return document.write_pdf(pdf_tags=True), len(document.pages)


def cover_of(pack) -> dict:
    """What the cover says about the pack: its members and what it is for (an engagement, a meeting, or neither)."""
    cover = {"members": [m.name for m in pack.members.all()], "event": "", "when": "", "place": ""}
    event = pack.engagement if pack.engagement_id else pack.meeting if pack.meeting_id else None
    if event is not None:
        starts = timezone.localtime(event.starts_at)
        cover["event"] = getattr(event, "title", "") or str(getattr(event, "body", "")) or str(event)
        cover["when"] = f"{starts:%A} {starts.day} {starts:%B %Y}, {starts:%H:%M}"
        cover["place"] = getattr(event, "location", "") or getattr(event, "place", "") or ""
    return cover


def render_pack(
    *,
    pack,
    sections: Sequence[dict],
    version_number: int | None,
    papers: Sequence[tuple[str, bytes]] = (),
    progress: Callable[[int, int], None] | None = None,
    issued_at=None,
    draft: bool = False,
) -> bytes:
    """The pack as one PDF. `sections` are snapshot dicts (kind, title, body, paper_name, paper_pages, and for a
    paper section `paper`: the index of its bytes in `papers`); `papers` are (name, bytes) in section order.
    `progress(done, total)` is called as each paper is added. `draft` marks every page DRAFT."""
    progress = progress or (lambda done, total: None)
    contexts = [
        {**s, "html": render_markdown(s.get("body", "")), "anchor": f"section-{i}"} for i, s in enumerate(sections, 1)
    ]
    found = _papers(contexts, papers)
    progress(0, len(found))
    context = {
        "council_name": settings.COUNCIL_NAME,
        "pack": pack,
        "cover": cover_of(pack),
        "marking": pack.marking,
        "protective_marking": f"{pack.marking} – DRAFT" if draft else pack.marking,
        "draft": draft,
        "version_number": version_number,
        "issued_at": issued_at,
        "sections": contexts,
        "papers": found,
        "sizes": sorted({(sheet, size) for paper in found for sheet, size in paper.sheets}),
    }
    # Laid out once: each appended page is a blank page of its size at the end of the document (its running header
    # and footer only), so WeasyPrint counts the whole pack ("Page X of Y") and the contents' target-counter() gives
    # the page each paper starts on. Each paper's pages are then laid under those blank pages.
    main, pages = _layout(render_to_string(TEMPLATE, context))
    return _assemble(main, pages, found, progress, pack.title)


def _papers(contexts: list[dict], papers: Sequence[tuple[str, bytes]]) -> list[Paper]:
    """The papers to append, in section order; each section context gets its paper as `appendix`."""
    found = []
    for section in contexts:
        index = section.get("paper")
        if index is None or not 0 <= index < len(papers):
            continue
        name, blob = papers[index]
        reader = PdfReader(io.BytesIO(blob))
        paper = Paper(title=section.get("title", ""), name=name, blob=blob, pages=len(reader.pages))
        paper.sheets = [_sheet(page) for page in reader.pages]
        section["appendix"] = paper
        found.append(paper)
    for index, paper in enumerate(found):
        paper.letter = APPENDIX_LETTERS[index % 26] * (index // 26 + 1)  # A to Z, then AA, BB...
        paper.anchor = f"appendix-{index + 1}"
    return found


def _sheet(page) -> tuple[str, tuple[float, float]]:
    """The named page (CSS `page:`) of a paper's page size, as it is read (turned by /Rotate)."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if (page.get("/Rotate", 0) or 0) % 180 == 90:
        width, height = height, width
    return f"p{round(width)}x{round(height)}", (round(width, 2), round(height, 2))


def _assemble(main: bytes, pages: int, found: list[Paper], progress, title: str) -> bytes:
    """The document as WeasyPrint made it (tags, outline, title and language kept), each paper's pages laid under
    the blank pages kept for them, which carry the marking and the page number."""
    writer = PdfWriter(clone_from=io.BytesIO(main))
    number = pages - sum(paper.pages for paper in found)
    for done, paper in enumerate(found, start=1):
        for page in PdfReader(io.BytesIO(paper.blob)).pages:
            if page.get("/Rotate", 0):  # a page turned by /Rotate: laid under the way it is read
                page.transfer_rotation_to_content()
            writer.pages[number].merge_page(page, over=False)
            number += 1
        progress(done, len(found))
    _metadata(writer, title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _metadata(writer: PdfWriter, title: str) -> None:
    """The title (WeasyPrint's, from the <title>; readers show it in place of the file name) and the language, made
    sure of whatever pypdf copied."""
    info = writer.metadata or {}
    writer.add_metadata({"/Title": info.get("/Title") or title, "/Producer": "Mayor's Office briefing packs"})
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(LANG)
    preferences = root.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else DictionaryObject()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    root[NameObject("/ViewerPreferences")] = preferences
