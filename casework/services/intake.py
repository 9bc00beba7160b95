"""Email intake: a message from a casework mailbox (polled by the system, casework/mail_poll.py) or an email file an
officer uploads becomes a case in the "received" stage, from the correspondent whose address it is (the duplicate
matching's "the same email address"), with its attachments. Automatic replies and bounces are recorded, never
logged as cases; a message is taken once per mailbox (IntakeMessage's unique key)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework import selectors
from casework.deadlines import check_received
from casework.email_files import sort_attachments
from casework.email_intake import ParsedEmail, UnreadableEmail, digest, parse_bytes
from casework.models import CaseEvent, Channel, Correspondent, IntakeMessage, Mailbox
from casework.services._base import event
from casework.services.cases import _create_case, _store_email_attachments
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError


@service
def email_take(
    *, actor=None, mailbox: Mailbox, raw: bytes, uid: int | None = None, internal_date: datetime | None = None
) -> IntakeMessage | None:
    """Take one message from a mailbox (the scheduled poll: actor None, "System"). Returns what was recorded, or
    None if this mailbox already took the message (by Message-ID, or by the hash of its bytes without one)."""
    try:
        parsed = parse_bytes(raw)
    except UnreadableEmail as exc:
        parsed, refusal = ParsedEmail(raw_digest=digest(raw)), str(exc)
    else:
        refusal = ""
    now = timezone.now()
    received = min(parsed.sent_at or internal_date or now, now)  # a sender's clock ahead of ours: now
    try:
        with transaction.atomic():  # a savepoint: the other poll's row, if it got there first, stays
            record = IntakeMessage.objects.create(
                mailbox=mailbox,
                message_key=parsed.key,
                uid=uid,
                sender=parsed.sender_email[:254],
                subject=parsed.subject[:200],
                received_at=received,
                outcome=IntakeMessage.Outcome.REFUSED,
                reason=refusal,
            )
    except IntegrityError:
        return None  # taken before: never twice
    if refusal:
        return record
    if parsed.bounce:
        record.outcome = IntakeMessage.Outcome.BOUNCE
    elif parsed.auto_reply:
        record.outcome = IntakeMessage.Outcome.AUTO_REPLY
    else:
        try:
            with transaction.atomic():
                record.case = _case_from_mailbox(mailbox, parsed, received)
        except ServiceError as exc:
            record.reason = exc.message
        else:
            record.outcome = IntakeMessage.Outcome.CASE
    record.save()
    return record


@service
def email_refused(*, actor=None, mailbox: Mailbox, raw: bytes, uid: int | None = None, reason: str) -> IntakeMessage:
    """A message the poll could not take for a fault of ours (logged): recorded as refused, with why, so that the
    poll goes on past it and the officer sees it under Intake messages (and logs it by hand)."""
    record, _ = IntakeMessage.objects.get_or_create(
        mailbox=mailbox,
        message_key=ParsedEmail(raw_digest=digest(raw)).key,
        defaults={
            "uid": uid,
            "received_at": timezone.now(),
            "outcome": IntakeMessage.Outcome.REFUSED,
            "reason": reason,
        },
    )
    return record


@service
def mailbox_polled(*, actor=None, mailbox: Mailbox, error: str = "", uid_validity=None, last_uid=None) -> Mailbox:
    """Note that a mailbox was polled: when, how far it got (its UIDVALIDITY and the last UID taken) and, if it
    could not be reached, why (shown in the configuration site)."""
    mailbox.last_polled_at = timezone.now()
    mailbox.last_error = error
    fields = ["last_polled_at", "last_error"]
    if uid_validity is not None:
        mailbox.uid_validity, mailbox.last_uid = uid_validity, last_uid or 0
        fields += ["uid_validity", "last_uid"]
    mailbox.save(update_fields=fields)
    return mailbox


def _case_from_mailbox(mailbox: Mailbox, parsed: ParsedEmail, received: datetime):
    if not mailbox.case_type.is_active:
        raise ServiceError(f"The mailbox's case type ({mailbox.case_type}) is no longer in use")
    check_received(received)
    correspondent = selectors.correspondent_by_email(parsed.sender_email) or _new_correspondent(parsed)
    case = _create_case(
        None,
        case_type=mailbox.case_type,
        received_at=received,
        channel=Channel.EMAIL,
        member=mailbox.member,
        correspondent=correspondent,
        subject=parsed.case_subject,
        body=parsed.body,
    )
    event(case, None, CaseEvent.Kind.EMAIL, f"Taken from the mailbox {mailbox.name}", at=timezone.now())
    _store_email_attachments(case, None, *sort_attachments(parsed))
    return case


def _new_correspondent(parsed: ParsedEmail) -> Correspondent:
    email = parsed.sender_email
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    name = " ".join(parsed.sender_name.split()) or email or "Unknown sender"
    return Correspondent.objects.create(name=name[:150], email=email)
