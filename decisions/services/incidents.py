"""The incident log: opening an incident, writing its log one entry at a time, closing it and signing it off.

An entry is never changed or deleted (no service does it; the admin refuses; the database refuses: migration 0003).
A correction is a new entry that names the one it corrects. Each entry carries the hash of its content and the hash
of the entry before it, so a change made behind the app's back shows when the log is verified
(decisions/incidents.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from decisions import policy
from decisions.incidents import verify
from decisions.models import Incident, IncidentEntry
from decisions.models.incidents import GENESIS_HASH
from decisions.services._base import claim
from mayoral_office import audit
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError

# A loggist's watch and the server's clock may differ a little; beyond this an event "in the future" is a slip.
CLOCK_SLACK = timedelta(minutes=5)
LONG_TEXT = 20_000
KINDS = set(IncidentEntry.Kind.values)


def _text(value, *, field: str, what: str, limit: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError(f"Enter {what}", field=field)
    if len(value) > limit:
        raise ServiceError(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer", field=field)
    return value


def _not_in_future(moment: datetime | None, *, field: str, what: str) -> datetime:
    if moment is None:
        raise ServiceError(f"Enter {what}", field=field)
    if timezone.is_naive(moment):
        raise ServiceError(f"Enter {what} with its time zone", field=field)
    if moment > timezone.now() + CLOCK_SLACK:
        raise ServiceError(f"{what[0].upper()}{what[1:]} cannot be in the future", field=field)
    return moment


@service
def incident_open(*, actor, title: str, location: str = "", started_at: datetime, commander: str = "") -> Incident:
    """Open an incident's log: the actor is its loggist."""
    policy.require(actor, "incident.open")
    incident = Incident(
        title=_text(title, field="title", what="the title of the incident", limit=200, required=True),
        location=_text(location, field="location", what="the location", limit=200),
        commander=_text(commander, field="commander", what="who leads the response", limit=150),
        started_at=_not_in_future(started_at, field="started_at", what="the time the incident started"),
        loggist=actor,
    )
    incident.save()
    return incident


def _correction_target(incident: Incident, kind: str, corrects: IncidentEntry | None) -> IncidentEntry | None:
    if kind == IncidentEntry.Kind.CORRECTION and corrects is None:
        raise ServiceError("Enter the number of the entry this corrects", field="corrects")
    if corrects is None:
        return None
    if kind != IncidentEntry.Kind.CORRECTION:
        raise ServiceError("Only a correction refers to an earlier entry: choose 'Correction'", field="kind")
    if corrects.incident_id != incident.pk or corrects.pk is None:
        raise ServiceError("A correction must refer to an entry of this incident's log", field="corrects")
    return corrects


@service
def incident_write(
    *,
    actor,
    incident: Incident,
    kind: str,
    happened_at: datetime,
    what_happened: str,
    decision: str = "",
    rationale: str = "",
    by_whom: str = "",
    source: str = "",
    corrects: IncidentEntry | None = None,
) -> IncidentEntry:
    """Write the next entry of the log, chained to the one before it. The incident's row is locked while the entry
    is numbered, so two loggists writing at once never get the same number or the same previous hash."""
    incident = claim(actor, "incident.write", incident)
    if kind not in KINDS:
        raise ServiceError("Choose the kind of entry", field="kind")
    entry = IncidentEntry(
        incident=incident,
        kind=kind,
        happened_at=_not_in_future(happened_at, field="happened_at", what="the time of the event"),
        what_happened=_text(what_happened, field="what_happened", what="what happened", limit=LONG_TEXT, required=True),
        decision=_text(decision, field="decision", what="the decision", limit=LONG_TEXT),
        rationale=_text(rationale, field="rationale", what="the rationale", limit=LONG_TEXT),
        by_whom=_text(by_whom, field="by_whom", what="who made the decision or gave the information", limit=150),
        source=_text(source, field="source", what="the source of information", limit=200),
        corrects=_correction_target(incident, kind, corrects),
        written_by=actor,
    )
    last = incident.entries.order_by("-sequence").only("sequence", "content_hash").first()
    entry.sequence = last.sequence + 1 if last else 1
    entry.previous_hash = last.content_hash if last else GENESIS_HASH
    entry.written_at = timezone.now()
    entry.content_hash = entry.computed_hash()
    entry.save(force_insert=True)
    return entry


@service
def incident_close(*, actor, incident: Incident) -> Incident:
    """The emergency is over: the log takes no more entries and can be signed off."""
    incident = claim(actor, "incident.close", incident)
    incident.status = Incident.Status.CLOSED
    incident.closed_at = timezone.now()
    incident.save(update_fields=["status", "closed_at"])
    return incident


@service
def incident_sign_off(*, actor, incident: Incident) -> Incident:
    """The Head of Mayor's Office signs off a closed log, only if it verifies. The number of entries and the last
    hash are written in the audit trail (and printed on the PDF), so an entry removed from the end later shows."""
    incident = claim(actor, "incident.sign_off", incident)
    result = verify(incident)
    if not result.ok:
        raise ServiceError(f"{result.summary} It cannot be signed off until the change has been investigated.")
    incident.signed_off_by = actor
    incident.signed_off_at = timezone.now()
    incident.save(update_fields=["signed_off_by", "signed_off_at"])
    audit.record_change(
        actor=actor,
        obj=incident,
        changes={"log": ["", f"{result.entries} entries, last hash {result.last_hash}"]},
        note="Incident log signed off",
    )
    return incident
