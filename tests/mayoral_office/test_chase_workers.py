"""Exactly once with real parts: two Celery worker processes over a real Redis, PostgreSQL, and an SMTP server on
loopback that refuses the first message. The chase runs on both workers at once and then once more; each person
still gets exactly one digest for the day. Runs on the PostgreSQL + Redis pass of .ci/run (which starts Redis and
PostgreSQL); skipped on SQLite, where separate processes cannot share the test's database."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from casework.models import Status
from mayoral_office import tasks
from mayoral_office.models import ChaseEntry, ChaseSettings, Notification
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory
from tests.mayoral_office.factories import UserFactory
from tests.smtp_server import local_smtp_server

pytestmark = [
    pytest.mark.skipif(
        not (settings.REDIS_URL and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")),
        reason="needs PostgreSQL and REDIS_URL: runs on the PostgreSQL + Redis pass of .ci/run",
    ),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]
FRIDAY_9AM = "2026-12-04T09:00:00+00:00"


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(name: str, queue: str, smtp_port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),  # the test's own database
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "OUTBOX_RETRY_SECONDS": "1",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", "mayoral_office", "worker", "-P", "solo", "-n", f"{name}@%h"]
    command += ["-Q", queue, "--prefetch-multiplier", "1", "-l", "info"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    handle = log.open("wb")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def workers(seeded_after_flush, celery_eager):
    """Two worker processes on a queue of their own, an SMTP server that fails the first message, and the test's
    Celery app publishing to Redis."""
    queue = f"chase-test-{uuid.uuid4().hex[:8]}"
    app = celery_eager
    with local_smtp_server() as (port, mail), tempfile.TemporaryDirectory() as logs:
        logs = Path(logs)
        processes = [_start_worker(f"w{n}", queue, port, logs / f"w{n}.log") for n in (1, 2)]
        try:
            for n in (1, 2):
                _wait_for(lambda n=n: b"ready." in (logs / f"w{n}.log").read_bytes(), 60, f"worker w{n}")
            app.conf.task_always_eager = False
            app.conf.task_default_queue = queue
            yield app, mail, queue, logs
        finally:
            app.conf.task_always_eager = True
            app.conf.task_default_queue = "celery"
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            connections.close_all()


def test_two_workers_running_the_chase_at_once_and_again_send_one_digest_per_person(workers):
    app, mail, queue, logs = workers
    ChaseSettings.objects.create(remind_before_days=0, lead_after_days=10, head_after_days=20)
    people = [UserFactory(role=Role.CABINET_SUPPORT) for _ in range(3)]
    for n, person in enumerate(people * 2):
        CaseFactory(officer=person, response_due=date(2026, 12, 1 + n % 3), status=Status.ALLOCATED)
    mail.fail_next = 1  # the first digest's first attempt fails: it is retried after its backoff

    results = [tasks.chase.apply_async(kwargs={"at": FRIDAY_9AM}, queue=queue) for _ in range(2)]  # at once
    _wait_for(lambda: Notification.objects.filter(kind="chase.digest").count() == 3, 60, "the digests")
    tasks.chase.apply_async(kwargs={"at": FRIDAY_9AM}, queue=queue)  # and once more, later
    _wait_for(lambda: len(mail.messages) >= 3, 60, "three emails")
    time.sleep(3)  # long enough for a duplicate to arrive, were there one

    for n in (1, 2):  # each worker ran the chase at least once
        assert b"mayoral_office.tasks.chase[" in (logs / f"w{n}.log").read_bytes()
    assert sorted(rcpt for m in mail.messages for rcpt in m.recipients) == sorted(p.email for p in people)
    digests = Notification.objects.filter(kind="chase.digest")
    assert set(digests.values_list("status", flat=True)) == {Notification.Status.SENT}
    assert sorted(digests.values_list("attempts", flat=True)) == [1, 1, 2]  # one failed first, then went
    assert ChaseEntry.objects.count() == 6
    assert len({r.id for r in results}) == 2
