"""Writes to the office's shared core. Each takes the acting user and leaves an audit entry."""

from __future__ import annotations

from datetime import date

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from mayoral_office.access import require_perm
from mayoral_office.audit import acting_as
from mayoral_office.models import ClosureDay, Notification, User
from mayoral_office.working_days import recalculate_open_deadlines


@transaction.atomic
def user_disable(*, actor, user: User) -> int:
    """Disable an account and end its sessions now. Returns how many sessions were ended."""
    require_perm(actor, "configure_office")
    with acting_as(actor):
        user.is_active = False
        user.save(update_fields=["is_active"])
    ended = 0
    # Sessions are signed blobs keyed by session id; find the user's by decoding the live ones.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def closure_day_add(*, actor, day: date, reason: str) -> ClosureDay:
    require_perm(actor, "configure_office")
    with acting_as(actor):
        closure = ClosureDay.objects.create(date=day, reason=reason)
        recalculate_open_deadlines(actor=actor, changed_day=day, note=f"Closure day added: {day:%-d %B %Y} ({reason})")
    return closure


@transaction.atomic
def closure_day_remove(*, actor, closure: ClosureDay) -> None:
    require_perm(actor, "configure_office")
    day, reason = closure.date, closure.reason
    with acting_as(actor):
        closure.delete()
        recalculate_open_deadlines(
            actor=actor, changed_day=day, note=f"Closure day removed: {day:%-d %B %Y} ({reason})"
        )


def notification_queue(
    *, to: list[str], subject: str, body: str, html_body: str = "", attachments=None, kind: str = ""
) -> Notification:
    """Write an email to the outbox; it is sent after the surrounding transaction commits."""
    from mayoral_office.tasks import send_notification

    notification = Notification.objects.create(
        to=sorted({addr for addr in to if addr}),
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=attachments or [],
        kind=kind,
    )
    transaction.on_commit(lambda: send_notification.delay(notification.pk))
    return notification


def notification_send(*, notification: Notification) -> bool:
    """Send one outbox email. Failures are recorded and retried by the outbox sweep."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    # Claim the row first, so the after-commit send and the outbox sweep can never both send it.
    claimable = [Notification.Status.PENDING, Notification.Status.FAILED]
    now = timezone.now()
    if not Notification.objects.filter(pk=notification.pk, status__in=claimable).update(
        status=Notification.Status.SENDING, claimed_at=now
    ):
        notification.refresh_from_db()
        return notification.status == Notification.Status.SENT
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=notification.to,
    )
    if notification.html_body:
        message.attach_alternative(notification.html_body, "text/html")
    for item in notification.attachments:
        message.attach(item["filename"], item["content"], item.get("mimetype", "application/octet-stream"))
    notification.attempts += 1
    try:
        message.send()
    except Exception as exc:  # an SMTP failure is recorded, never lost
        notification.status = Notification.Status.FAILED
        notification.last_error = str(exc)[:2000]
        notification.save(update_fields=["status", "attempts", "last_error"])
        return False
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return True
