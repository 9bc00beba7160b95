"""Celery tasks of the core: each takes primary keys or nothing, and calls one function. Each periodic one is also
a management command (send_outbox, chase)."""

from datetime import datetime

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from mayoral_office import chasing, mailer
from mayoral_office.models import Notification


@shared_task(bind=True, max_retries=5)
def send_notification(self, notification_id: int) -> bool:
    """Send one outbox email; after a failed send, try again once its backoff has passed (the sweep also would)."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return False
    if mailer.deliver(notification):
        return True
    notification.refresh_from_db()
    if notification.will_retry and not self.request.is_eager and self.request.retries < self.max_retries:
        raise self.retry(countdown=mailer.backoff(notification.attempts).total_seconds())
    return False


@shared_task
def send_outbox() -> int:
    """The beat job 'send-outbox' (also `manage.py send_outbox`)."""
    return mailer.sweep()


def _aware(at: str | None) -> datetime | None:
    """An ISO time as given; one without an offset is London time."""
    if not at:
        return None
    moment = datetime.fromisoformat(at)
    return moment if moment.tzinfo else timezone.make_aware(moment)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def chase(at: str | None = None) -> str:
    """The beat job 'chase' (also `manage.py chase`): today's digests, once, in working hours. `at`: an ISO time
    to run as (a catch-up after an outage; the tests)."""
    return str(chasing.run_chase(_aware(at)))


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def chase_alerts() -> str:
    """The beat job 'chase-alerts' (also `manage.py chase --alerts`)."""
    return str(chasing.send_alerts())


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def weekly_report() -> int:
    """The beat job 'weekly-report' (weekday mornings): on the first working day of the week, last week's performance
    report to the Head of Mayor's Office, once."""
    from mayoral_office import reports  # it writes to the outbox, which queues its sends through these tasks

    return reports.send_weekly_reports()
