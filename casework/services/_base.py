"""What the casework services share: claiming a case for a change, the timeline, stage moves and references.
Internal to the services package: views never call these."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from casework import policy
from casework.models import (
    FINISHED_STATUSES,
    Case,
    CaseEvent,
    ContributionRequest,
    Draft,
    ReferenceCounter,
    Status,
    can_move,
)
from mayoral_office.errors import Conflict, ServiceError

CASE_CHANGED = (
    "Someone else changed this case while you were working on it. Your changes have not been saved. "
    "Check the case as it is now and make your changes again."
)


def claim(actor, action: str, case: Case, expected_version: int | None = None) -> Case:
    """Lock the case row for this change and check the policy on it as it is now. With `expected_version`,
    refuse (Conflict) if someone saved the case since the officer loaded it."""
    policy.case_policy.require_permission(actor, action, case)  # before the lock: a stranger learns nothing
    fresh = lock(case, expected_version)
    policy.case_policy.require_state(action, fresh)  # on the case as it is now, not as the page showed it
    return fresh


def lock(case: Case, expected_version: int | None = None) -> Case:
    """The case as it is now, locked until the transaction ends, its version raised (Conflict if it is not
    `expected_version` any more). For a change the acting user's own rights were already checked for."""
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) == 0:
        raise Conflict(CASE_CHANGED)
    return Case.objects.select_for_update().select_related("case_type", "correspondent", "member").get(pk=case.pk)


def event(case: Case, actor, kind: str, text: str = "", *, from_status="", to_status="", at=None) -> CaseEvent:
    """A line on the case timeline."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        text=text,
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
    )


def move(case: Case, actor, to_status: str, reason: str = "") -> None:
    """Move the case along the transitions table and write the stage history."""
    if not can_move(case.status, to_status):
        raise ServiceError(
            f"A case that is '{case.get_status_display().lower()}' cannot be moved to "
            f"'{Status(to_status).label.lower()}'."
        )
    from_status = case.status
    case.status = to_status
    if to_status == Status.CLOSED:
        case.closed_at = timezone.now()
    event(case, actor, CaseEvent.Kind.STAGE, reason, from_status=from_status, to_status=to_status)
    if to_status in FINISHED_STATUSES:
        contributions_no_longer_needed(case, actor)


def contributions_no_longer_needed(case: Case, actor) -> None:
    """Once the case is answered, closed or needs no reply, requests still waiting for a directorate are no longer
    needed: they leave the directorate's list and the chasers, and the timeline says so (each row saved, so each
    has its audit entry)."""
    outstanding: list[ContributionRequest] = list(case.contributions.outstanding().select_related("directorate"))
    now = timezone.now()
    for item in outstanding:
        item.no_longer_needed_at = now
        item.save(update_fields=["no_longer_needed_at"])
        event(
            case,
            actor,
            CaseEvent.Kind.CONTRIBUTION,
            f"Contribution from {item.directorate} no longer needed (case {Status(case.status).label.lower()})",
        )


def withdraw_approval(case: Case, *, keep: Draft | None = None) -> list[Draft]:
    """Earlier versions sent for approval, or approved, no longer stand once the text changes or is withdrawn:
    they go back to plain drafts, so an approval can only ever cover the version the member saw."""
    withdrawn = [d for d in case.drafts.filter(state__in=[Draft.State.SUBMITTED, Draft.State.APPROVED]) if d != keep]
    for draft in withdrawn:
        draft_to(draft, Draft.State.DRAFT)
        draft.save(update_fields=["state"])
    return withdrawn


def draft_to(draft: Draft, state: str) -> None:
    """Move a version of the draft along DRAFT_TRANSITIONS (the caller saves it)."""
    if not draft.can_move_to(state):
        raise ServiceError(
            f"Version {draft.version} of the draft is '{draft.get_state_display().lower()}' and cannot be made "
            f"'{Draft.State(state).label.lower()}'"
        )
    draft.state = state


def search_document(case: Case) -> str:
    c = case.correspondent
    parts = [case.reference, case.subject, case.summary, case.body, c.name, c.organisation, c.email, c.postcode]
    return "\n".join(p for p in parts if p)


def reference_next(*, year: int) -> str:
    """The next reference for the year, e.g. MO/2026/00042. Unique and sequential even under concurrency: the
    counter row is created once, then incremented under its row lock until the transaction commits."""
    ReferenceCounter.objects.get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.filter(year=year).values_list("last", flat=True).get()
    return f"MO/{year}/{number:05d}"
