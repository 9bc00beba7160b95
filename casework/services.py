"""Every write to casework. Keyword-only `<thing>_<verb>(*, actor, ...)` functions: transactional, checking
permission and the rules, writing the case history and (through django-auditlog, with `acting_as`) the audit
entry with the acting user."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from casework.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    CaseType,
    ContributionRequest,
    Correspondent,
    Draft,
    Extension,
    HoldPeriod,
    ReferenceCounter,
    Sensitivity,
    Status,
    can_move,
)
from casework.selectors import may_draft, may_work_on_cases, members_for
from mayoral_office.access import is_directorate_contact, may_see_sensitive, sees_everything
from mayoral_office.audit import acting_as, log_access
from mayoral_office.outbox import queue_email as notification_queue
from mayoral_office.working_days import add_working_days, explain_due_date, working_days_between


class CaseworkError(Exception):
    """A rule of the office was broken; the message is plain English for the officer."""


class ConflictError(CaseworkError):
    """Someone else saved the case since this officer loaded it."""

    def __init__(self, message=None):
        super().__init__(
            message
            or "Someone else changed this case while you were working on it. "
            "Your changes have not been saved. "
            "Check the case as it is now and make your changes again."
        )


# --- helpers ------------------------------------------------------------------------------------------------
def _require_visible(actor, case: Case) -> None:
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied


def _require_worker(actor, case: Case | None = None) -> None:
    if not may_work_on_cases(actor):
        raise PermissionDenied
    if case is not None:
        _require_visible(actor, case)


def _claim(case: Case, expected_version: int | None) -> Case:
    """Lock the case row and bump its version; with `expected_version`, refuse if someone saved it since."""
    qs = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) == 0:
        raise ConflictError()
    fresh = Case.objects.select_for_update().select_related("case_type", "correspondent", "member").get(pk=case.pk)
    return fresh


def _event(case: Case, actor, kind: str, text: str = "", *, from_status="", to_status="", at=None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        text=text,
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
    )


def _move(case: Case, actor, to_status: str, reason: str = "") -> None:
    """Move the case along the transitions table and write the stage history."""
    if not can_move(case.status, to_status):
        raise CaseworkError(
            f"A case that is '{case.get_status_display().lower()}' cannot be moved to "
            f"'{Status(to_status).label.lower()}'."
        )
    from_status = case.status
    case.status = to_status
    if to_status == Status.CLOSED:
        case.closed_at = timezone.now()
    _event(case, actor, CaseEvent.Kind.STAGE, reason, from_status=from_status, to_status=to_status)
    if to_status in FINISHED_STATUSES:
        _contributions_no_longer_needed(case, actor)


def _contributions_no_longer_needed(case: Case, actor) -> None:
    """Once the case is answered, closed or needs no reply, requests still waiting for a directorate are no
    longer needed: they leave the directorate's list and the chasers, and the timeline says so."""
    outstanding = list(case.contributions.outstanding().select_related("directorate"))
    if not outstanding:
        return
    ContributionRequest.objects.filter(pk__in=[c.pk for c in outstanding]).update(no_longer_needed_at=timezone.now())
    for item in outstanding:
        _event(
            case,
            actor,
            CaseEvent.Kind.CONTRIBUTION,
            f"Contribution from {item.directorate} no longer needed (case {Status(case.status).label.lower()})",
        )


def _search_document(case: Case) -> str:
    c = case.correspondent
    parts = [
        case.reference,
        case.subject,
        case.summary,
        case.body,
        c.name,
        c.organisation,
        c.email,
        c.postcode,
    ]
    return "\n".join(p for p in parts if p)


RECEIVED_MAX_YEARS = 2  # a received date older than this is a typing slip (5/11/1900), not old post


def years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _check_received(received_at: datetime) -> None:
    if received_at > timezone.now():
        raise CaseworkError("The date received must be today or in the past")
    if timezone.localtime(received_at).date() < years_ago(timezone.localdate(), RECEIVED_MAX_YEARS):
        raise CaseworkError(f"The date received must be within the last {RECEIVED_MAX_YEARS} years")


def _fmt(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "none"


# --- deadlines ----------------------------------------------------------------------------------------------
def compute_deadlines(case: Case) -> dict[str, date | None]:
    """The target dates from the case's own copy of its type's targets and calendar (taken at intake, so a
    later change to the type does not re-target it), its extensions and the working days spent on hold."""
    if case.respond_days is None:
        case.copy_targets()
    start = case.received_on
    extra = sum(e.working_days for e in case.extensions.all()) if case.pk else 0
    extra += case.paused_working_days
    cal = case.calendar
    return {
        "acknowledge_due": add_working_days(start, case.acknowledge_days, calendar=cal)
        if case.acknowledge_days
        else None,
        "response_due": add_working_days(start, case.respond_days + extra, calendar=cal),
        "escalation_due": add_working_days(start, case.escalate_days + extra, calendar=cal)
        if case.escalate_days
        else None,
    }


def explain_deadlines(case: Case) -> dict:
    """What the 'why is it due then?' panel shows."""
    if case.respond_days is None:
        case.copy_targets()
    extensions = list(case.extensions.all())
    extension_days = sum(e.working_days for e in extensions)
    total = case.respond_days + extension_days + case.paused_working_days
    return {
        "received_on": case.received_on,
        "target_days": case.respond_days,
        "extension_days": extension_days,
        "paused_days": case.paused_working_days,
        "total_days": total,
        "calendar": case.get_calendar_display(),
        "skipped": explain_due_date(case.received_on, total, calendar=case.calendar),
        "due": case.response_due,
    }


def _apply_deadlines(case: Case) -> list[str]:
    """Recompute the target dates; return a description of what moved."""
    changes = []
    for field, value in compute_deadlines(case).items():
        old = getattr(case, field)
        if old != value:
            if old is not None:
                label = field.replace("_due", "").replace("_", " ")
                changes.append(f"{label.capitalize()} target moved from {_fmt(old)} to {_fmt(value)}")
            setattr(case, field, value)
    return changes


def case_recalculate_for_closure_day(*, actor, changed_day: date, note: str) -> int:
    """Registered with the working-day calendar: a closure day was added or removed; open deadlines follow."""
    affected = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .filter(received_at__date__lte=changed_day)
        .filter(
            Q(response_due__gte=changed_day) | Q(acknowledge_due__gte=changed_day) | Q(escalation_due__gte=changed_day)
        )
        .select_related("case_type", "correspondent")
        .prefetch_related("extensions")
    )
    changed = 0
    with acting_as(actor):
        for case in affected.select_for_update(of=("self",)) if _supports_for_update_of() else affected:
            moves = _apply_deadlines(case)
            if moves:
                case.version = F("version") + 1
                case.save(update_fields=["acknowledge_due", "response_due", "escalation_due", "version"])
                _event(case, actor, CaseEvent.Kind.DEADLINE, f"{note}. " + "; ".join(moves) + ".")
                changed += 1
    return changed


def _supports_for_update_of() -> bool:
    from django.db import connection

    return connection.features.has_select_for_update_of


# --- references ---------------------------------------------------------------------------------------------
def reference_next(*, year: int) -> str:
    """The next reference for the year, e.g. MO/2026/00042. Unique and sequential even under concurrency: the
    counter row is created once, then incremented under its row lock until the transaction commits."""
    ReferenceCounter.objects.get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.filter(year=year).values_list("last", flat=True).get()
    return f"MO/{year}/{number:05d}"


# --- intake -------------------------------------------------------------------------------------------------
CORRESPONDENT_FIELDS = ["kind", "name", "organisation", "address", "postcode", "ward", "email", "phone"]


@transaction.atomic
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
) -> Case:
    """Log incoming correspondence as a new case with its reference and target dates."""
    _require_worker(actor)
    if not members_for(actor).filter(pk=member.pk).exists():
        raise PermissionDenied
    if sensitivity != Sensitivity.STANDARD and not may_see_sensitive(actor):
        raise PermissionDenied
    _check_received(received_at)
    if not case_type.is_active:
        raise CaseworkError("This case type is no longer in use")
    for upload in files:
        check_upload(upload)  # every file is checked before anything is written
    if sensitivity == Sensitivity.CONFIDENTIAL and officer is None and not sees_everything(actor):
        officer = actor  # otherwise the officer logging it could not see the case they just logged
    with acting_as(actor):
        if correspondent is None:
            details = {k: v for k, v in (correspondent_details or {}).items() if k in CORRESPONDENT_FIELDS}
            if not details.get("name"):
                raise CaseworkError("Enter the correspondent's name")
            correspondent = Correspondent.objects.create(**details)
        received_local = timezone.localtime(received_at)
        case = Case(
            reference=reference_next(year=received_local.year),
            case_type=case_type,
            received_at=received_at,
            channel=channel,
            member=member,
            correspondent=correspondent,
            subject=subject,
            summary=summary,
            body=body,
            portfolio=portfolio,
            ward=ward or correspondent.ward,
            sensitivity=sensitivity,
            priority=priority,
            created_by=actor,
        )
        case.copy_targets()
        _apply_deadlines(case)
        case.search_document = _search_document(case)
        case.save()
        _event(
            case,
            actor,
            CaseEvent.Kind.STAGE,
            f"Logged ({case.get_channel_display().lower()})",
            to_status=case.status,
        )
        for upload in files:
            _attachment_store(case, actor, upload, description="Received with the correspondence")
        if officer is not None:
            _allocate(case, actor, officer)
            case.save()
    return case


@transaction.atomic
def case_update(*, actor, case: Case, expected_version: int, **fields) -> Case:
    """Edit a case's details. Refuses with a conflict if someone else saved the case since it was loaded."""
    _require_worker(actor, case)
    allowed = {
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
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Cannot edit {', '.join(sorted(unknown))}")
    if fields.get("sensitivity", Sensitivity.STANDARD) != Sensitivity.STANDARD and not may_see_sensitive(actor):
        raise PermissionDenied
    if "received_at" in fields:
        _check_received(fields["received_at"])
    with acting_as(actor):
        case = _claim(case, expected_version)
        changed = [name for name, value in fields.items() if getattr(case, name) != value]
        for name, value in fields.items():
            setattr(case, name, value)
        moves = []
        if "case_type" in changed:
            case.copy_targets()  # the new type's targets; a mere edit of the type elsewhere never re-targets
        if {"case_type", "received_at"} & set(changed):
            moves = _apply_deadlines(case)
        case.search_document = _search_document(case)
        case.save()
        if changed:
            labels = ", ".join(Case._meta.get_field(n).verbose_name for n in changed)
            _event(case, actor, CaseEvent.Kind.SYSTEM, f"Details changed: {labels}")
        if moves:
            _event(case, actor, CaseEvent.Kind.DEADLINE, "; ".join(moves) + ".")
    return case


# --- stages -------------------------------------------------------------------------------------------------
@transaction.atomic
def case_acknowledge(*, actor, case: Case, on: date | None = None, expected_version: int | None = None) -> Case:
    _require_worker(actor, case)
    on = on or timezone.localdate()
    with acting_as(actor):
        case = _claim(case, expected_version)
        if case.acknowledged_on:
            raise CaseworkError("This case has already been acknowledged")
        if not case.is_open:
            raise CaseworkError("A finished case cannot be acknowledged")
        case.acknowledged_on = on
        if case.status == Status.RECEIVED:
            _move(case, actor, Status.ACKNOWLEDGED, f"Acknowledged on {_fmt(on)}")
        else:
            _event(case, actor, CaseEvent.Kind.RESPONSE, f"Acknowledged on {_fmt(on)}")
        case.save()
    return case


def _allocate(case: Case, actor, officer) -> None:
    from casework.selectors import allocatable_officers

    if not allocatable_officers().filter(pk=officer.pk).exists():
        raise CaseworkError("Choose an officer of the Mayor's Office")
    previous = case.officer
    case.officer = officer
    if case.status in {Status.RECEIVED, Status.ACKNOWLEDGED, Status.REOPENED}:
        _move(case, actor, Status.ALLOCATED, f"Allocated to {officer}")
    else:
        text = f"Reallocated from {previous} to {officer}" if previous else f"Allocated to {officer}"
        _event(case, actor, CaseEvent.Kind.SYSTEM, text)
    if officer != actor and officer.email:
        notification_queue(
            to=[officer.email],
            subject=f"Case {case.reference} allocated to you",
            body=f"{actor} allocated case {case.reference} ({case.subject}) to you. "
            f"The response is due on {_fmt(case.response_due)}.",
            kind="casework.allocated",
        )


@transaction.atomic
def case_allocate(*, actor, case: Case, officer, expected_version: int | None = None) -> Case:
    _require_worker(actor, case)
    if not case.is_open:
        raise CaseworkError("A finished case cannot be allocated. Reopen it first")
    with acting_as(actor):
        case = _claim(case, expected_version)
        if case.officer_id == officer.pk:
            raise CaseworkError(f"This case is already allocated to {officer}")
        if case.sensitivity == Sensitivity.CONFIDENTIAL and not sees_everything(actor) and officer != actor:
            raise CaseworkError("Only the Head of Mayor's Office can pass a confidential case to another officer")
        _allocate(case, actor, officer)
        case.save()
    return case


@transaction.atomic
def cases_bulk_allocate(*, actor, cases, officer) -> int:
    """Allocate several cases at once; all or nothing."""
    count = 0
    for case in cases:
        if case.officer_id == officer.pk:
            continue
        case_allocate(actor=actor, case=case, officer=officer)
        count += 1
    return count


@transaction.atomic
def case_move(*, actor, case: Case, to_status: str, reason: str = "", expected_version: int | None = None) -> Case:
    """A plain stage move (drafting, with directorate, no reply needed, closed, reopened) with its reason."""
    _require_worker(actor, case)
    if to_status in {Status.ON_HOLD, Status.APPROVED, Status.RESPONSE_SENT, Status.AWAITING_APPROVAL}:
        raise CaseworkError("Use the matching action for this step")
    if to_status in {Status.NO_REPLY_NEEDED, Status.REOPENED} and not reason.strip():
        raise CaseworkError("Enter the reason")
    with acting_as(actor):
        case = _claim(case, expected_version)
        if to_status == Status.CLOSED and case.status == Status.REOPENED and not reason.strip():
            raise CaseworkError("Enter the reason")
        if case.status in {Status.AWAITING_APPROVAL, Status.APPROVED} and to_status == Status.DRAFTING:
            # The officer withdraws the draft from the member: no longer waiting for (or carrying) approval.
            _withdraw_approval(case)
            reason = reason or "Draft withdrawn from the member"
        _move(case, actor, to_status, reason)
        if to_status == Status.REOPENED:
            case.closed_at = None
        case.save()
    return case


@transaction.atomic
def case_hold(*, actor, case: Case, reason: str, on: date | None = None, expected_version: int | None = None) -> Case:
    """Stop the clock while waiting for the correspondent."""
    _require_worker(actor, case)
    if not reason.strip():
        raise CaseworkError("Enter why the case is on hold")
    on = on or timezone.localdate()
    with acting_as(actor):
        case = _claim(case, expected_version)
        previous = case.status
        _move(case, actor, Status.ON_HOLD, f"Clock stopped: {reason}")
        case.status_before_hold = previous
        case.on_hold_since = on
        case.hold_reason = reason
        HoldPeriod.objects.create(case=case, started_on=on, reason=reason)
        case.save()
    return case


@transaction.atomic
def case_resume(*, actor, case: Case, on: date | None = None, expected_version: int | None = None) -> Case:
    """Restart the clock: the targets move by the working days spent on hold."""
    _require_worker(actor, case)
    on = on or timezone.localdate()
    with acting_as(actor):
        case = _claim(case, expected_version)
        if case.status != Status.ON_HOLD:
            raise CaseworkError("This case is not on hold")
        if on < case.on_hold_since:
            raise CaseworkError("The clock cannot restart before it stopped")
        paused = working_days_between(case.on_hold_since, on, calendar=case.calendar)
        hold = case.holds.filter(ended_on__isnull=True).order_by("-started_on").first()
        if hold:
            hold.ended_on = on
            hold.working_days = paused
            hold.save()
        case.paused_working_days += paused
        _move(
            case,
            actor,
            case.status_before_hold or Status.RECEIVED,
            f"Clock restarted after {paused} working days",
        )
        case.status_before_hold = ""
        case.on_hold_since = None
        case.hold_reason = ""
        moves = _apply_deadlines(case)
        case.save()
        if moves:
            _event(
                case,
                actor,
                CaseEvent.Kind.DEADLINE,
                f"On hold for {paused} working days. " + "; ".join(moves) + ".",
            )
    return case


@transaction.atomic
def case_extend(*, actor, case: Case, kind: str, working_days: int, reason: str) -> Extension:
    _require_worker(actor, case)
    if working_days < 1 or working_days > 60:
        raise CaseworkError("An extension must be between 1 and 60 working days")
    if not reason.strip():
        raise CaseworkError("Enter the reason for the extension")
    with acting_as(actor):
        case = _claim(case, None)
        if not case.is_open:
            raise CaseworkError("A finished case cannot be extended")
        previous = case.response_due
        extension = Extension.objects.create(
            case=case,
            kind=kind,
            working_days=working_days,
            reason=reason,
            previous_due=previous,
            created_by=actor,
        )
        _apply_deadlines(case)
        # An extension only ever gives more time: never a date earlier than the target it extends.
        if previous is not None:
            floor = add_working_days(previous, working_days, calendar=case.calendar)
            if case.response_due is None or case.response_due < floor:
                case.response_due = floor
        extension.new_due = case.response_due
        extension.save(update_fields=["new_due"])
        case.save()
        _event(
            case,
            actor,
            CaseEvent.Kind.DEADLINE,
            f"Extended by {working_days} working days ({extension.get_kind_display().lower()}): {reason}. "
            f"Response target moved from {_fmt(previous)} to {_fmt(case.response_due)}.",
        )
    return extension


# --- timeline and documents ---------------------------------------------------------------------------------
@transaction.atomic
def case_add_event(*, actor, case: Case, kind: str, text: str, at: datetime | None = None) -> CaseEvent:
    """A note, call, meeting or email on the timeline."""
    _require_visible(actor, case)
    if kind not in {CaseEvent.Kind.NOTE, CaseEvent.Kind.CALL, CaseEvent.Kind.MEETING, CaseEvent.Kind.EMAIL}:
        raise CaseworkError("Choose what kind of entry this is")
    if not text.strip():
        raise CaseworkError("Enter the details")
    if at and at > timezone.now():
        raise CaseworkError("The date must be today or in the past")
    with acting_as(actor):
        return _event(case, actor, kind, text, at=at)


ALLOWED_UPLOADS = {
    ".pdf": ("application/pdf", [b"%PDF"]),
    ".png": ("image/png", [b"\x89PNG"]),
    ".jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".gif": ("image/gif", [b"GIF8"]),
    ".doc": ("application/msword", [b"\xd0\xcf\x11\xe0"]),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    ".msg": ("application/vnd.ms-outlook", [b"\xd0\xcf\x11\xe0"]),
    ".eml": ("message/rfc822", []),
}


def check_upload(upload) -> str:
    """Check an uploaded file's type and size; return its content type or raise CaseworkError."""
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_UPLOADS:
        raise CaseworkError(f"{name or 'The file'} must be a PDF, image (PNG, JPG, GIF), Word document or email file")
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise CaseworkError(f"{name} must be smaller than {limit // (1024 * 1024)} MB")
    if upload.size == 0:
        raise CaseworkError(f"{name} is empty")
    content_type, signatures = ALLOWED_UPLOADS[ext]
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise CaseworkError(f"{name} is not a real {ext[1:].upper()} file")
    if ext == ".eml" and b"\x00" in head:
        raise CaseworkError(f"{name} is not a real email file")
    return content_type


def _attachment_store(case, actor, upload, description="") -> Attachment:
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
    _event(case, actor, CaseEvent.Kind.DOCUMENT, f"Document added: {attachment.original_name}")
    return attachment


@transaction.atomic
def attachment_add(*, actor, case: Case, upload, description: str = "") -> Attachment:
    _require_visible(actor, case)
    if is_directorate_contact(actor):
        raise PermissionDenied
    with acting_as(actor):
        return _attachment_store(case, actor, upload, description)


# --- contributions ------------------------------------------------------------------------------------------
class NeedsConfirmation(CaseworkError):
    """Allowed, but probably a slip: the officer must confirm (the messages say why)."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        super().__init__(". ".join(warnings))


def contribution_due_problem(case: Case, due_on: date, today: date | None = None) -> str | None:
    """Why a contribution cannot be due on this date: in the past, or not a working day in the case's calendar."""
    today = today or timezone.localdate()
    if due_on < today:
        return "The date the contribution is due must be today or in the future"
    calendar = case.calendar or case.case_type.calendar
    off = [s for s in explain_due_date(due_on - timedelta(days=1), 1, calendar=calendar) if s.day == due_on]
    if off:
        skipped = off[0]
        what = {
            "weekend": "a weekend",
            "bank holiday": f"a bank holiday ({skipped.detail})",
            "closure day": f"a council closure day ({skipped.detail})",
        }.get(skipped.reason, "not a working day")
        return f"{due_on:%A} {_fmt(due_on)} is {what}; choose a working day"
    return None


def contribution_warnings(case: Case, directorate, due_on: date) -> list[str]:
    """What the officer must confirm before asking: a due date after the case's own response date, or a second
    open request to the same directorate."""
    warnings = []
    if case.response_due and due_on > case.response_due:
        warnings.append(
            f"The contribution would be due after the response to the correspondent is due "
            f"({_fmt(case.response_due)}). Choose an earlier date, or confirm below"
        )
    earlier = case.contributions.outstanding().filter(directorate=directorate).order_by("due_on").first()
    if earlier is not None:
        warnings.append(
            f"{directorate} already has an open request on this case, due {_fmt(earlier.due_on)}. "
            "Check you need a second one, or confirm below"
        )
    return warnings


@transaction.atomic
def contribution_request(
    *, actor, case: Case, directorate, question: str, due_on: date, confirmed: bool = False
) -> ContributionRequest:
    """Ask a directorate for input. A due date in the past or on a day off is refused; one after the case's
    response date, or a second open request to the same directorate, needs `confirmed`."""
    _require_worker(actor, case)
    if not question.strip():
        raise CaseworkError("Enter what you need from the directorate")
    with acting_as(actor):
        case = _claim(case, None)
        if not case.is_open:
            raise CaseworkError("A finished case cannot ask for contributions. Reopen it first")
        problem = contribution_due_problem(case, due_on)
        if problem:
            raise CaseworkError(problem)
        warnings = contribution_warnings(case, directorate, due_on)
        if warnings and not confirmed:
            raise NeedsConfirmation(warnings)
        request = ContributionRequest.objects.create(
            case=case, directorate=directorate, question=question, due_on=due_on, requested_by=actor
        )
        if case.status in {Status.ALLOCATED, Status.DRAFTING, Status.REOPENED}:
            _move(case, actor, Status.WITH_DIRECTORATE, f"Contribution requested from {directorate}")
        else:
            _event(case, actor, CaseEvent.Kind.CONTRIBUTION, f"Contribution requested from {directorate}")
        case.save()
        recipients = [
            directorate.email,
            *directorate.contacts.filter(is_active=True).values_list("email", flat=True),
        ]
        notification_queue(
            to=recipients,
            subject=f"Contribution requested for {case.reference} by {_fmt(due_on)}",
            body=f"The Mayor's Office asks {directorate} for a contribution to case {case.reference} "
            f"({case.subject}) by {_fmt(due_on)}.\n\n{question}\n\nAnswer it in the Mayor's Office service.",
            kind="casework.contribution",
        )
    return request


@transaction.atomic
def contribution_answer(*, actor, contribution: ContributionRequest, answer: str) -> ContributionRequest:
    """The directorate contact answers (or an officer records an answer received by email)."""
    if not ContributionRequest.objects.visible_to(actor).filter(pk=contribution.pk).exists():
        raise PermissionDenied
    if not (is_directorate_contact(actor) or may_work_on_cases(actor)):
        raise PermissionDenied
    if not answer.strip():
        raise CaseworkError("Enter your contribution")
    with acting_as(actor):
        contribution = ContributionRequest.objects.select_for_update().select_related("case").get(pk=contribution.pk)
        if contribution.answered_at:
            raise CaseworkError("This request has already been answered")
        if contribution.no_longer_needed_at:
            raise CaseworkError("This request is no longer needed: the Mayor's Office has finished the case")
        contribution.answer = answer
        contribution.answered_by = actor
        contribution.answered_at = timezone.now()
        contribution.save()
        case = _claim(contribution.case, None)
        _event(case, actor, CaseEvent.Kind.CONTRIBUTION, f"Contribution received from {contribution.directorate}")
        outstanding = case.contributions.outstanding().exists()
        if case.status == Status.WITH_DIRECTORATE and not outstanding:
            _move(case, actor, Status.DRAFTING, "All contributions received")
        case.save()
        if case.officer and case.officer.email:
            notification_queue(
                to=[case.officer.email],
                subject=f"Contribution received for {case.reference}",
                body=f"{contribution.directorate} answered the contribution request on {case.reference}.",
                kind="casework.contribution_answered",
            )
    return contribution


# --- drafting and approval ----------------------------------------------------------------------------------
def _withdraw_approval(case: Case, *, keep: Draft | None = None) -> list[Draft]:
    """Earlier versions sent for approval, or approved, no longer stand once the text changes or is withdrawn:
    they go back to plain drafts, so an approval can only ever cover the version the member saw."""
    withdrawn = list(case.drafts.filter(state__in=[Draft.State.SUBMITTED, Draft.State.APPROVED]))
    for draft in withdrawn:
        if keep is not None and draft.pk == keep.pk:
            continue
        draft.state = Draft.State.DRAFT
        draft.save(update_fields=["state"])
    return [d for d in withdrawn if keep is None or d.pk != keep.pk]


@transaction.atomic
def draft_save(*, actor, case: Case, body: str) -> Draft:
    """A new version of the draft response."""
    if not may_draft(actor):
        raise PermissionDenied
    _require_visible(actor, case)
    if not body.strip():
        raise CaseworkError("Enter the draft response")
    with acting_as(actor):
        case = _claim(case, None)
        if not case.is_open or case.status in {Status.AWAITING_APPROVAL}:
            raise CaseworkError("The draft cannot be changed while it is with the member or after the case is finished")
        last = case.drafts.order_by("-version").first()
        draft = Draft.objects.create(case=case, version=(last.version + 1 if last else 1), body=body, created_by=actor)
        was_approved = [d.version for d in _withdraw_approval(case, keep=draft) if d.reviewed_at]
        if case.status in {Status.ALLOCATED, Status.WITH_DIRECTORATE, Status.REOPENED, Status.APPROVED}:
            _move(case, actor, Status.DRAFTING, f"Draft version {draft.version} started")
        else:
            _event(case, actor, CaseEvent.Kind.DRAFT, f"Draft version {draft.version} saved")
        if was_approved and case.member_approval_required:
            _event(
                case,
                actor,
                CaseEvent.Kind.DRAFT,
                f"The approval of version {max(was_approved)} no longer applies: "
                f"version {draft.version} must be approved by {case.member.name} before it is sent",
            )
        case.save()
    return draft


@transaction.atomic
def draft_submit(*, actor, draft: Draft) -> Draft:
    """Send the latest draft to the member for approval."""
    case = draft.case
    _require_worker(actor, case)
    with acting_as(actor):
        case = _claim(case, None)
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        latest = case.drafts.order_by("-version").first()
        if draft != latest:
            raise CaseworkError("Only the latest version of the draft can be sent for approval")
        if draft.state != Draft.State.DRAFT:
            raise CaseworkError("This version has already been sent for approval")
        draft.state = Draft.State.SUBMITTED
        draft.save()
        _move(case, actor, Status.AWAITING_APPROVAL, f"Draft version {draft.version} sent to {case.member.name}")
        case.save()
        email = case.member.user.email if case.member.user_id else case.member.email
        notification_queue(
            to=[email],
            subject=f"Response for your approval: {case.reference}",
            body=f"A response to {case.correspondent} about '{case.subject}' is ready for your approval.",
            kind="casework.approval",
        )
    return draft


def _reviewer(actor, case: Case) -> bool:
    """Who may approve: the member (False), or an officer acting for them (True, recorded as such)."""
    if case.member.user_id and case.member.user_id == actor.pk:
        return False
    if may_work_on_cases(actor):
        _require_visible(actor, case)
        return True
    raise PermissionDenied


@transaction.atomic
def draft_review(*, actor, draft: Draft, approve: bool, comments: str = "") -> Draft:
    case = draft.case
    _require_visible(actor, case)
    on_behalf = _reviewer(actor, case)
    if not approve and not comments.strip():
        raise CaseworkError("Enter your comments for the officer")
    with acting_as(actor):
        case = _claim(case, None)
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.state != Draft.State.SUBMITTED:
            raise CaseworkError("This draft is not waiting for approval")
        draft.state = Draft.State.APPROVED if approve else Draft.State.RETURNED
        draft.reviewed_by = actor
        draft.reviewed_on_behalf = on_behalf
        draft.reviewed_at = timezone.now()
        draft.review_comments = comments
        draft.save()
        who = f"{actor} on behalf of {case.member.name}" if on_behalf else str(actor)
        if approve:
            _move(
                case,
                actor,
                Status.APPROVED,
                f"Draft version {draft.version} approved by {who}. {comments}".strip(),
            )
        else:
            _move(case, actor, Status.DRAFTING, f"Draft version {draft.version} returned by {who}: {comments}")
        case.save()
        if case.officer and case.officer.email:
            notification_queue(
                to=[case.officer.email],
                subject=f"{case.reference}: draft {'approved' if approve else 'returned with comments'}",
                body=f"{who} {'approved' if approve else 'returned'} draft {draft.version}. {comments}",
                kind="casework.review",
            )
    return draft


def approved_draft(case: Case) -> Draft | None:
    """The approved version, if it is still the latest one (a later version needs approval of its own)."""
    latest = case.drafts.order_by("-version").first()
    return latest if latest is not None and latest.state == Draft.State.APPROVED else None


def letter_draft(case: Case) -> tuple[Draft | None, bool]:
    """The version the response letter prints and whether it is final: once sent, the version that was sent;
    before that the latest version, final only if the member approved exactly that version."""
    if case.status in FINISHED_STATUSES and case.response_draft_id and case.response_sent_on:
        return case.response_draft, True
    latest = case.drafts.order_by("-version").first()
    if latest is None:
        return None, False
    return latest, latest.state == Draft.State.APPROVED and case.status == Status.APPROVED


SIGN_OFFS = ("yours sincerely", "yours faithfully", "kind regards", "best wishes")


def letter_frame(body: str) -> dict[str, bool]:
    """Whether the response letter adds its own greeting ("Dear <name>,") and sign-off ("Yours sincerely,"):
    only when the draft does not already start with "Dear" or end with a sign-off (followed perhaps by a name
    and title on the last lines). The signature block is always added."""
    lines = [line.strip() for line in (body or "").splitlines() if line.strip()]
    starts_with_dear = bool(lines) and re.match(r"dear\b", lines[0], re.IGNORECASE) is not None
    ends_with_sign_off = any(line.lower().startswith(SIGN_OFFS) for line in lines[-4:])
    return {"add_greeting": not starts_with_dear, "add_sign_off": not ends_with_sign_off}


@transaction.atomic
def response_record(*, actor, case: Case, sent_on: date, method: str, expected_version: int | None = None) -> Case:
    """Record the final response: the date and how it was sent."""
    _require_worker(actor, case)
    if sent_on > timezone.localdate():
        raise CaseworkError("The date the response was sent must be today or in the past")
    with acting_as(actor):
        case = _claim(case, expected_version)
        if sent_on < case.received_on:
            raise CaseworkError("The response cannot be sent before the correspondence was received")
        latest = case.drafts.order_by("-version").first()
        if case.member_approval_required:
            approved = approved_draft(case)
            if case.status != Status.APPROVED or approved is None:
                message = f"{case.member.name} must approve the response before it is sent"
                if latest is not None and latest.state == Draft.State.DRAFT:
                    message += f". Send version {latest.version} of the draft for approval first"
                raise CaseworkError(message)
        elif latest is None:
            raise CaseworkError("Write the response as a draft first")
        case.response_draft = latest
        case.response_sent_on = sent_on
        case.response_method = method
        on_time = case.response_due is None or sent_on <= case.response_due
        _move(
            case,
            actor,
            Status.RESPONSE_SENT,
            f"Response sent by {case.get_response_method_display().lower()} on {_fmt(sent_on)}"
            + (" (within target)" if on_time else " (after the target date)"),
        )
        case.save()
    return case


# --- linking and merging ------------------------------------------------------------------------------------
@transaction.atomic
def case_link(*, actor, case: Case, other: Case) -> None:
    _require_worker(actor, case)
    _require_visible(actor, other)
    if case.pk == other.pk:
        raise CaseworkError("A case cannot be linked to itself")
    with acting_as(actor):
        case.related_cases.add(other)
        _event(case, actor, CaseEvent.Kind.SYSTEM, f"Linked to {other.reference}")
        _event(other, actor, CaseEvent.Kind.SYSTEM, f"Linked to {case.reference}")


@transaction.atomic
def case_merge(*, actor, duplicate: Case, into: Case) -> Case:
    """Close a duplicate into the main case: its documents and timeline stay, pointing at the main case."""
    _require_worker(actor, duplicate)
    _require_visible(actor, into)
    if duplicate.pk == into.pk:
        raise CaseworkError("A case cannot be merged into itself")
    if into.merged_into_id:
        raise CaseworkError(f"{into.reference} has itself been merged; merge into {into.merged_into.reference}")
    with acting_as(actor):
        duplicate = _claim(duplicate, None)
        duplicate.merged_into = into
        duplicate.related_cases.add(into)
        if duplicate.status != Status.CLOSED:
            if not can_move(duplicate.status, Status.NO_REPLY_NEEDED):
                raise CaseworkError("Only a case not yet being drafted can be merged")
            _move(duplicate, actor, Status.NO_REPLY_NEEDED, f"Duplicate of {into.reference}")
            _move(duplicate, actor, Status.CLOSED, f"Merged into {into.reference}")
        duplicate.save()
        _event(into, actor, CaseEvent.Kind.SYSTEM, f"{duplicate.reference} merged into this case")
    return duplicate


# --- scheduled jobs -----------------------------------------------------------------------------------------
def cases_chase_overdue(*, today: date | None = None) -> int:
    """Email each officer a list of their overdue cases, each directorate its overdue contributions, the Head
    of Office the cases past their escalation date. Returns how many emails were queued."""
    from casework.selectors import allocatable_officers
    from mayoral_office.roles import Role

    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        overdue = Case.objects.overdue(today).filter(officer__isnull=False).select_related("officer")
        by_officer: dict = {}
        for case in overdue:
            by_officer.setdefault(case.officer, []).append(case)
        for officer, cases in by_officer.items():
            lines = "\n".join(f"- {c.reference} {c.subject} (due {_fmt(c.response_due)})" for c in cases)
            notification_queue(
                to=[officer.email], subject=f"{len(cases)} overdue case(s)", body=lines, kind="casework.chase"
            )
            sent += 1
        late = ContributionRequest.objects.outstanding().filter(due_on__lt=today).select_related("case", "directorate")
        by_directorate: dict = {}
        for item in late:
            by_directorate.setdefault(item.directorate, []).append(item)
        for directorate, items in by_directorate.items():
            lines = "\n".join(f"- {i.case.reference} (due {_fmt(i.due_on)})" for i in items)
            notification_queue(
                to=[directorate.email, *directorate.contacts.values_list("email", flat=True)],
                subject=f"{len(items)} overdue contribution request(s) from the Mayor's Office",
                body=lines,
                kind="casework.chase_contribution",
            )
            sent += 1
        escalated = Case.objects.open().exclude(status=Status.ON_HOLD).filter(escalation_due__lt=today)
        if escalated.exists():
            heads = allocatable_officers().filter(groups__name=Role.HEAD_OF_OFFICE.label)
            lines = "\n".join(f"- {c.reference} {c.subject}" for c in escalated)
            notification_queue(
                to=list(heads.values_list("email", flat=True)),
                subject=f"{escalated.count()} case(s) past their escalation date",
                body=lines,
                kind="casework.escalation",
            )
            sent += 1
    return sent


ANONYMISED = "[anonymised]"


def retention_due(today: date | None = None):
    """Closed cases held longer than their type's retention period."""
    today = today or timezone.localdate()
    candidates = Case.objects.filter(status__in=FINISHED_STATUSES, anonymised_at__isnull=True).select_related(
        "case_type"
    )
    due = []
    for case in candidates.only("pk", "closed_at", "response_sent_on", "received_at", "case_type__retention_years"):
        finished = (case.closed_at and timezone.localtime(case.closed_at).date()) or case.response_sent_on
        if finished is None:
            continue
        years = case.case_type.retention_years
        try:
            limit = finished.replace(year=finished.year + years)
        except ValueError:  # 29 February
            limit = finished.replace(year=finished.year + years, day=28)
        if limit < today:
            due.append(case.pk)
    return Case.objects.filter(pk__in=due)


@transaction.atomic
def cases_apply_retention(*, actor=None, today: date | None = None) -> int:
    """Anonymise cases closed longer than their type's retention period. Statistics stay (type, member, ward,
    dates, status, targets); personal data, documents and drafts go; an audit entry records each case."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    cases = list(retention_due(today).select_related("correspondent"))
    now = timezone.now()
    for case in cases:
        with disable_auditlog():
            for attachment in case.attachments.all():
                attachment.file.delete(save=False)
                attachment.delete()
            case.drafts.update(body=ANONYMISED, review_comments="")
            case.contributions.update(question=ANONYMISED, answer="")
            case.events.exclude(kind=CaseEvent.Kind.STAGE).update(text=ANONYMISED)
            case.events.filter(kind=CaseEvent.Kind.STAGE).update(text="")
            case.summary = ""
            case.body = ""
            case.subject = ANONYMISED
            case.hold_reason = ""
            case.search_document = case.reference
            case.anonymised_at = now
            case.save()
            case.holds.update(reason=ANONYMISED)
            case.extensions.update(reason=ANONYMISED)
            correspondent = case.correspondent
            if (
                correspondent.anonymised_at is None
                and not correspondent.cases.filter(anonymised_at__isnull=True).exists()
            ):
                for field in ["organisation", "address", "postcode", "email", "phone"]:
                    setattr(correspondent, field, "")
                correspondent.name = ANONYMISED
                correspondent.anonymised_at = now
                correspondent.save()
                _redact_history(correspondent)
                _redact_access_log(correspondent, f"Correspondent {correspondent.pk} ({ANONYMISED})")
            _redact_history(case)
            _redact_access_log(case, case.reference)
            _redact_notifications(case.reference)
        LogEntry.objects.log_create(
            case,
            force_log=True,
            action=LogEntry.Action.UPDATE,
            changes={"anonymised_at": ["None", now.isoformat()]},
            actor=actor,
            additional_data={"retention": f"Anonymised after {case.case_type.retention_years} years"},
        )
    return len(cases)


def _redact_history(obj) -> None:
    """Earlier audit entries hold the personal data just removed: keep the entries, drop the values."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)).update(
        changes={"redacted": ["", "personal data removed by the retention job"]},
        changes_text="",
        object_repr=str(obj)[:200],
        serialized_data=None,
    )


def _redact_access_log(obj, text: str) -> None:
    """The access log names what was read ("MO/2026/00042: Damp in my flat"); keep the entry, drop the name."""
    from django.contrib.contenttypes.models import ContentType

    from mayoral_office.models import AccessLog

    AccessLog.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).update(
        object_repr=text[:250]
    )


REDACTED_NOTIFICATION = (
    "This message was removed by the retention job: it mentioned a case whose personal data has been anonymised."
)


def _redact_notifications(reference: str) -> None:
    """Emails in the outbox that mention the case (allocations, approvals, chasers) hold its subject and the
    correspondent's name: replace their text with a neutral note, keeping the record that they were sent."""

    from mayoral_office.models import Notification

    mention = re.compile(re.escape(reference) + r"(?![0-9])")  # MO/2026/10000 is not MO/2026/100001
    candidates = Notification.objects.filter(
        Q(subject__contains=reference) | Q(body__contains=reference) | Q(html_body__contains=reference)
    ).only("pk", "subject", "body", "html_body")
    ids = [n.pk for n in candidates if any(mention.search(t or "") for t in (n.subject, n.body, n.html_body))]
    if ids:
        Notification.objects.filter(pk__in=ids).update(
            subject="Removed by the retention job",
            body=REDACTED_NOTIFICATION,
            html_body="",
        )


# --- subject access -----------------------------------------------------------------------------------------
def subject_access_export(*, actor, correspondent: Correspondent, request=None) -> bytes:
    """Everything held about a correspondent: a ZIP with a PDF summary and their documents. Only the Head of
    Mayor's Office may produce it (it must include confidential cases). Logged and audited."""
    from auditlog.models import LogEntry

    from mayoral_office.pdf import render_pdf

    if not sees_everything(actor):
        raise PermissionDenied
    from casework.selectors import same_person

    records = list(same_person(correspondent))
    cases = list(
        Case.objects.filter(correspondent__in=records)
        .select_related("case_type", "member", "officer")
        .prefetch_related("events__actor", "contributions__directorate", "drafts", "attachments")
        .order_by("received_at")
    )
    pdf = render_pdf(
        "casework/pdf/subject_access.html",
        {
            "correspondent": correspondent,
            "records": records,
            "cases": cases,
            "produced_by": actor,
            "produced_at": timezone.now(),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.pdf", pdf)
        for case in cases:
            folder = case.reference.replace("/", "-")
            for attachment in case.attachments.all():
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(f"{folder}/{attachment.pk}-{attachment.original_name}", handle.read())
                except FileNotFoundError:
                    archive.writestr(f"{folder}/{attachment.pk}-MISSING.txt", "The stored file could not be found.")
    with transaction.atomic():
        log_access(user=actor, obj=correspondent, request=request, action="subject access export")
        LogEntry.objects.log_create(
            correspondent,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            changes={"subject_access_export": ["", f"{len(cases)} case(s)"]},
            actor=actor,
            remote_addr=request.META.get("REMOTE_ADDR") if request else None,
        )
    return buffer.getvalue()


def due_in(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
