"""Drafting the response, the member's approval, and recording the response sent."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from casework import letters
from casework.deadlines import fmt
from casework.models import Case, CaseEvent, Channel, Draft, Status
from casework.services._base import claim, draft_to, event, move, withdraw_approval
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from mayoral_office.outbox import queue_email
from mayoral_office.pdf import render_pdf

DISPATCH = "casework.dispatch"  # the outbox kind of a response emailed to the correspondent


@service
def draft_save(*, actor, case: Case, body: str) -> Draft:
    """A new version of the draft response."""
    if not body.strip():
        raise ServiceError("Enter the draft response", field="body")
    case = claim(actor, "case.draft", case)
    last = case.latest_draft
    draft = Draft.objects.create(case=case, version=(last.version + 1 if last else 1), body=body, created_by=actor)
    was_approved = [d.version for d in withdraw_approval(case, keep=draft) if d.reviewed_at]
    if case.status in {Status.ALLOCATED, Status.WITH_DIRECTORATE, Status.REOPENED, Status.APPROVED}:
        move(case, actor, Status.DRAFTING, f"Draft version {draft.version} started")
    else:
        event(case, actor, CaseEvent.Kind.DRAFT, f"Draft version {draft.version} saved")
    if was_approved and case.member_approval_required:
        event(
            case,
            actor,
            CaseEvent.Kind.DRAFT,
            f"The approval of version {max(was_approved)} no longer applies: "
            f"version {draft.version} must be approved by {case.member.name} before it is sent",
        )
    case.save()
    return draft


def _member_email(case: Case) -> str:
    return case.member.user.email if case.member.user_id else case.member.email


@service
def draft_submit(*, actor, draft: Draft) -> Draft:
    """Send the latest draft to the member for approval."""
    case = claim(actor, "draft.submit", draft.case)
    if draft.pk != case.latest_draft.pk:
        raise ServiceError("Only the latest version of the draft can be sent for approval")
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft_to(draft, Draft.State.SUBMITTED)
    draft.save()
    move(case, actor, Status.AWAITING_APPROVAL, f"Draft version {draft.version} sent to {case.member.name}")
    case.save()
    queue_email(
        to=[_member_email(case)],
        subject=f"Response for your approval: {case.reference}",
        body=f"A response to {case.correspondent} about '{case.subject}' is ready for your approval.",
        kind="casework.approval",
    )
    return draft


@service
def draft_review(*, actor, draft: Draft, approve: bool, comments: str = "") -> Draft:
    """The member approves the draft, or returns it with comments; an officer may record the member's decision
    on their behalf (recorded as such)."""
    if not approve and not comments.strip():
        raise ServiceError("Enter your comments for the officer", field="comments")
    case = claim(actor, "draft.approve", draft.case)
    if draft.pk != case.latest_draft.pk:
        raise ServiceError("This draft is not waiting for approval")
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    on_behalf = not (case.member.user_id and case.member.user_id == actor.pk)
    draft_to(draft, Draft.State.APPROVED if approve else Draft.State.RETURNED)
    draft.reviewed_by = actor
    draft.reviewed_on_behalf = on_behalf
    draft.reviewed_at = timezone.now()
    draft.review_comments = comments
    draft.save()
    who = f"{actor} on behalf of {case.member.name}" if on_behalf else str(actor)
    if approve:
        move(case, actor, Status.APPROVED, f"Draft version {draft.version} approved by {who}. {comments}".strip())
    else:
        move(case, actor, Status.DRAFTING, f"Draft version {draft.version} returned by {who}: {comments}")
    case.save()
    if case.officer and case.officer.email:
        queue_email(
            to=[case.officer.email],
            subject=f"{case.reference}: draft {'approved' if approve else 'returned with comments'}",
            body=f"{who} {'approved' if approve else 'returned'} draft {draft.version}. {comments}",
            kind="casework.review",
        )
    return draft


@service
def response_record(*, actor, case: Case, sent_on: date, method: str, expected_version: int | None = None) -> Case:
    """Record the final response: the date and how it was sent."""
    if sent_on > timezone.localdate():
        raise ServiceError("The date the response was sent must be today or in the past", field="sent_on")
    case = claim(actor, "case.record_response", case, expected_version)
    if sent_on < case.received_on:
        raise ServiceError("The response cannot be sent before the correspondence was received", field="sent_on")
    _record_sent(case, actor, sent_on, method)
    return case


def _record_sent(case: Case, actor, sent_on: date, method: str) -> None:
    case.response_draft = case.latest_draft
    case.response_sent_on = sent_on
    case.response_method = method
    on_time = case.response_due is None or sent_on <= case.response_due
    move(
        case,
        actor,
        Status.RESPONSE_SENT,
        f"Response sent by {case.get_response_method_display().lower()} on {fmt(sent_on)}"
        + (" (within target)" if on_time else " (after the target date)"),
    )
    case.save()


def _office_address() -> str:
    return getattr(settings, "OFFICE_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


@service
def response_email(*, actor, case: Case, expected_version: int | None = None) -> Notification:
    """Send the approved response to the correspondent by email, from the office's address, with the signed letter
    as a PDF: the response is recorded as sent by email today, the timeline says to whom, and the email goes
    through the outbox (the case page shows whether it was delivered, failed or bounced)."""
    case = claim(actor, "draft.send_email", case, expected_version)
    address = case.correspondent.email
    _record_sent(case, actor, timezone.localdate(), Channel.EMAIL)
    filename = f"{case.reference.replace('/', '-')}-response.pdf"
    pdf = render_pdf("casework/pdf/letter.html", letters.letter_context(case))  # final: the version just sent
    notification = queue_email(
        to=[address],
        from_email=_office_address(),
        subject=f"Your correspondence to {case.member.name} (our reference {case.reference})",
        body=(
            f"Dear {case.correspondent.name},\n\nPlease find attached a letter from {case.member.name}, "
            f"{case.member.title}, in reply to your correspondence (our reference {case.reference}).\n\n"
            f"Mayor's Office\n{settings.COUNCIL_NAME}\n"
        ),
        attachments=[{"filename": filename, "content": pdf, "mimetype": "application/pdf"}],
        kind=DISPATCH,
        regarding=case,
    )
    event(case, actor, CaseEvent.Kind.EMAIL, f"Emailed to {address}, with the signed letter attached ({filename})")
    return notification
