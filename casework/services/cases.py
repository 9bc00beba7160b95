"""Cases: intake, details, allocation, stages, the clock, the timeline, documents, links and merges."""

from __future__ import annotations

import os
from datetime import date, datetime

from django.utils import timezone

from casework import policy
from casework.deadlines import apply_deadlines, check_received, fmt, working_days_text
from casework.email_files import EmailFile
from casework.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseType,
    Channel,
    Correspondent,
    HoldPeriod,
    Sensitivity,
    Status,
)
from casework.selectors import allocatable_officers, members_for
from casework.services._base import claim, event, move, reference_next, search_document, withdraw_approval
from casework.uploads import check_upload
from mayoral_office.access import may_see_sensitive, sees_everything
from mayoral_office.audit import service
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.outbox import queue_email
from mayoral_office.working_days import working_days_between

CORRESPONDENT_FIELDS = [
    "kind", "title", "name", "salutation", "organisation", "address", "postcode", "ward", "email", "phone"
]  # fmt: skip
# The timeline entry a follow-up makes, by how it arrived.
FOLLOW_UP_KINDS = {
    Channel.EMAIL: CaseEvent.Kind.EMAIL,
    Channel.PHONE: CaseEvent.Kind.CALL,
    Channel.IN_PERSON: CaseEvent.Kind.MEETING,
}
EDITABLE_FIELDS = {
    "case_type",
    "channel",
    "subject",
    "summary",
    "body",
    "portfolio",
    "ward",
    "sensitivity",
    "priority",
    "received_at",
}


# --- intake -------------------------------------------------------------------------------------------------
@service
def case_log(
    *,
    actor,
    case_type: CaseType,
    received_at: datetime,
    member,
    subject: str,
    correspondent: Correspondent | None = None,
    correspondent_details: dict | None = None,
    channel: str = "letter",
    summary: str = "",
    body: str = "",
    portfolio=None,
    ward=None,
    sensitivity: str = Sensitivity.STANDARD,
    priority: str = "normal",
    officer=None,
    files=(),
    email: EmailFile | None = None,
) -> Case:
    """Log incoming correspondence as a new case with its reference and target dates (and, from an email file,
    the email's attachments; one that cannot be kept is named on the timeline)."""
    policy.require(actor, "casework.log")
    files = _with_email(files, email)
    if not members_for(actor).filter(pk=member.pk).exists():
        raise PermissionDenied("You can only log cases for the members you support")
    if sensitivity != Sensitivity.STANDARD and not may_see_sensitive(actor):
        raise PermissionDenied("You cannot log sensitive or confidential cases")
    check_received(received_at)
    if not case_type.is_active:
        raise ServiceError("This case type is no longer in use", field="case_type")
    for upload in files:
        check_upload(upload)  # every file is checked before anything is written
    if sensitivity == Sensitivity.CONFIDENTIAL and officer is None and not sees_everything(actor):
        officer = actor  # otherwise the officer logging it could not see the case they just logged
    if correspondent is None:
        details = {k: v for k, v in (correspondent_details or {}).items() if k in CORRESPONDENT_FIELDS}
        if not details.get("name"):
            raise ServiceError("Enter the correspondent's name", field="name")
        correspondent = Correspondent.objects.create(**details)
    case = _create_case(
        actor,
        case_type=case_type,
        received_at=received_at,
        channel=channel,
        member=member,
        correspondent=correspondent,
        subject=subject,
        summary=summary,
        body=body,
        portfolio=portfolio,
        ward=ward,
        sensitivity=sensitivity,
        priority=priority,
    )
    for upload in files:
        _store_attachment(case, actor, upload, description="Received with the correspondence")
    if email is not None:
        _store_email_attachments(case, actor, email.kept, email.not_kept)
    if officer is not None:
        _allocate(case, actor, officer)
        case.save()
    return case


def _create_case(actor, *, case_type, received_at, channel, member, correspondent, ward=None, **fields) -> Case:
    """The new case, with its reference, its targets and the first line of its timeline. The checks are the
    caller's: case_log's for an officer, email intake's for a mailbox polled by the system."""
    case = Case(
        reference=reference_next(year=timezone.localtime(received_at).year),
        case_type=case_type,
        received_at=received_at,
        channel=channel,
        member=member,
        correspondent=correspondent,
        ward=ward or correspondent.ward,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **fields,
    )
    case.copy_targets()
    apply_deadlines(case)
    case.search_document = search_document(case)
    case.save()
    event(case, actor, CaseEvent.Kind.STAGE, f"Logged ({case.get_channel_display().lower()})", to_status=case.status)
    return case


@service
def case_follow_up(
    *,
    actor,
    case: Case,
    received_at: datetime,
    subject: str,
    channel: str = Channel.LETTER,
    summary: str = "",
    body: str = "",
    files=(),
    email: EmailFile | None = None,
) -> Case:
    """New correspondence that follows up an open case, added to that case's timeline (with its documents, and an
    email file's attachments) instead of opening a second case for the same matter."""
    policy.require(actor, "case.add_note", case)
    files = _with_email(files, email)
    if not case.is_open or case.merged_into_id:
        raise ServiceError(f"{case.reference} is finished. Log a new case instead", field="match")
    if not subject.strip():
        raise ServiceError("Enter the subject", field="subject")
    check_received(received_at)
    for upload in files:
        check_upload(upload)  # every file is checked before anything is written
    how = Channel(channel).label.lower() if channel in Channel.values else "letter"
    parts = [f"Follow-up received ({how}): {subject.strip()}", summary.strip(), body.strip()]
    text = "\n\n".join(part for part in parts if part)
    event(case, actor, FOLLOW_UP_KINDS.get(channel, CaseEvent.Kind.NOTE), text, at=received_at)
    for upload in files:
        _store_attachment(case, actor, upload, description="Received with a follow-up")
    if email is not None:
        _store_email_attachments(case, actor, email.kept, email.not_kept)
    return case


def _with_email(files, email: EmailFile | None) -> list:
    """The files uploaded, checked later with the rest; an email file that is not correspondence is refused."""
    if email is not None and email.refusal:
        raise ServiceError(email.refusal, field="email_file")
    return list(files)


def _store_email_attachments(case: Case, actor, kept, not_kept) -> None:
    """An email's attachments that passed the upload checks, kept with the case; each other one named on the
    timeline with the reason (the email is still logged)."""
    for upload in kept:
        _store_attachment(case, actor, upload, description="Received with the email")
    for reason in not_kept:
        event(case, actor, CaseEvent.Kind.DOCUMENT, f"Attachment not kept: {reason}")


@service
def case_update(*, actor, case: Case, expected_version: int, **fields) -> Case:
    """Edit a case's details. Refuses with a conflict if someone else saved the case since it was loaded."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Cannot edit {', '.join(sorted(unknown))}")
    if fields.get("sensitivity", Sensitivity.STANDARD) != Sensitivity.STANDARD and not may_see_sensitive(actor):
        raise PermissionDenied("You cannot mark a case sensitive or confidential")
    if "received_at" in fields:
        check_received(fields["received_at"])
    case = claim(actor, "case.edit", case, expected_version)
    changed = [name for name, value in fields.items() if getattr(case, name) != value]
    for name, value in fields.items():
        setattr(case, name, value)
    if "case_type" in changed:
        case.copy_targets()  # the new type's targets; an edit of the type elsewhere never re-targets a case
    moves = apply_deadlines(case) if {"case_type", "received_at"} & set(changed) else []
    case.search_document = search_document(case)
    case.save()
    if changed:
        labels = ", ".join(Case._meta.get_field(n).verbose_name for n in changed)
        event(case, actor, CaseEvent.Kind.SYSTEM, f"Details changed: {labels}")
    if moves:
        event(case, actor, CaseEvent.Kind.DEADLINE, "; ".join(moves) + ".")
    return case


# --- stages -------------------------------------------------------------------------------------------------
@service
def case_acknowledge(*, actor, case: Case, on: date | None = None, expected_version: int | None = None) -> Case:
    on = on or timezone.localdate()
    case = claim(actor, "case.acknowledge", case, expected_version)
    case.acknowledged_on = on
    if case.status == Status.RECEIVED:
        move(case, actor, Status.ACKNOWLEDGED, f"Acknowledged on {fmt(on)}")
    else:
        event(case, actor, CaseEvent.Kind.RESPONSE, f"Acknowledged on {fmt(on)}")
    case.save()
    return case


def _allocate(case: Case, actor, officer) -> None:
    if not allocatable_officers().filter(pk=officer.pk).exists():
        raise ServiceError("Choose an officer of the Mayor's Office", field="officer")
    previous = case.officer
    case.officer = officer
    if case.status in {Status.RECEIVED, Status.ACKNOWLEDGED, Status.REOPENED}:
        move(case, actor, Status.ALLOCATED, f"Allocated to {officer}")
    else:
        text = f"Reallocated from {previous} to {officer}" if previous else f"Allocated to {officer}"
        event(case, actor, CaseEvent.Kind.SYSTEM, text)
    if officer != actor and officer.email:
        queue_email(
            to=[officer.email],
            subject=f"Case {case.reference} allocated to you",
            body=f"{actor} allocated case {case.reference} ({case.subject}) to you. "
            f"The response is due on {fmt(case.response_due)}.",
            kind="casework.allocated",
        )


@service
def case_allocate(*, actor, case: Case, officer, expected_version: int | None = None) -> Case:
    case = claim(actor, "case.allocate", case, expected_version)
    if case.officer_id == officer.pk:
        raise ServiceError(f"This case is already allocated to {officer}", field="officer")
    if case.sensitivity == Sensitivity.CONFIDENTIAL and not sees_everything(actor) and officer != actor:
        raise ServiceError(
            "Only the Head of Mayor's Office can pass a confidential case to another officer", field="officer"
        )
    _allocate(case, actor, officer)
    case.save()
    return case


@service
def cases_bulk_allocate(*, actor, cases, officer) -> int:
    """Allocate several cases at once; all or nothing."""
    count = 0
    for case in cases:
        if case.officer_id == officer.pk:
            continue
        case_allocate(actor=actor, case=case, officer=officer)
        count += 1
    return count


@service
def case_move(*, actor, case: Case, to_status: str, reason: str = "", expected_version: int | None = None) -> Case:
    """A plain stage move (drafting, with directorate, no reply needed, closed, reopened) with its reason."""
    if to_status not in policy.MOVE_ACTIONS:
        raise ServiceError("Use the matching action for this step")
    if to_status in {Status.NO_REPLY_NEEDED, Status.REOPENED} and not reason.strip():
        raise ServiceError("Enter the reason", field="reason")
    case = claim(actor, policy.MOVE_ACTIONS[to_status], case, expected_version)
    if to_status == Status.CLOSED and case.status == Status.REOPENED and not reason.strip():
        raise ServiceError("Enter the reason", field="reason")
    if case.status in {Status.AWAITING_APPROVAL, Status.APPROVED} and to_status == Status.DRAFTING:
        withdraw_approval(case)  # the officer takes the draft back: no longer waiting for, or carrying, approval
        reason = reason or "Draft withdrawn from the member"
    move(case, actor, to_status, reason)
    if to_status == Status.REOPENED:
        case.closed_at = None
    case.save()
    return case


@service
def case_hold(*, actor, case: Case, reason: str, on: date | None = None, expected_version: int | None = None) -> Case:
    """Stop the clock while waiting for the correspondent."""
    if not reason.strip():
        raise ServiceError("Enter why the case is on hold", field="reason")
    on = on or timezone.localdate()
    case = claim(actor, "case.hold", case, expected_version)
    previous = case.status
    move(case, actor, Status.ON_HOLD, f"Clock stopped: {reason}")
    case.status_before_hold = previous
    case.on_hold_since = on
    case.hold_reason = reason
    HoldPeriod.objects.create(case=case, started_on=on, reason=reason)
    case.save()
    return case


@service
def case_resume(*, actor, case: Case, on: date | None = None, expected_version: int | None = None) -> Case:
    """Restart the clock: the targets move by the working days spent on hold."""
    on = on or timezone.localdate()
    case = claim(actor, "case.resume", case, expected_version)
    if on < case.on_hold_since:
        raise ServiceError("The clock cannot restart before it stopped")
    paused = working_days_between(case.on_hold_since, on, calendar=case.calendar)
    hold = case.holds.filter(ended_on__isnull=True).order_by("-started_on").first()
    if hold:
        hold.ended_on = on
        hold.working_days = paused
        hold.save()
    case.paused_working_days += paused
    move(case, actor, case.status_before_hold or Status.RECEIVED, f"Clock restarted after {working_days_text(paused)}")
    case.status_before_hold = ""
    case.on_hold_since = None
    case.hold_reason = ""
    moves = apply_deadlines(case)
    case.save()
    if moves:
        event(
            case, actor, CaseEvent.Kind.DEADLINE, f"On hold for {working_days_text(paused)}. " + "; ".join(moves) + "."
        )
    return case


# --- timeline and documents ---------------------------------------------------------------------------------
TIMELINE_KINDS = {CaseEvent.Kind.NOTE, CaseEvent.Kind.CALL, CaseEvent.Kind.MEETING, CaseEvent.Kind.EMAIL}


@service
def case_add_event(*, actor, case: Case, kind: str, text: str, at: datetime | None = None) -> CaseEvent:
    """A note, call, meeting or email on the timeline."""
    policy.require(actor, "case.add_note", case)
    if kind not in TIMELINE_KINDS:
        raise ServiceError("Choose what kind of entry this is", field="kind")
    if not text.strip():
        raise ServiceError("Enter the details", field="text")
    if at and at > timezone.now():
        raise ServiceError("The date must be today or in the past")
    return event(case, actor, kind, text, at=at)


def _store_attachment(case, actor, upload, description="") -> Attachment:
    content_type = check_upload(upload)
    attachment = Attachment(
        case=case,
        original_name=os.path.basename(upload.name)[:200],
        content_type=content_type,
        size=upload.size,
        description=description,
        uploaded_by=actor,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.save()
    event(case, actor, CaseEvent.Kind.DOCUMENT, f"Document added: {attachment.original_name}")
    return attachment


@service
def attachment_add(*, actor, case: Case, upload, description: str = "") -> Attachment:
    policy.require(actor, "case.add_document", case)
    return _store_attachment(case, actor, upload, description)


# --- linking and merging ------------------------------------------------------------------------------------
@service
def case_link(*, actor, case: Case, other: Case) -> None:
    policy.require(actor, "case.link", case)
    policy.require(actor, "case.view", other)
    if case.pk == other.pk:
        raise ServiceError("A case cannot be linked to itself", field="reference")
    case.related_cases.add(other)
    event(case, actor, CaseEvent.Kind.SYSTEM, f"Linked to {other.reference}")
    event(other, actor, CaseEvent.Kind.SYSTEM, f"Linked to {case.reference}")


@service
def case_merge(*, actor, duplicate: Case, into: Case) -> Case:
    """Close a duplicate into the main case: its documents and timeline stay, pointing at the main case."""
    policy.require(actor, "case.view", into)
    if duplicate.pk == into.pk:
        raise ServiceError("A case cannot be merged into itself")
    if into.merged_into_id:
        raise ServiceError(f"{into.reference} has itself been merged; merge into {into.merged_into.reference}")
    duplicate = claim(actor, "case.merge", duplicate)
    duplicate.merged_into = into
    duplicate.related_cases.add(into)
    if duplicate.status != Status.CLOSED:
        move(duplicate, actor, Status.NO_REPLY_NEEDED, f"Duplicate of {into.reference}")
        move(duplicate, actor, Status.CLOSED, f"Merged into {into.reference}")
    duplicate.save()
    event(into, actor, CaseEvent.Kind.SYSTEM, f"{duplicate.reference} merged into this case")
    return duplicate
