"""Every email the system sends is written to the outbox (a `Notification` row) inside the transaction that caused
it, and sent by a task after that transaction commits: a rolled-back change never sends mail, and a failed send is
kept and retried by the sweep (mayoral_office.mailer). The row itself is the record of the email.

An email can say what it is about (`regarding=` a case, an engagement): that record's page then shows whether it
was delivered (`emails_about`), without the core knowing the app. A bounce reported later by the mail system is
recorded with `notification_mark_bounced` (the configuration site's action, or `manage.py outbox_bounced`)."""

from __future__ import annotations

import base64
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from mayoral_office import tasks
from mayoral_office.access import has_perm, require_perm
from mayoral_office.audit import record_change, service
from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from mayoral_office.policy import Policy, Rule

log = logging.getLogger(__name__)
BROKER_DOWN = (KombuOperationalError, RedisError, OSError)


def _attachment(item: dict) -> dict:
    """Text content is stored as it is (iCalendar); bytes (a PDF) as base64, marked so the sender decodes it."""
    content = item["content"]
    stored = {"filename": item["filename"], "mimetype": item.get("mimetype", "application/octet-stream")}
    if isinstance(content, bytes | bytearray):
        return {**stored, "content": base64.b64encode(bytes(content)).decode("ascii"), "encoding": "base64"}
    return {**stored, "content": content}


def queue_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    attachments=None,
    kind: str = "",
    from_email: str = "",
    regarding=None,
    recipient=None,
    idempotency_key: str | None = None,
) -> Notification:
    """Write an email to the outbox; it is sent after the surrounding transaction commits. `attachments` is a list
    of {filename, content (str or bytes), mimetype}; `regarding` the record the email is about, if any;
    `idempotency_key` makes a second email with the same key an IntegrityError (an email that must go once)."""
    notification = Notification.objects.create(
        to=sorted({addr for addr in to if addr}),
        from_email=from_email,
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=[_attachment(item) for item in attachments or []],
        kind=kind,
        regarding_type=ContentType.objects.get_for_model(regarding) if regarding is not None else None,
        regarding_id=str(regarding.pk) if regarding is not None else "",
        recipient=recipient,
        idempotency_key=idempotency_key,
    )
    transaction.on_commit(lambda: send_after_commit(notification.pk))
    return notification


def send_after_commit(notification_id: int) -> None:
    """Hand a committed outbox row to a worker. With the broker (Redis) down the page carries on: the row is marked
    for the next sweep (`manage.py send_outbox`, every two minutes), which sends it once the mail server answers."""
    try:
        tasks.send_notification.delay(notification_id)
    except BROKER_DOWN as exc:  # never the user's problem
        log.warning("Could not queue outbox email %s (%s); the sweep will send it", notification_id, exc)
        Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
            next_attempt_at=timezone.now()
        )


def emails_about(objs, *, kind: str = ""):
    """The outbox rows about these records (one record, or a list of one model's records), newest first, without
    their attachments. One query."""
    objs = objs if isinstance(objs, list | tuple) else [objs]
    if not objs:
        return Notification.objects.none()
    qs = Notification.objects.filter(
        regarding_type=ContentType.objects.get_for_model(objs[0]), regarding_id__in=[str(obj.pk) for obj in objs]
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.defer("attachments", "html_body").order_by("-created_at", "-pk")


@service
def notification_mark_bounced(*, actor, notification: Notification, reason: str) -> Notification:
    """Record that a sent email bounced (the receiving server refused it after accepting it for delivery): the
    record it was about shows it, and the sweep never sends it again. `actor` None: the mail system's bounce
    processing (a scheduled job); otherwise someone who configures the office."""
    if actor is not None:
        require_perm(actor, "configure_office")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Enter what the mail system said about the bounce", field="reason")
    fresh = Notification.objects.select_for_update().get(pk=notification.pk)
    if fresh.status != Notification.Status.SENT:
        raise ServiceError(f"Only a sent email can bounce: this one is '{fresh.get_status_display().lower()}'")
    fresh.status = Notification.Status.BOUNCED
    fresh.bounced_at = timezone.now()
    fresh.bounce_reason = reason[:2000]
    fresh.save(update_fields=["status", "bounced_at", "bounce_reason"])
    record_change(
        actor=actor,
        obj=fresh,
        changes={"status": (Notification.Status.SENT.label, Notification.Status.BOUNCED.label)},
        note=f"Email to {', '.join(fresh.to)} bounced: {fresh.bounce_reason}",
    )
    return fresh


# --- The outbox page's actions (the Head of Mayor's Office) ---------------------------------------------------------
RETRYABLE = (Notification.Status.FAILED, Notification.Status.ABANDONED)
ABANDONABLE = (Notification.Status.PENDING, Notification.Status.FAILED)


def _configures(user, obj) -> bool:
    return user.is_superuser or has_perm(user, "configure_office")


def _is_now(notification: Notification) -> str:
    return f"this one is '{notification.get_status_display().lower()}'"


OUTBOX_RULES = {
    "outbox.retry": Rule(
        who=_configures,
        when=lambda n: n.status in RETRYABLE,
        why_not=lambda n: f"Only a failed or abandoned email can be sent again: {_is_now(n)}",
    ),
    "outbox.abandon": Rule(
        who=_configures,
        when=lambda n: n.status in ABANDONABLE,
        why_not=lambda n: f"Only a queued or failed email can be abandoned: {_is_now(n)}",
    ),
}
outbox_policy = Policy("outbox", OUTBOX_RULES, facts=lambda user: user)


def available_actions(user, notification: Notification) -> set[str]:
    """What `user` may do to this outbox email now (the detail page's buttons)."""
    return outbox_policy.available_actions(user, notification)


@service
def notification_retry(*, actor, notification: Notification) -> Notification:
    """Send a failed or abandoned email again now: it goes back to the queue (its attempts are kept, so an email
    abandoned after OUTBOX_MAX_ATTEMPTS gets one more try) and is handed to a worker after the commit."""
    require_perm(actor, "configure_office")
    fresh = Notification.objects.select_for_update().get(pk=notification.pk)
    outbox_policy.require_state("outbox.retry", fresh)
    previous = fresh.get_status_display()
    fresh.status = Notification.Status.PENDING
    fresh.next_attempt_at = timezone.now()
    fresh.claimed_at = None
    fresh.save(update_fields=["status", "next_attempt_at", "claimed_at"])
    record_change(
        actor=actor,
        obj=fresh,
        changes={"status": (previous, Notification.Status.PENDING.label)},
        note=f"Email to {', '.join(fresh.to)} queued to be sent again by {actor} (after {fresh.attempts} attempt(s))",
    )
    pk = fresh.pk
    transaction.on_commit(lambda: send_after_commit(pk))
    return fresh


@service
def notification_abandon(*, actor, notification: Notification) -> Notification:
    """Stop trying to send a queued or failed email: no sender or sweep takes it again (a retry can)."""
    require_perm(actor, "configure_office")
    fresh = Notification.objects.select_for_update().get(pk=notification.pk)
    outbox_policy.require_state("outbox.abandon", fresh)
    previous = fresh.get_status_display()
    fresh.status = Notification.Status.ABANDONED
    fresh.next_attempt_at = None
    fresh.save(update_fields=["status", "next_attempt_at"])
    record_change(
        actor=actor,
        obj=fresh,
        changes={"status": (previous, Notification.Status.ABANDONED.label)},
        note=f"Email to {', '.join(fresh.to)} abandoned by {actor}",
    )
    return fresh
