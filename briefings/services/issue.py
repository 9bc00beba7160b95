"""Clearance, issue and revision of a pack, and the rendering of an issued version's PDF.

- Clearing (the Head of Mayor's Office or a clearance delegate) is refused while a commission is open (the policy
  says why); reopening takes a cleared pack back into preparation.
- Issuing freezes the next numbered version: its sections as they are (kind, title, body, paper name and pages) and
  a copy of each background paper's bytes kept under the version, so neither a later edit nor a replaced paper
  changes what was issued. From version 2 on it needs a change summary. The render is queued once the issue is
  committed (immediately, in the process, in the embedded default with no Redis); the members are emailed.
- Rendering (`version_render`, the job the Celery task runs) makes the PDF from the snapshot and the copied papers,
  stores it once with its SHA-256 and page count, and never writes it again: a READY version's file is
  byte-identical forever. While it runs, how many papers are done is kept in the cache for the progress box (the
  version row itself is written once, when the job ends, ready or failed).
- Revising an issued pack takes it back into preparation; the member keeps the latest issued version meanwhile.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from pypdf.errors import PdfReadError

from briefings import pdf, tasks
from briefings.models import Pack, PackStatus, PackVersion, RenderState
from briefings.selectors.versions import progress_key
from briefings.services._base import bump, claim
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.outbox import queue_email

log = logging.getLogger(__name__)

CHANGE_SUMMARY_LIMIT = 2000
PROGRESS_SECONDS = 60 * 60


@service
def pack_clear(*, actor, pack: Pack, expected_version: int | None = None) -> Pack:
    """The Head of Mayor's Office (or a clearance delegate) clears the pack for issue."""
    pack = claim(actor, "pack.clear", pack, expected_version)
    pack.status = PackStatus.CLEARED
    pack.cleared_by = actor
    pack.cleared_at = timezone.now()
    bump(pack)
    pack.save()
    return pack


@service
def pack_reopen(*, actor, pack: Pack, expected_version: int | None = None) -> Pack:
    """A cleared pack back into preparation (to change it); it must be cleared again before it is issued."""
    pack = claim(actor, "pack.reopen", pack, expected_version)
    pack.status = PackStatus.DRAFT
    pack.cleared_by = None
    pack.cleared_at = None
    bump(pack)
    pack.save()
    return pack


@service
def pack_revise(*, actor, pack: Pack, expected_version: int | None = None) -> Pack:
    """An issued pack back into preparation for a new version; the members keep the latest issued one meanwhile."""
    pack = claim(actor, "pack.revise", pack, expected_version)
    pack.status = PackStatus.DRAFT
    pack.cleared_by = None
    pack.cleared_at = None
    bump(pack)
    pack.save()
    return pack


@service
def pack_issue(*, actor, pack: Pack, change_summary: str = "", expected_version: int | None = None) -> PackVersion:
    """Freeze the next numbered version of a cleared pack, queue its PDF and tell its members."""
    pack = claim(actor, "pack.issue", pack, expected_version)
    change_summary = (change_summary or "").replace("\r\n", "\n").strip()
    number = (pack.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    if number > 1 and not change_summary:
        raise ServiceError(f"Say what has changed since version {number - 1}", field="change_summary")
    if len(change_summary) > CHANGE_SUMMARY_LIMIT:
        raise ServiceError(
            f"The change summary must be {CHANGE_SUMMARY_LIMIT:,} characters or fewer", field="change_summary"
        )
    sections = list(pack.sections.order_by("position", "pk"))
    snapshot, blobs = _snapshot(sections)
    version = PackVersion.objects.create(
        pack=pack,
        number=number,
        issued_at=timezone.now(),
        issued_by=actor,
        change_summary=change_summary,
        snapshot=snapshot,
        marking=pack.marking,
        papers_total=len(blobs),
        render_state=RenderState.QUEUED,
    )
    _keep_papers(version, blobs)
    pack.status = PackStatus.ISSUED
    pack.latest_version = number
    bump(pack)
    pack.save()
    _tell_members(pack, version)
    transaction.on_commit(lambda: _queue_render(version.pk))
    return version


def _queue_render(version_pk: int) -> None:
    """The render, queued once the issue is committed. If the queue cannot be reached the version stays QUEUED (its
    page says so) and `manage.py render_pack_version` makes it later: the issue itself stands."""
    try:
        tasks.render_pack_version.delay(version_pk)
    except Exception:  # the broker cannot be reached (kombu OperationalError, a socket error): logged, not lost
        log.exception("Could not queue the render of pack version %s", version_pk)


def _snapshot(sections) -> tuple[list[dict], list[bytes]]:
    """The sections as issued, and the bytes of their papers (read and checked now: an unreadable paper stops the
    issue with a message, not the render later)."""
    snapshot, blobs = [], []
    for section in sections:
        entry = {
            "section": section.pk,
            "kind": section.kind,
            "title": section.title,
            "body": section.body,
            "paper_name": section.paper_name if section.paper else "",
            "paper_pages": section.paper_pages if section.paper else 0,
        }
        if section.paper:
            blob = _read_paper(section)
            entry.update(paper=len(blobs), paper_sha256=hashlib.sha256(blob).hexdigest())
            entry["paper_pages"] = pdf.count_pages(blob)
            blobs.append(blob)
        snapshot.append(entry)
    return snapshot, blobs


def _read_paper(section) -> bytes:
    name = section.paper_name or "the background paper"
    try:
        with section.paper.open("rb") as handle:
            blob = handle.read()
        pdf.count_pages(blob)
    except (OSError, PdfReadError, ValueError) as exc:
        raise ServiceError(f"{name} (in “{section.title}”) could not be read: upload it again or remove it") from exc
    return blob


def _keep_papers(version: PackVersion, blobs: list[bytes]) -> None:
    """A copy of each paper under the version: the version's PDF is made from these, never from the sections."""
    for entry in version.snapshot:
        if "paper" in entry:
            name = f"briefings/versions/{version.pack_id}/{version.number}/paper-{entry['paper'] + 1}.pdf"
            entry["paper_file"] = default_storage.save(name, ContentFile(blobs[entry["paper"]]))
    version.save(update_fields=["snapshot"])


def _tell_members(pack: Pack, version: PackVersion) -> None:
    addresses = [m.user.email for m in pack.members.select_related("user") if m.user_id and m.user.is_active]
    if not addresses:
        return
    revised = f" It replaces version {version.number - 1}: {version.change_summary}" if version.number > 1 else ""
    queue_email(
        to=addresses,
        subject=f"Briefing pack issued: {pack.title} (version {version.number})",
        body=f"Version {version.number} of your briefing pack “{pack.title}” ({pack.reference}) has been issued."
        f"{revised}\n\nRead it in the Mayor's Office service, under Briefings.",
        kind="briefings.version_issued",
        regarding=pack,
    )


def _snapshot_papers(version: PackVersion) -> list[tuple[str, bytes]]:
    """The copied papers of a version, in the order the snapshot numbers them."""
    found = []
    for entry in sorted((e for e in version.snapshot if "paper" in e), key=lambda e: e["paper"]):
        with default_storage.open(entry["paper_file"], "rb") as handle:
            found.append((entry.get("paper_name") or "paper.pdf", handle.read()))
    return found


@service
def version_render(*, actor=None, version: PackVersion) -> PackVersion:
    """Make and store the version's PDF from its snapshot (the job of tasks.render_pack_version). A version already
    READY is left exactly as it is. A failure is recorded on the version (FAILED, with the reason); rendering it
    again is allowed then."""
    version = PackVersion.objects.select_for_update(of=("self",)).select_related("pack").get(pk=version.pk)
    if version.render_state == RenderState.READY:
        return version

    def progress(done: int, total: int) -> None:
        cache.set(progress_key(version.pk), {"done": done, "total": total}, PROGRESS_SECONDS)

    try:
        papers = _snapshot_papers(version)
        blob = pdf.render_pack(
            pack=version.pack,
            sections=version.snapshot,
            version_number=version.number,
            papers=papers,
            progress=progress,
            issued_at=timezone.localtime(version.issued_at),
        )
    except Exception as exc:  # any failure is the version's to show, not the worker's to lose
        log.exception("Rendering %s failed", version)
        version.render_state = RenderState.FAILED
        version.render_error = f"The PDF could not be made: {exc}"[:300]
        version.save(update_fields=["render_state", "render_error"])
        return version
    finally:
        cache.delete(progress_key(version.pk))
    version.pdf.save(f"{version.pack.reference}-v{version.number}.pdf", ContentFile(blob), save=False)
    version.sha256 = hashlib.sha256(blob).hexdigest()
    version.pages = pdf.count_pages(blob)
    version.papers_total = version.papers_done = len(papers)
    version.render_state = RenderState.READY
    version.render_error = ""
    version.save()
    return version
