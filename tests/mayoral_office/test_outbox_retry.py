"""The outbox's retries (mayoral_office/mailer.py): a failed send waits out a doubling backoff, is abandoned after
OUTBOX_MAX_ATTEMPTS, and two sweeps never take the same row; with the broker down the email waits for the sweep."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction

from mayoral_office import mailer, outbox
from mayoral_office.models import Notification
from tests.smtp_server import local_smtp_server, use_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with local_smtp_server() as (port, state):
        use_smtp(settings, port)
        yield state


def _queued(subject="Chase") -> Notification:
    return Notification.objects.create(to=["kim.lee@eastbridge.gov.uk"], subject=subject, body="Overdue")


def test_a_failed_send_backs_off_doubling_then_is_abandoned(smtp, settings, clock):
    settings.OUTBOX_RETRY_SECONDS, settings.OUTBOX_MAX_ATTEMPTS = 60, 3
    smtp.fail_next = 5
    notification = _queued()
    assert not mailer.deliver(notification)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED and "451 4.3.0 Try again later" in notification.last_error
    assert notification.next_attempt_at - clock.now() == pytest.approx(timedelta(seconds=60), abs=timedelta(seconds=2))

    clock.shift(seconds=30)
    assert mailer.sweep() == 0 and Notification.objects.get(pk=notification.pk).attempts == 1  # still backing off
    clock.shift(seconds=31)
    assert mailer.sweep() == 0
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert notification.next_attempt_at - clock.now() == pytest.approx(timedelta(seconds=120), abs=timedelta(seconds=2))

    clock.shift(seconds=121)
    mailer.sweep()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.ABANDONED and notification.attempts == 3
    assert not notification.will_retry and notification.next_attempt_at is None
    clock.shift(days=1)
    assert mailer.sweep() == 0 and smtp.messages == []


def test_a_retried_send_goes_once(smtp, clock):
    smtp.fail_next = 1
    notification = _queued()
    mailer.deliver(notification)
    clock.shift(seconds=61)
    assert mailer.sweep() == 1 and mailer.sweep() == 0
    assert len(smtp.messages) == 1 and Notification.objects.get(pk=notification.pk).attempts == 2


def test_with_the_broker_down_the_email_waits_for_the_next_sweep(smtp, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(outbox.tasks.send_notification, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = outbox.queue_email(to=["kim.lee@eastbridge.gov.uk"], subject="Chase", body="Overdue")
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING and notification.next_attempt_at is not None
    assert mailer.sweep() == 1  # at once, not after the minute a fresh row is left to its own send
    assert [m.message["Subject"] for m in smtp.messages] == ["Chase"]


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked, reason="SKIP LOCKED: the PostgreSQL pass of .ci/run"
)
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_never_take_the_same_rows(smtp):
    rows = [_queued(f"Chase {n}") for n in range(4)]
    Notification.objects.update(next_attempt_at=None, created_at=rows[0].created_at - timedelta(minutes=5))
    locked, release = threading.Event(), threading.Event()

    def other_sweep():  # holds the first two rows, as a sweep in another worker would while it sends them
        try:
            with transaction.atomic():
                list(Notification.objects.select_for_update().filter(pk__in=[rows[0].pk, rows[1].pk]))
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_sweep)
    thread.start()
    try:
        assert locked.wait(10)
        claimed = mailer._claim_batch(rows[0].created_at + timedelta(minutes=10), 10)
        assert sorted(claimed) == [rows[2].pk, rows[3].pk]  # not waiting for the locked rows, not taking them
    finally:
        release.set()
        thread.join()


def test_a_sender_whose_claim_went_stale_does_not_overwrite_the_next_senders_result(smtp, clock):
    notification = _queued()
    assert mailer._claim(notification.pk)
    slow = Notification.objects.get(pk=notification.pk)  # the first sender, stalled on a slow mail server
    clock.shift(minutes=11)
    assert mailer.sweep() == 1  # the sweep releases the stale claim (the dead attempt counts) and sends it
    sent = Notification.objects.get(pk=notification.pk)
    assert sent.status == Notification.Status.SENT and sent.attempts == 2
    smtp.fail_next = 1
    assert not mailer._send(slow)  # the stalled sender finally fails...
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT  # ...and changes nothing


def test_a_claim_that_keeps_dying_is_abandoned_after_the_last_attempt(settings, clock):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    notification = _queued()
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENDING, claimed_at=clock.now(), attempts=1
    )
    clock.shift(minutes=11)
    mailer.sweep()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.ABANDONED and notification.attempts == 2
