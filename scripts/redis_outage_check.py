"""Redis goes down; the office carries on; nothing is lost (the "Chasing" issue, acceptance 5). Run by .ci/run.

1. Starts a Redis of its own (port 6391, so the suite's Redis is never touched), a fresh PostgreSQL database, a
   local SMTP server, gunicorn serving the app and a Celery worker with its beat (the outbox sweep every 3 s, set
   on its schedule as the Head of Mayor's Office would).
2. Stops Redis. Creates overdue cases and runs the day's chase: the digests go to the outbox, and queuing their
   send fails quietly. The Head presses "Send it again now" on an abandoned email on the outbox page: the POST
   must answer (a redirect) within 5 s. Meanwhile the web app answers: the sign-in page and a signed-in officer's
   home page, every half second, each must be a 200.
3. Starts Redis again and waits: every pending email must be sent, once, by the worker's sweep.

Exits non-zero on failure. Needs PostgreSQL at 127.0.0.1:5432 (user postgres) and redis-server on the PATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REDIS_PORT = 6391
WEB_PORT = 8771
DATABASE = "mo_ci_outage"
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]


def say(text: str) -> None:
    print(f"[redis outage] {text}", flush=True)


def redis(*args: str) -> None:
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), *args], check=False, capture_output=True)


def start_redis() -> None:
    subprocess.run(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--daemonize", "yes", "--save", ""]
        + ["--appendonly", "no"],
        check=True,
        capture_output=True,
    )
    wait_for(lambda: subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True).returncode == 0)


def wait_for(predicate, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise SystemExit(f"[redis outage] FAILED: timed out waiting for {what or 'a condition'}")


def get(path: str, cookie: str = "") -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{WEB_PORT}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def retry_through_the_page(session_cookie: str, pk: int) -> tuple[int, float]:
    """As the Head of Mayor's Office: open an email on the outbox page and press "Send it again now" (a POST whose
    service queues the send after its commit). Returns the answer's status and how long the POST took."""
    import re
    from urllib.parse import urlencode

    opener = urllib.request.build_opener(_NoRedirect)
    page = opener.open(
        urllib.request.Request(f"http://127.0.0.1:{WEB_PORT}/outbox/{pk}/", headers={"Cookie": session_cookie}),
        timeout=10,
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    csrf = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "")).group(1)
    request = urllib.request.Request(
        f"http://127.0.0.1:{WEB_PORT}/outbox/{pk}/retry/",
        data=urlencode({"csrfmiddlewaretoken": token}).encode(),
        headers={"Cookie": f"{session_cookie}; csrftoken={csrf}"},
    )
    started = time.monotonic()
    try:
        with opener.open(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.monotonic() - started


class Prober(threading.Thread):
    """Asks the web app for two pages every half second and keeps every answer."""

    def __init__(self, cookie: str):
        super().__init__(daemon=True)
        self.cookie, self.answers, self.stopped = cookie, [], threading.Event()

    def run(self):
        while not self.stopped.is_set():
            started = time.monotonic()
            codes = (get("/sign-in/"), get("/", self.cookie))
            self.answers.append((codes, time.monotonic() - started))
            time.sleep(0.5)


def main() -> int:
    smtp_server = __import__("tests.smtp_server", fromlist=["local_smtp_server"])
    subprocess.run([*PG, f"DROP DATABASE IF EXISTS {DATABASE}"], check=True)
    subprocess.run([*PG, f"CREATE DATABASE {DATABASE}"], check=True)
    processes: list[subprocess.Popen] = []
    logs = Path(tempfile.mkdtemp(prefix="mo-outage-"))
    with smtp_server.local_smtp_server() as (smtp_port, mail):
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "mayoral_office.settings",
        }
        os.environ.update(env)
        try:
            say("migrating a fresh database")
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
            )
            start_redis()
            prepare()
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "mayoral_office.wsgi", "-b", f"127.0.0.1:{WEB_PORT}", "-w", "2"],
                    cwd=ROOT,
                    env=env,
                    stdout=(logs / "web.log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "mayoral_office", "worker", "-B", "-P", "solo", "-l", "info"]
                    + ["--without-gossip", "--without-mingle", "-s", str(logs / "beat-schedule")],
                    cwd=ROOT,
                    env=env,
                    stdout=(logs / "worker.log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
            return run_check(mail, logs)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            redis("shutdown", "nosave")
            subprocess.run([*PG, f"DROP DATABASE IF EXISTS {DATABASE}"], check=False)


def prepare() -> None:
    """Django in this process, on the check's database. The chasing rules write the digests at 23:59, so the
    worker's beat (which chases every ten minutes on weekdays) never chases by the real clock during the check;
    the check runs the chase itself, as at 23:59 on Friday 4 December 2026."""
    import django

    django.setup()
    from datetime import time as clock_time

    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from mayoral_office.models import ChaseSettings

    ChaseSettings.objects.create(
        remind_before_days=0, lead_after_days=60, head_after_days=60, digest_time=clock_time(23, 59)
    )
    every_3s, _ = IntervalSchedule.objects.get_or_create(every=3, period="seconds")
    PeriodicTask.objects.filter(name="send-outbox").update(interval=every_3s)  # the sweep, every 3 s here


def run_check(mail, logs: Path) -> int:
    from datetime import date

    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from casework.models import Status
    from mayoral_office import chasing
    from mayoral_office.models import Notification
    from mayoral_office.roles import Role
    from tests.casework.factories import CaseFactory
    from tests.mayoral_office.factories import UserFactory

    wait_for(lambda: get("/sign-in/") == 200, 60, "the web app")
    wait_for(lambda: b"ready." in (logs / "worker.log").read_bytes(), 60, "the worker")
    officers = [UserFactory(role=Role.CABINET_SUPPORT) for _ in range(4)]
    client = Client()
    client.force_login(officers[0])
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    if get("/", cookie) != 200:
        raise SystemExit("[redis outage] FAILED: the signed-in home page did not answer before the outage")
    head = UserFactory(role=Role.HEAD_OF_OFFICE)
    head_client = Client()
    head_client.force_login(head)
    head_cookie = f"{settings.SESSION_COOKIE_NAME}={head_client.cookies[settings.SESSION_COOKIE_NAME].value}"
    given_up = Notification.objects.create(
        to=["returned@example.org"], subject="A letter the server refused", body="...", status="abandoned", attempts=6
    )
    prober = Prober(cookie)
    prober.start()

    say("stopping Redis")
    redis("shutdown", "nosave")
    time.sleep(2)
    for n, officer in enumerate(officers * 3):
        CaseFactory(officer=officer, response_due=date(2026, 11, 2 + n), status=Status.ALLOCATED)
    from django.utils import timezone

    friday = timezone.make_aware(timezone.datetime(2026, 12, 4, 23, 59, 30))
    result = chasing.run_chase(friday)
    say(f"while Redis was down: {result}")
    status, seconds = retry_through_the_page(head_cookie, given_up.pk)
    say(f"while Redis was down: the Head pressed 'Send it again now' on the outbox page: {status} in {seconds:.2f} s")
    if status != 302 or seconds > 5:
        raise SystemExit(f"[redis outage] FAILED: the retry answered {status} in {seconds:.1f} s")
    waiting = Notification.objects.exclude(status=Notification.Status.SENT).count()
    if result.digests != 4 or waiting != 5 or mail.messages:
        raise SystemExit(f"[redis outage] FAILED: expected 5 emails waiting, found {waiting} ({result})")
    time.sleep(3)  # the pages keep answering

    say("starting Redis again")
    start_redis()
    restarted = time.monotonic()
    wait_for(lambda: Notification.objects.filter(status=Notification.Status.SENT).count() == 5, 120, "the emails")
    sent_after = time.monotonic() - restarted
    time.sleep(4)  # another sweep or two: nothing is sent twice
    prober.stopped.set()
    prober.join()
    connections.close_all()

    recipients = sorted(r for message in mail.messages for r in message.recipients)
    if recipients != sorted([*(o.email for o in officers), "returned@example.org"]):
        raise SystemExit(f"[redis outage] FAILED: expected one email per officer and the retried one, got {recipients}")
    failures = [codes for codes, _ in prober.answers if codes != (200, 200)]
    slowest = max(seconds for _, seconds in prober.answers)
    say(
        f"{len(prober.answers)} pairs of page requests during the check, {len(failures)} not 200 (slowest pair "
        f"{slowest:.2f} s); 4 digests and the retried email sent {sent_after:.1f} s after Redis came back, none twice"
    )
    if failures:
        raise SystemExit(f"[redis outage] FAILED: the web app did not answer: {failures[:5]}")
    say("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
