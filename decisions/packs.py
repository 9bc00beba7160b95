"""The agenda pack as one PDF: a cover, the contents with page numbers, each item in order (the matters arising
listed under theirs), then each item's paper appended, with a bookmark for every item and paper. The public version
keeps each item's place but leaves out what is exempt or confidential, saying why. Pure: reads, writes nothing."""

from __future__ import annotations

import io
import string

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from mayoral_office.pdf import laid_out, pages_of

TEMPLATE = "decisions/pdf/agenda_pack.html"


def _pages(blob: bytes) -> int:
    return len(PdfReader(io.BytesIO(blob)).pages)


def _papers(items, public: bool) -> list[dict]:
    """The papers to append, in agenda order: each with its item, its letter (A, B, ...) and its bytes."""
    found = []
    for item in items:
        if not item.paper or (public and item.is_restricted):
            continue
        try:
            with item.paper.open("rb") as handle:
                blob = handle.read()
            pages = _pages(blob)
        except (OSError, PdfReadError, ValueError):
            blob, pages = None, 0  # a missing or unreadable file is named in the contents, not a failed pack
        found.append({"item": item, "number": item.number, "blob": blob, "pages": pages})
    for letter, paper in zip(string.ascii_uppercase * 4, found, strict=False):
        paper["letter"] = letter
    return found


def agenda_pack(*, meeting, items, matters_arising, public: bool) -> bytes:
    papers = _papers(items, public)
    context = {
        "council_name": settings.COUNCIL_NAME,
        "protective_marking": "OFFICIAL" if public else "OFFICIAL-SENSITIVE",
        "meeting": meeting,
        "items": items,
        "matters_arising": matters_arising,
        "public": public,
        "papers": papers,
        "total_pages": "",
    }
    # With papers to append, laid out twice: once to learn how many pages the agenda itself takes (counted, not
    # written), then with the page on which each paper starts (and the pack's total) in the contents and the footer.
    # With none, the agenda is the whole pack: laid out once, its footer counting its own pages.
    html = render_to_string(TEMPLATE, context)
    if not any(paper["blob"] for paper in papers):
        return laid_out(html)
    page = pages_of(html) + 1
    for paper in papers:
        paper["starts"] = page if paper["blob"] else None
        page += paper["pages"]
    context["total_pages"] = page - 1
    main = laid_out(render_to_string(TEMPLATE, context))
    writer = PdfWriter()
    writer.append(io.BytesIO(main))
    for paper in papers:
        if paper["blob"]:
            title = f"Appendix {paper['letter']}: item {paper['number']}, {paper['item'].title}"
            writer.append(io.BytesIO(paper["blob"]), outline_item=title)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
