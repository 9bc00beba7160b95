"""The speech library: reusable passages (standard lines, biographies, statistics with their source and date,
quotations) kept by the office, and inserted into a pack's sections, each insertion recorded (where it was used)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from briefings import policy
from briefings.models import Passage, PassageKind, PassageUse, Section
from briefings.selectors import library as selectors
from briefings.services._base import bump, claim
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.text import clean_markdown

TITLE_LIMIT = 200
SOURCE_LIMIT = 300
BODY_LIMIT = 20_000
SECTION_LIMIT = 100_000  # a section's text, with the passage added


def _checked(*, title: str, kind: str, body: str, source: str, source_date: date | None, review_on) -> dict:
    """The passage's fields, cleaned, or a ServiceError naming the field at fault."""
    title, source, body = (title or "").strip(), (source or "").strip(), clean_markdown(body or "")
    if not title:
        raise ServiceError("Enter a title for the passage", field="title")
    if len(title) > TITLE_LIMIT:
        raise ServiceError(f"The title must be {TITLE_LIMIT} characters or fewer", field="title")
    if kind not in PassageKind.values:
        raise ServiceError("Choose what kind of passage it is", field="kind")
    if not body:
        raise ServiceError("Enter the text of the passage", field="body")
    if len(body) > BODY_LIMIT:
        raise ServiceError(f"The text must be {BODY_LIMIT:,} characters or fewer", field="body")
    if len(source) > SOURCE_LIMIT:
        raise ServiceError(f"The source must be {SOURCE_LIMIT} characters or fewer", field="source")
    if kind == PassageKind.STATISTIC and not source:
        raise ServiceError("Enter where the statistic comes from", field="source")
    if kind == PassageKind.STATISTIC and source_date is None:
        raise ServiceError("Enter the date of the statistic", field="source_date")
    if source_date is not None and source_date > timezone.localdate():
        raise ServiceError("The date of the statistic must be today or in the past", field="source_date")
    if review_on is None:
        raise ServiceError("Enter the date to review the passage by", field="review_on")
    return {
        "title": title,
        "kind": kind,
        "body": body,
        "source": source,
        "source_date": source_date,
        "review_on": review_on,
    }


@service
def passage_create(
    *, actor, title: str, kind: str, body: str, review_on: date, source: str = "", source_date: date | None = None
) -> Passage:
    """A new passage in the library, kept by the officer who adds it."""
    policy.require(actor, "library.edit")
    fields = _checked(title=title, kind=kind, body=body, source=source, source_date=source_date, review_on=review_on)
    return Passage.objects.create(owner=actor, **fields)


@service
def passage_update(
    *,
    actor,
    passage: Passage,
    title: str,
    kind: str,
    body: str,
    review_on: date,
    source: str = "",
    source_date: date | None = None,
    owner=None,
) -> Passage:
    """The passage changed (its text in packs already issued is not: insertions are copies)."""
    passage = claim(actor, "passage.edit", passage)
    fields = _checked(title=title, kind=kind, body=body, source=source, source_date=source_date, review_on=review_on)
    for name, value in fields.items():
        setattr(passage, name, value)
    if owner is not None:
        passage.owner = owner
    passage.save()
    return passage


@service
def passage_retire(*, actor, passage: Passage) -> Passage:
    """No longer offered for insertion; it stays on the list (filtered out by default) and where it was used."""
    passage = claim(actor, "passage.edit", passage)
    if passage.retired:
        raise ServiceError("This passage has already been retired")
    passage.retired = True
    passage.save()
    return passage


@service
def passage_insert(*, actor, section: Section, passage: Passage, expected_version: int | None = None) -> Section:
    """The passage's text added at the end of the section, and the use recorded (the passage's "where used")."""
    policy.require(actor, "passage.view", passage)
    section = claim(actor, "section.insert_passage", section, expected_version)
    passage = Passage.objects.select_for_update(of=("self",)).get(pk=passage.pk)
    if passage.retired:
        raise ServiceError("This passage has been retired: choose another", field="passage")
    body = clean_markdown("\n\n".join(part for part in (section.body.strip(), selectors.passage_text(passage)) if part))
    if len(body) > SECTION_LIMIT:
        raise ServiceError("The section would be too long with this passage added", field="passage")
    section.body = body
    section.updated_by = actor
    bump(section)
    section.save()
    PassageUse.objects.create(passage=passage, section=section, used_by=actor)
    return section
