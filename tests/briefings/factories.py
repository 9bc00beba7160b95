"""Records of the briefings app for tests, made directly (the services are tested on their own). Dates are
computed from the frozen clock's today (Wednesday 2 December 2026 unless a test moves it)."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from briefings.models import Commission, Marking, Pack, Passage, Section, SectionKind
from mayoral_office.working_days import add_working_days

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def in_working_days(n: int) -> date:
    return add_working_days(timezone.localdate(), n)


def make_pack(*members, lead_officer, title="Opening of the Riverside community hub", **fields) -> Pack:
    fields.setdefault("due_on", in_working_days(5))
    fields.setdefault("marking", Marking.OFFICIAL)
    pack = Pack.objects.create(title=title, lead_officer=lead_officer, **fields)
    pack.members.set(members)
    return pack


def make_section(pack: Pack, kind=SectionKind.SUMMARY, body="The hub opens on Saturday.", **fields) -> Section:
    fields.setdefault("title", SectionKind(kind).label)
    fields.setdefault("position", pack.sections.count() + 1)
    return Section.objects.create(pack=pack, kind=kind, body=body, **fields)


def make_commission(section: Section, *, assignee, requested_by, **fields) -> Commission:
    fields.setdefault("due_on", in_working_days(3))
    fields.setdefault("brief", "Two paragraphs on the hub's funding and the local response.")
    return Commission.objects.create(section=section, assignee=assignee, requested_by=requested_by, **fields)


def make_passage(owner, title="The council's vision", **fields) -> Passage:
    fields.setdefault("kind", "vision")
    fields.setdefault("body", "A borough where everyone can thrive.")
    fields.setdefault("review_on", in_working_days(60))
    return Passage.objects.create(title=title, owner=owner, **fields)


def pdf_bytes(pages: int = 1, text: str = "Background paper") -> bytes:
    """A real PDF of `pages` A4 pages (pypdf), each with a line of text."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=595, height=842)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 14 Tf 72 760 Td ({text}, page {number}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_file(pages: int = 1, name: str = "paper.pdf", text: str = "Background paper") -> ContentFile:
    return ContentFile(pdf_bytes(pages, text), name=name)
