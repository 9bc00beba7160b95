from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from mayoral_office.models import Notification
from mayoral_office.services import notification_send

MAX_ATTEMPTS = 5


@shared_task
def send_notification(notification_id: int) -> bool:
    notification = Notification.objects.filter(pk=notification_id).first()
    return bool(notification) and notification_send(notification=notification)


@shared_task
def send_outbox() -> int:
    """Sweep the outbox: send what is pending and retry what failed (up to MAX_ATTEMPTS). A claim older than ten
    minutes belongs to a sender that died, and is released. Rows younger than a minute are left to their own
    after-commit send."""
    now = timezone.now()
    Notification.objects.filter(status=Notification.Status.SENDING, claimed_at__lt=now - timedelta(minutes=10)).update(
        status=Notification.Status.FAILED, last_error="The sender stopped before finishing; retried by the sweep."
    )
    pending = Notification.objects.filter(
        status__in=[Notification.Status.PENDING, Notification.Status.FAILED],
        attempts__lt=MAX_ATTEMPTS,
        created_at__lt=now - timedelta(minutes=1),
    )
    sent = 0
    for notification in pending.order_by("created_at")[:500]:
        sent += notification_send(notification=notification)
    return sent
