"""Every email the system sends is written to the outbox (a `Notification` row) inside the transaction that caused
it, and sent by a task after that transaction commits: a rolled-back change never sends mail, and a failed send is
kept and retried by the sweep (mayoral_office.mailer). The row itself is the record of the email."""

from __future__ import annotations

from django.db import transaction

from mayoral_office import tasks
from mayoral_office.models import Notification


def queue_email(
    *, to: list[str], subject: str, body: str, html_body: str = "", attachments=None, kind: str = ""
) -> Notification:
    """Write an email to the outbox; it is sent after the surrounding transaction commits."""
    notification = Notification.objects.create(
        to=sorted({addr for addr in to if addr}),
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=attachments or [],
        kind=kind,
    )
    transaction.on_commit(lambda: tasks.send_notification.delay(notification.pk))
    return notification
