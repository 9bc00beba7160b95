"""Sending what the outbox holds (mayoral_office.outbox writes it). Infrastructure, not a user's action: the
`Notification` row records every attempt (status, attempts, last error), so these writes need no audit entry."""

from __future__ import annotations

import base64
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from mayoral_office.models import Notification

MAX_ATTEMPTS = 5
CLAIMABLE = [Notification.Status.PENDING, Notification.Status.FAILED]


def attachment_content(item: dict) -> bytes | str:
    """An attachment's content as it is sent: bytes for a binary file (stored as base64), text otherwise."""
    if item.get("encoding") == "base64":
        return base64.b64decode(item["content"])
    return item["content"]


def deliver(notification: Notification) -> bool:
    """Send one outbox email. Failures are recorded and retried by the sweep."""
    # Claim the row first, so the after-commit send and the sweep can never both send it.
    if not Notification.objects.filter(pk=notification.pk, status__in=CLAIMABLE).update(
        status=Notification.Status.SENDING, claimed_at=timezone.now()
    ):
        notification.refresh_from_db()
        return notification.status == Notification.Status.SENT
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
        notification.status = Notification.Status.FAILED
        notification.last_error = describe_failure(exc)[:2000]
        notification.save(update_fields=["status", "attempts", "last_error"])
        return False
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
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


def sweep() -> int:
    """Send what is pending and retry what failed (up to MAX_ATTEMPTS). A claim older than ten minutes belongs to a
    sender that died, and is released. Rows younger than a minute are left to their own after-commit send."""
    now = timezone.now()
    Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=now - timedelta(minutes=10)).update(
        status=Notification.Status.FAILED, last_error="The sender stopped before finishing; retried by the sweep."
    )
    pending = Notification.objects.filter(
        status__in=CLAIMABLE, attempts__lt=MAX_ATTEMPTS, created_at__lt=now - timedelta(minutes=1)
    )
    return sum(deliver(notification) for notification in pending.order_by("created_at")[:500])
