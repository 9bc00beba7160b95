"""Sending what the outbox holds (mayoral_office.outbox writes it). Infrastructure, not a user's action: the
`Notification` row records every attempt (status, attempts, last error), so these writes need no audit entry."""

from __future__ import annotations

import base64
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from mayoral_office.models import Notification

CLAIMABLE = [Notification.Status.PENDING, Notification.Status.FAILED]
STALE_CLAIM = timedelta(minutes=10)


def max_attempts() -> int:
    return settings.OUTBOX_MAX_ATTEMPTS


def backoff(attempts: int) -> timedelta:
    """How long to wait before the next try after `attempts` failed ones: OUTBOX_RETRY_SECONDS, doubling."""
    return timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def attachment_content(item: dict) -> bytes | str:
    """An attachment's content as it is sent: bytes for a binary file (stored as base64), text otherwise."""
    if item.get("encoding") == "base64":
        return base64.b64decode(item["content"])
    return item["content"]


def _due_q(now):
    """Rows a sender may take now: queued, or failed and past their backoff."""
    past_backoff = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    return Q(status=Notification.Status.PENDING) | (
        Q(status=Notification.Status.FAILED, attempts__lt=max_attempts()) & past_backoff
    )


def _claim(pk: int) -> bool:
    """Take one row for sending, so the after-commit send, a task retry and the sweep never all send it."""
    now = timezone.now()
    return bool(
        Notification.objects.filter(_due_q(now), pk=pk).update(status=Notification.Status.SENDING, claimed_at=now)
    )


def deliver(notification: Notification) -> bool:
    """Send one outbox email, if no other sender has it. Failures are recorded and retried after a backoff."""
    if not _claim(notification.pk):
        notification.refresh_from_db()
        return notification.status == Notification.Status.SENT
    return _send(Notification.objects.get(pk=notification.pk))


def _record(notification: Notification, **outcome) -> None:
    """Write a send's outcome only while the row is still this sender's claim: a claim the sweep has released as
    stale (and another sender taken) is not overwritten."""
    Notification.objects.filter(
        pk=notification.pk, status=Notification.Status.SENDING, claimed_at=notification.claimed_at
    ).update(attempts=notification.attempts, **outcome)


def _send(notification: Notification) -> bool:
    """Send a row this sender has claimed (its `claimed_at` is the claim); record the outcome."""
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        from_email=notification.from_email or settings.DEFAULT_FROM_EMAIL,
        to=notification.to,
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    for item in notification.attachments:
        message.attach(item["filename"], attachment_content(item), item.get("mimetype", "application/octet-stream"))
    notification.attempts += 1
    try:
        message.send()
    except Exception as exc:  # an SMTP failure is recorded, never lost
        abandoned = notification.attempts >= max_attempts()
        _record(
            notification,
            status=Notification.Status.ABANDONED if abandoned else Notification.Status.FAILED,
            last_error=describe_failure(exc)[:2000],
            next_attempt_at=None if abandoned else timezone.now() + backoff(notification.attempts),
        )
        return False
    _record(notification, status=Notification.Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None)
    return True


def _reply(code, text) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}".strip()


def describe_failure(exc: Exception) -> str:
    """What went wrong, in words an officer can act on (shown on the record the email was about)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{addr}: {_reply(*reply)}" for addr, reply in exc.recipients.items())
        return f"The mail server refused the address ({refused})"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"The mail server refused the sender {exc.sender} ({_reply(exc.smtp_code, exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"The mail server refused the message ({_reply(exc.smtp_code, exc.smtp_error)})"
    if isinstance(exc, OSError | smtplib.SMTPException):
        return f"The mail server could not be reached ({exc.__class__.__name__}: {exc})"
    return f"{exc.__class__.__name__}: {exc}"


def _claim_batch(now, size: int) -> list[int]:
    """Claim up to `size` rows due now. On PostgreSQL with `SELECT ... FOR UPDATE SKIP LOCKED`: two sweeps running
    at once take different rows and never wait for each other. Rows queued in the last minute are left to their
    own after-commit send, unless queuing it failed (the broker was down: `next_attempt_at` is set)."""
    due = _due_q(now) & (
        ~Q(status=Notification.Status.PENDING)
        | Q(created_at__lt=now - timedelta(minutes=1))
        | Q(next_attempt_at__lte=now)
    )
    with transaction.atomic():
        rows = Notification.objects.filter(due).order_by("created_at")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.values_list("pk", flat=True)[:size])
        Notification.objects.filter(pk__in=ids).update(status=Notification.Status.SENDING, claimed_at=now)
    return ids


BATCH = 20  # claimed at a time: sent well within STALE_CLAIM, however slow the mail server (EMAIL_TIMEOUT)


def sweep(size: int = 500) -> int:
    """Send what is queued and retry what failed, once its backoff has passed (up to OUTBOX_MAX_ATTEMPTS; then it
    is abandoned, and stays on the outbox page), BATCH rows claimed at a time, up to `size`. A claim older than ten
    minutes belongs to a sender that died: the attempt counts, and the row is released to be sent again (or
    abandoned after its last attempt). Returns how many were sent."""
    now = timezone.now()
    Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Notification.Status.FAILED,
        attempts=F("attempts") + 1,
        next_attempt_at=now,
        last_error="The sender stopped before finishing; retried by the sweep.",
    )
    Notification.objects.filter(status=Notification.Status.FAILED, attempts__gte=max_attempts()).update(
        status=Notification.Status.ABANDONED, next_attempt_at=None
    )
    sent = taken = 0
    while taken < size and (ids := _claim_batch(timezone.now(), min(BATCH, size - taken))):
        taken += len(ids)
        sent += sum(_send(notification) for notification in Notification.objects.filter(pk__in=ids))
    return sent
