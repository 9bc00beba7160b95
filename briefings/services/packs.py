"""Packs: making one for an engagement (from the diary), a meeting (from decisions) or standalone, changing its
details, and withdrawing it.

- A pack for an engagement or a meeting is due the briefing rules' working days before the day it happens (seed 2;
  `deadlines.pack_due`), and follows it when it moves (services/follow.py); a standalone pack's due date is the
  officer's, today or later.
- Its members come from the engagement unless the officer chooses them (a meeting's: the officer chooses).
- Its starting sections are made in the standard order of the section kinds: for an engagement a summary, key
  messages, speaking notes, attendee profiles and background (and a speech if the diary says one is needed); for a
  meeting a summary, the agenda, key messages and background; standalone a summary.
- Withdrawing a pack cancels its open commissions and tells the people asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from briefings import policy
from briefings.models import CommissionState, Marking, Pack, PackStatus, Section, SectionKind
from briefings.models.access import Reader
from briefings.selectors import packs as selectors
from briefings.services._base import bump, claim
from mayoral_office.audit import record_change, service
from mayoral_office.errors import ServiceError
from mayoral_office.outbox import queue_email

TITLE_LIMIT = 200
TEXT_LIMIT = 20_000
ORGANISATIONS_LIMIT = 300
REASON_LIMIT = 250
KIND_ORDER = [kind.value for kind in SectionKind]


# --- checks -------------------------------------------------------------------------------------------------------
def _text(value: str, *, field: str, limit: int, what: str, missing: str = "") -> str:
    value = (value or "").strip()
    if missing and not value:
        raise ServiceError(missing, field=field)
    if len(value) > limit:
        raise ServiceError(f"{what} must be {limit:,} characters or fewer", field=field)
    return value


def _check_marking(marking: str) -> str:
    if marking not in Marking.values:
        raise ServiceError("Choose the protective marking: OFFICIAL or OFFICIAL-SENSITIVE", field="marking")
    return marking


def _check_members(members) -> list:
    members = list(members or [])
    if not members:
        raise ServiceError("Choose at least one member the pack is for", field="members")
    return members


def _check_lead(lead_officer) -> None:
    if lead_officer is None:
        raise ServiceError("Choose the lead officer", field="lead_officer")
    if not lead_officer.is_active:
        raise ServiceError(f"{lead_officer} can no longer sign in: choose another lead officer", field="lead_officer")
    reader = Reader.of(lead_officer)
    if not (reader.everything or reader.officer):
        raise ServiceError(
            f"{lead_officer} does not prepare packs: choose the Head of Mayor's Office or a support officer",
            field="lead_officer",
        )


def _check_standalone_due(due_on) -> date:
    if not isinstance(due_on, date):
        raise ServiceError("Enter the date the pack is due", field="due_on")
    if due_on < timezone.localdate():
        raise ServiceError("The due date must be today or in the future", field="due_on")
    return due_on


def _check_source(engagement, meeting) -> None:
    from decisions.models import MeetingStatus

    if engagement is not None and meeting is not None:
        raise ServiceError("A pack is for an engagement or a meeting, not both")
    if engagement is not None:
        if engagement.is_cancelled:
            raise ServiceError("This engagement has been cancelled: a pack cannot be made for it", field="engagement")
        existing = Pack.objects.filter(engagement=engagement).exclude(status=PackStatus.WITHDRAWN).first()
        if existing is not None:
            raise ServiceError(
                f"This engagement already has a pack ({existing.reference}): work on that one", field="engagement"
            )
    if meeting is not None and meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError("This meeting has been cancelled: a pack cannot be made for it", field="meeting")


def _kinds(section_kinds: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(section_kinds or ()))
    unknown = [kind for kind in chosen if kind not in KIND_ORDER]
    if unknown:
        raise ServiceError("Choose the starting sections from the list", field="section_kinds")
    return sorted(chosen, key=KIND_ORDER.index)


# --- services -----------------------------------------------------------------------------------------------------
@service
def pack_create(
    *,
    actor,
    title: str,
    members=None,
    lead_officer,
    marking: str = Marking.OFFICIAL,
    engagement=None,
    meeting=None,
    due_on: date | None = None,
    purpose: str = "",
    ward=None,
    organisations: str = "",
    section_kinds: Iterable[str] | None = None,
) -> Pack:
    """A new pack in preparation, with its starting sections in the standard order."""
    policy.require(actor, "pack.create")
    title = _text(title, field="title", limit=TITLE_LIMIT, what="The title", missing="Enter the pack's title")
    _check_source(engagement, meeting)
    if engagement is not None and not members:
        members = list(engagement.members.all())
    members = _check_members(members)
    _check_marking(marking)
    _check_lead(lead_officer)
    purpose = _text(purpose, field="purpose", limit=TEXT_LIMIT, what="What the member needs")
    if not organisations and engagement is not None:
        organisations = engagement.organiser or ""
    organisations = _text(organisations, field="organisations", limit=ORGANISATIONS_LIMIT, what="The organisations")
    if engagement is not None or meeting is not None:
        due_on = selectors.computed_due(engagement, meeting)
    else:
        due_on = _check_standalone_due(due_on)
    kinds = _kinds(selectors.default_section_kinds(engagement, meeting) if section_kinds is None else section_kinds)
    pack = Pack.objects.create(
        title=title,
        engagement=engagement,
        meeting=meeting,
        marking=marking,
        lead_officer=lead_officer,
        due_on=due_on,
        purpose=purpose,
        ward=ward,
        organisations=organisations,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    pack.members.set(members)
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    Section.objects.bulk_create(
        Section(pack=pack, kind=kind, title=SectionKind(kind).label, position=number, updated_by=actor_user)
        for number, kind in enumerate(kinds, start=1)
    )
    if kinds:
        record_change(
            actor=actor,
            obj=pack,
            changes={"sections": ["", ", ".join(SectionKind(kind).label for kind in kinds)]},
            note="Starting sections added",
        )
    return pack


@service
def pack_update(
    *,
    actor,
    pack: Pack,
    title: str,
    marking: str,
    members,
    lead_officer,
    purpose: str = "",
    ward=None,
    organisations: str = "",
    due_on: date | None = None,
    expected_version: int | None = None,
) -> Pack:
    """Change a pack in preparation: its title, marking, members, lead officer, purpose, what its background looks
    for, and (standalone only) its due date. A pack for an engagement or meeting keeps the date computed from it."""
    title = _text(title, field="title", limit=TITLE_LIMIT, what="The title", missing="Enter the pack's title")
    members = _check_members(members)
    _check_marking(marking)
    _check_lead(lead_officer)
    purpose = _text(purpose, field="purpose", limit=TEXT_LIMIT, what="What the member needs")
    organisations = _text(organisations, field="organisations", limit=ORGANISATIONS_LIMIT, what="The organisations")
    pack = claim(actor, "pack.edit", pack, expected_version)
    if pack.kind == "standalone" and due_on is not None and due_on != pack.due_on:
        pack.due_on = _check_standalone_due(due_on)
    before = sorted(pack.members.values_list("pk", flat=True))
    pack.title, pack.marking, pack.lead_officer = title, marking, lead_officer
    pack.purpose, pack.ward, pack.organisations = purpose, ward, organisations
    bump(pack)
    pack.save()
    after = sorted(m.pk for m in members)
    if before != after:
        pack.members.set(members)
        record_change(
            actor=actor,
            obj=pack,
            changes={"members": [", ".join(map(str, before)), ", ".join(map(str, after))]},
            note="Members changed: " + ", ".join(str(m) for m in members),
        )
    return pack


@service
def pack_withdraw(*, actor, pack: Pack, reason: str, expected_version: int | None = None) -> Pack:
    """Withdraw a pack that is no longer needed (the engagement was called off, or another pack replaces it). Its
    open commissions are cancelled and the people asked are told; its issued versions stay readable to the office."""
    reason = _text(
        reason, field="reason", limit=REASON_LIMIT, what="The reason", missing="Enter why the pack is withdrawn"
    )
    pack = claim(actor, "pack.withdraw", pack, expected_version)
    pack.status = PackStatus.WITHDRAWN
    pack.withdrawn_reason = reason
    bump(pack)
    pack.save()
    _cancel_commissions(pack, reason)
    return pack


def _cancel_commissions(pack: Pack, reason: str) -> None:
    from briefings.models import Commission
    from briefings.models.commissions import OPEN_STATES

    open_ones = Commission.objects.filter(section__pack=pack, state__in=OPEN_STATES).select_related(
        "assignee", "section"
    )
    for commission in open_ones:
        commission.state = CommissionState.CANCELLED
        commission.decided_at = timezone.now()
        commission.comments = f"The pack was withdrawn: {reason}"
        commission.version += 1
        commission.save()
        assignee = commission.assignee
        if assignee.is_active and assignee.email:
            queue_email(
                to=[assignee.email],
                subject=f"No longer needed: “{commission.section.title}” for {pack.title}",
                body=(
                    f"The pack “{pack.title}” has been withdrawn, so the section “{commission.section.title}” you "
                    f"were asked to write is no longer needed.\n\nReason: {reason}\n"
                ),
                kind="briefings.commission_cancelled",
                regarding=commission,
            )
