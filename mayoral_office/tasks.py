from celery import shared_task

from mayoral_office.models import Notification
from mayoral_office.services import notification_send

MAX_ATTEMPTS = 5


@shared_task
def send_notification(notification_id: int) -> bool:
    notification = Notification.objects.filter(pk=notification_id).first()
    return bool(notification) and notification_send(notification=notification)


@shared_task
def send_outbox() -> int:
    """Sweep the outbox: send what is pending and retry what failed (up to MAX_ATTEMPTS)."""
    sent = 0
    pending = Notification.objects.exclude(status=Notification.Status.SENT).filter(attempts__lt=MAX_ATTEMPTS)
    for notification in pending.order_by("created_at")[:500]:
        sent += notification_send(notification=notification)
    return sent
