"""Commissions: a section of a pack asked of a directorate contact or an officer, with its own due date (a working
day before the pack's), written by them in the app, then accepted or returned with comments by the office.

States move only along COMMISSION_TRANSITIONS (briefings/models/commissions.py): requested → in draft → submitted
→ accepted, or submitted → returned → in draft → submitted again; any open commission may be cancelled. Every
change is a save that django-auditlog records with the acting user; the emails go through the outbox."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from briefings import policy
from briefings.models import Commission, CommissionState, Section
from briefings.models.commissions import commission_can_move
from briefings.selectors import commissions as selectors
from briefings.services._base import bump, claim
from mayoral_office import working_days
from mayoral_office.access import is_directorate_contact, sees_everything
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.outbox import queue_email
from mayoral_office.roles import Role
from mayoral_office.text import clean_markdown

MAX_BRIEF = 20_000
MAX_BODY = 100_000  # a section of a pack: a speech is a few thousand words
S = CommissionState


# --- checks -------------------------------------------------------------------------------------------------------
def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _text(value: str, *, field: str, missing: str, what: str, limit: int = MAX_BRIEF) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(missing, field=field)
    if len(value) > limit:
        raise ServiceError(f"{what} must be {limit:,} characters or fewer", field=field)
    return value


def _may_be_asked(user) -> bool:
    """Who a section may be asked of: an active directorate contact, or an officer of the office (the Head, an
    Executive or Cabinet Support Officer); never a member, an intern or a disabled account."""
    if user is None or not user.is_active or user.has_role(Role.MEMBER) or user.has_role(Role.INTERN):
        return False
    return (
        is_directorate_contact(user)
        or sees_everything(user)
        or user.has_role(Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT)
    )


def _check_assignee(assignee) -> None:
    if assignee is None:
        raise ServiceError("Choose who to ask for the section", field="assignee")
    if not assignee.is_active:
        raise ServiceError(f"{assignee} can no longer sign in: choose someone else", field="assignee")
    if assignee.has_role(Role.MEMBER) or getattr(assignee, "member", None) is not None:
        raise ServiceError(
            f"{assignee} is a member: a pack is written for members, not by them. Choose a directorate contact or "
            "an officer",
            field="assignee",
        )
    if not _may_be_asked(assignee):
        raise ServiceError(
            f"{assignee} cannot be asked for a section: choose a directorate contact or an officer", field="assignee"
        )


def _check_due(due_on, pack) -> date:
    today = timezone.localdate()
    if not isinstance(due_on, date):
        raise ServiceError("Enter the due date", field="due_on")
    if due_on < today:
        raise ServiceError("The due date must be today or in the future", field="due_on")
    if due_on > pack.due_on:
        raise ServiceError(
            f"The due date must be on or before the pack's due date, {_long_date(pack.due_on)}", field="due_on"
        )
    if not working_days.is_working_day(due_on):
        raise ServiceError(f"{_long_date(due_on)} is not a working day: choose a working day", field="due_on")
    return due_on


def _move(commission: Commission, to: str) -> None:
    if not commission_can_move(commission.state, to):
        raise ServiceError(f"A commission that is {commission.get_state_display().lower()} cannot move to that state")
    commission.state = to
    bump(commission)


def _email(to, *, subject: str, body: str, kind: str, commission: Commission) -> None:
    address = getattr(to, "email", "")
    if address and to.is_active:
        queue_email(to=[address], subject=subject, body=body, kind=kind, regarding=commission)


def _locked_section(commission: Commission) -> Section:
    return Section.objects.select_for_update(of=("self",)).select_related("pack").get(pk=commission.section_id)


# --- services -----------------------------------------------------------------------------------------------------
@service
def commission_create(*, actor, section: Section, assignee, brief: str, due_on: date | None = None) -> Commission:
    """Ask a directorate contact or an officer for a section of a pack, with a due date (by default the briefing
    rules' working days before the pack is due). One open commission a section. Emails the person asked."""
    brief = _text(brief, field="brief", missing="Enter what you are asking for", what="The brief")
    policy.policy.policy_for(section).require_permission(actor, "section.commission", section)
    already = section.commissions.open().select_related("assignee").first()
    if already is not None:
        raise ServiceError(
            f"This section has already been asked of {already.assignee} (due {_long_date(already.due_on)}): "
            "cancel that commission before asking someone else",
            field="assignee",
        )
    section = claim(actor, "section.commission", section)
    pack = section.pack
    _check_assignee(assignee)
    due_on = _check_due(selectors.default_due(pack) if due_on is None else due_on, pack)
    commission = Commission.objects.create(
        section=section, assignee=assignee, requested_by=actor, brief=brief, due_on=due_on
    )
    _email(
        assignee,
        subject=f"Please write “{section.title}” for a briefing pack by {_long_date(due_on)}",
        body=(
            f"{actor} in the Mayor's Office asks you to write the section “{section.title}” of the briefing pack "
            f"“{pack.title}” ({pack.get_marking_display()}) by {_long_date(due_on)}.\n\n{brief}\n\n"
            f"Write it in the Mayor's Office service: {commission.get_absolute_url()}"
        ),
        kind="briefings.commission_requested",
        commission=commission,
    )
    return commission


@service
def commission_save_draft(
    *, actor, commission: Commission, body: str, expected_version: int | None = None
) -> Commission:
    """The person asked writes the section's text (Markdown; any HTML in it is removed). A requested or returned
    commission is in draft from then on."""
    body = clean_markdown(body)
    if len(body) > MAX_BODY:
        raise ServiceError(f"The section must be {MAX_BODY:,} characters or fewer", field="body")
    commission = claim(actor, "commission.draft", commission, expected_version)
    section = _locked_section(commission)
    section.body = body
    section.updated_by = actor
    bump(section)
    section.save()
    if commission.state != S.IN_DRAFT:
        _move(commission, S.IN_DRAFT)
    else:
        bump(commission)
    commission.save()
    return commission


@service
def commission_submit(*, actor, commission: Commission, expected_version: int | None = None) -> Commission:
    """Send the written section to the pack's lead officer, who accepts it or returns it with comments."""
    commission = claim(actor, "commission.submit", commission, expected_version)
    section = _locked_section(commission)
    if not section.body.strip():
        raise ServiceError("Write the section before submitting it", field="body")
    _move(commission, S.SUBMITTED)
    commission.submitted_at = timezone.now()
    commission.save()
    pack = section.pack
    _email(
        pack.lead_officer,
        subject=f"“{section.title}” submitted for {pack.reference}",
        body=(
            f"{actor} has submitted the section “{section.title}” of the briefing pack “{pack.title}”. Accept it "
            f"or return it with comments: {commission.get_absolute_url()}"
        ),
        kind="briefings.commission_submitted",
        commission=commission,
    )
    return commission


@service
def commission_accept(*, actor, commission: Commission, expected_version: int | None = None) -> Commission:
    """The office accepts the submitted section: it stays in the pack as written."""
    commission = claim(actor, "commission.accept", commission, expected_version)
    _move(commission, S.ACCEPTED)
    commission.decided_at = timezone.now()
    commission.save()
    return commission


@service
def commission_return(
    *, actor, commission: Commission, comments: str, expected_version: int | None = None
) -> Commission:
    """The office returns the submitted section with comments; the person asked changes it and submits again."""
    comments = _text(comments, field="comments", missing="Enter what needs to change", what="The comments")
    commission = claim(actor, "commission.return", commission, expected_version)
    _move(commission, S.RETURNED)
    commission.comments = comments
    commission.decided_at = timezone.now()
    commission.save()
    section = commission.section
    _email(
        commission.assignee,
        subject=f"“{section.title}” returned with comments",
        body=(
            f"{actor} has returned the section “{section.title}” with comments:\n\n{comments}\n\n"
            f"Change it and submit it again by {_long_date(commission.due_on)}: {commission.get_absolute_url()}"
        ),
        kind="briefings.commission_returned",
        commission=commission,
    )
    return commission


@service
def commission_cancel(*, actor, commission: Commission, reason: str, expected_version: int | None = None) -> Commission:
    """The office no longer needs the section from this person (it may then ask someone else). The reason is kept
    in the commission's comments and sent to the person asked."""
    reason = _text(reason, field="reason", missing="Enter why the commission is cancelled", what="The reason")
    commission = claim(actor, "commission.cancel", commission, expected_version)
    _move(commission, S.CANCELLED)
    commission.comments = f"Cancelled: {reason}"
    commission.decided_at = timezone.now()
    commission.save()
    _email(
        commission.assignee,
        subject=f"“{commission.section.title}” is no longer needed",
        body=f"{actor} has cancelled the request for the section “{commission.section.title}”:\n\n{reason}",
        kind="briefings.commission_cancelled",
        commission=commission,
    )
    return commission
