"""A real Celery worker over a real Redis broker sends an outbox email (runs on CI's PostgreSQL + Redis pass)."""

import time

import pytest
from django.conf import settings
from django.db import connections

from mayoral_office.models import Notification
from mayoral_office.outbox import queue_email as notification_queue

pytestmark = [
    pytest.mark.skipif(
        not settings.REDIS_URL, reason="needs REDIS_URL: runs on the PostgreSQL + Redis pass of .ci/run"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_outbox_email_is_sent_by_a_worker_through_redis(celery_eager, mailoutbox):
    from celery.contrib.testing.worker import start_worker

    app = celery_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            notification = notification_queue(
                to=["mayor@eastbridge.gov.uk"], subject="Diary change", body="Moved to 3pm", kind="test"
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                notification.refresh_from_db()
                if notification.status == Notification.Status.SENT:
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
        connections.close_all()
    assert notification.status == Notification.Status.SENT
    assert [m.subject for m in mailoutbox] == ["Diary change"]
