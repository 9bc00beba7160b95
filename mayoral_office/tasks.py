"""Celery tasks of the core: each takes primary keys or nothing, and calls one function."""

from celery import shared_task

from mayoral_office import mailer
from mayoral_office.models import Notification


@shared_task
def send_notification(notification_id: int) -> bool:
    notification = Notification.objects.filter(pk=notification_id).first()
    return bool(notification) and mailer.deliver(notification)


@shared_task
def send_outbox() -> int:
    """The beat job 'send-outbox' (also `manage.py send_outbox`)."""
    return mailer.sweep()
