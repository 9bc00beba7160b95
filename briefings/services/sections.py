"""Sections of a pack: adding one of a kind, writing its text (Markdown, cleaned of any HTML on the way in),
moving it up or down, removing it, and uploading the PDF of a background paper.

Every change is refused once the pack leaves preparation (the policy says why: reopen or revise it first)."""

from __future__ import annotations

import uuid

from django.db import transaction

from briefings.models import Pack, Section, SectionKind
from briefings.services._base import bump, claim
from briefings.uploads import check_paper
from mayoral_office.audit import record_change, service
from mayoral_office.errors import ServiceError
from mayoral_office.text import clean_markdown

BODY_LIMIT = 100_000  # a speech is a few thousand words; a paste of 100,000 characters is a mistake
TITLE_LIMIT = 200
DIRECTIONS = ("up", "down")


def _title(title: str, kind: str) -> str:
    title = (title or "").strip() or SectionKind(kind).label
    if len(title) > TITLE_LIMIT:
        raise ServiceError(f"The heading must be {TITLE_LIMIT} characters or fewer", field="title")
    return title


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _renumber(pack: Pack, ordered: list[Section] | None = None) -> None:
    """Positions 1, 2, 3... in the order given (or the pack's own order), saving only those that moved."""
    sections = ordered if ordered is not None else list(pack.sections.order_by("position", "pk"))
    for number, section in enumerate(sections, start=1):
        if section.position != number:
            section.position = number
            section.save(update_fields=["position", "updated_at"])


@service
def section_add(*, actor, pack: Pack, kind: str, title: str = "") -> Section:
    """A new, empty section of `kind` at the end of the pack."""
    if kind not in SectionKind.values:
        raise ServiceError("Choose the kind of section from the list", field="kind")
    title = _title(title, kind)
    pack = claim(actor, "section.add", pack)
    last = pack.sections.order_by("-position").values_list("position", flat=True).first() or 0
    return Section.objects.create(pack=pack, kind=kind, title=title, position=last + 1, updated_by=_user(actor))


@service
def section_update(*, actor, section: Section, title: str, body: str, expected_version: int | None = None) -> Section:
    """The section's heading and text. The text is Markdown: any HTML typed or pasted into it is removed."""
    if len(body or "") > BODY_LIMIT:
        raise ServiceError(f"The text must be {BODY_LIMIT:,} characters or fewer", field="body")
    section = claim(actor, "section.edit", section, expected_version)
    section.title = _title(title, section.kind)
    section.body = clean_markdown(body)
    section.updated_by = _user(actor)
    bump(section)
    section.save()
    return section


@service
def section_move(*, actor, section: Section, direction: str) -> Section:
    """Move the section one place up or down; the pack's sections are numbered 1, 2, 3... again."""
    if direction not in DIRECTIONS:
        raise ServiceError("Choose to move the section up or down")
    pack = claim(actor, "section.reorder", section.pack)
    sections = list(pack.sections.order_by("position", "pk"))
    index = next((i for i, s in enumerate(sections) if s.pk == section.pk), None)
    if index is None:
        raise ServiceError("This section is no longer in the pack")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(sections):
        raise ServiceError(f"“{section.title}” is already {'first' if direction == 'up' else 'last'}")
    sections[index], sections[other] = sections[other], sections[index]
    _renumber(pack, sections)
    moved = sections[other]
    record_change(
        actor=actor,
        obj=pack,
        changes={"section order": ["", ", ".join(s.title for s in sections)]},
        note=f"“{moved.title}” moved {direction}",
    )
    return moved


@service
def section_remove(*, actor, section: Section, expected_version: int | None = None) -> Pack:
    """Remove a section (and its paper) from a pack in preparation. A section asked of someone is removed only
    once that commission is cancelled."""
    section = claim(actor, "section.remove", section, expected_version)
    if section.commissions.filter(state__in=_open_states()).exists():
        raise ServiceError("Someone has been asked to write this section: cancel the commission before removing it")
    pack = section.pack
    paper = section.paper.name if section.paper else ""
    section.delete()
    _renumber(pack)
    if paper:
        storage = Section._meta.get_field("paper").storage
        transaction.on_commit(lambda: storage.delete(paper))
    return pack


def _open_states():
    from briefings.models.commissions import OPEN_STATES

    return OPEN_STATES


@service
def section_upload_paper(*, actor, section: Section, upload) -> Section:
    """The PDF of a background paper (a section of kind "Background papers"), checked before anything is kept: a
    PDF, not password-protected, not damaged, not empty, at most 20 MB and 200 pages. A replaced paper's file is
    deleted only once the new one is saved; a refusal leaves the section as it was."""
    if section.kind != SectionKind.PAPERS:
        raise ServiceError("Only a “Background papers” section takes an uploaded paper", field="paper")
    checked = check_paper(upload)
    section = claim(actor, "section.upload_paper", section)
    old = section.paper.name if section.paper else ""
    field = section.paper
    upload.seek(0)
    field.save(f"{uuid.uuid4().hex}.pdf", upload, save=False)
    new = field.name
    try:
        section.paper_name = checked.name
        section.paper_pages = checked.pages
        section.updated_by = _user(actor)
        bump(section)
        section.save()
    except Exception:
        field.storage.delete(new)
        raise
    transaction.on_commit(lambda: old and field.storage.delete(old))
    return section
