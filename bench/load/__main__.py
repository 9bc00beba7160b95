"""`make loadtest` (python -m bench.load): locust's officers and members (bench/load/locustfile.py) against gunicorn
with the production settings on loopback, over the bench's volume database; prints requests per second, p50/p95/p99
and errors, overall and per request, and PASS when there are no errors and p95 is at most 300 ms (exit status 1
otherwise). The figures are saved to bench/load-results.json (LOADTEST_RESULTS for another path).

Environment:
  BENCH_DATABASE_URL   the database (default postgres://postgres@127.0.0.1:5432/mo_bench, as `make bench`); migrated,
                       and built with seed_volume at BENCH_BUILD_SCALE (default 0.05) if it holds no cases. A database
                       from `manage.py migrate` + `manage.py seed_demo` serves as well: the users are the demo logins,
                       which seed_volume also makes.
  LOADTEST_USERS       simulated users (default 50), LOADTEST_MEMBER_SHARE of them members (default 0.2)
  LOADTEST_DURATION    how long all the users work together, as locust writes it (default 2m; e.g. 20s), after the
                       ramp-up in which they sign in
  LOADTEST_SPAWN_RATE  users signing in per second during the ramp-up (default 1: a sign-in costs about half a second
                       of CPU in PBKDF2 by design, so ten a second would hold both cores for the first 15 seconds:
                       an office does not sign in all at once)
  LOADTEST_WORKERS, LOADTEST_THREADS   gunicorn's worker processes and threads per worker (default 3 and 1)
  LOADTEST_REDIS_URL   the app's cache and Celery broker (default redis://127.0.0.1:6379/13, emptied before and after
                       the run: keep that Redis database for the load test); "none" to run without Redis

How production runs on plain-HTTP loopback, with no setting relaxed (DJANGO_ENV=production, a fresh SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT and secure cookies on, two-factor sign-in required):
- every request carries `X-Forwarded-Proto: https`, which the production settings trust (SECURE_PROXY_SSL_HEADER):
  the TLS-terminating proxy's job. Django then sees a secure request: no redirect to https, HSTS sent, and the
  CSRF check demands an https Referer of this host, which the scenario sends with each POST;
- the client sends the Secure session and CSRF cookies over the loopback hop (the browser's TLS leg);
- two-factor: before the run each login gets an authenticator (a TOTP device, "Load test (bench.load) N") per
  simulated user who shares it, and the scenario signs in with the password and then the current 6-digit code, as
  an officer with their app would. The devices are removed afterwards (and any sign-in lock-out of those logins
  left by an earlier run is cleared before).
- email goes nowhere (EMAIL_URL=dummymail://); uploads to a temporary PRIVATE_MEDIA_ROOT; static files collected
  into the production STATIC_ROOT (var/staticfiles), for the manifest WhiteNoise serves from.

gunicorn: 3 sync workers (one request at a time each) on this 2-core machine, as the Dockerfile's production command.
The pages are CPU-bound Python (about four fifths of a request is rendering; PostgreSQL a fifth), so 3 processes keep
both cores busy while one waits on PostgreSQL. A sync worker takes a connection only when it is free, so requests
wait in the one accept queue for whichever worker frees first; gthread workers (--threads 2 or more) accept
connections as they come and queue them behind their own busy threads while another worker may be idle, and their
threads contend for one GIL. Measured here with 50 users (60 s to 2 min at full strength): 3 workers x 1 thread p95
250-310 ms, 4 x 1 340 ms, 2 workers x 4 threads 860 ms, 3 x 2 800 ms.

A short run (LOADTEST_USERS=10 LOADTEST_DURATION=20s) checks that the scenario works, not the target: its ten
sign-ins are 5% of its requests, so its p95 is the password step's; the line "Without the password step" gives the
pages' own.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.__main__ import DEFAULT_URL, ROOT, case_count, django_env, ensure_volume, env

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
P95_TARGET_MS = 300
DEVICE_PREFIX = "Load test (bench.load)"
OFFICER_ROLES = ("head_of_office", "executive_support", "cabinet_support")
SIGN_IN_POST = "/sign-in/ [POST]"  # the password step: PBKDF2 with Django's 1,000,000 iterations, by design slow


# --- accounts: run in a process of its own with Django set up (python -m bench.load _accounts ...) -------------
def _accounts_create(plan_path: str, officer_users: int, member_users: int) -> None:
    import django

    django.setup()
    from axes.models import AccessAttempt
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp.util import random_hex

    from mayoral_office import demo
    from mayoral_office.models import Member, User
    from mayoral_office.roles import Role

    officer_emails = [
        f"{local}@{demo.DEMO_EMAIL_DOMAIN}" for local, _, _, role, _, _ in demo.OFFICERS if role in OFFICER_ROLES
    ]
    officers = list(User.objects.filter(email__in=officer_emails, is_active=True).order_by("pk"))
    members = list(
        Member.objects.filter(
            user__isnull=False,
            user__is_active=True,
            user__email__endswith=f"@{demo.DEMO_EMAIL_DOMAIN}",
            user__groups__name=Role.MEMBER.label,
        )
        .select_related("user")
        .order_by("user__pk")
    )
    if not officers or not members:
        sys.exit("The database has no demo logins (officers and members): run manage.py seed_demo or seed_volume.")
    with transaction.atomic():
        TOTPDevice.objects.filter(name__startswith=DEVICE_PREFIX).delete()  # a run that was cut short
        users = [*officers, *(m.user for m in members)]
        AccessAttempt.objects.filter(username__in=[u.email for u in users]).delete()

        def account(user, users_of_kind: int, accounts: int) -> dict:
            for n in range(max(1, math.ceil(users_of_kind / accounts))):
                TOTPDevice.objects.create(
                    user=user, name=f"{DEVICE_PREFIX} {n + 1}", key=random_hex(20), confirmed=True
                )
            # In the order the two-factor step tries them (django_otp.match_token: the same query, unordered, so
            # the table's own order), so that the scenario uses them first to last and never sends a code that is
            # tried against an authenticator still to be used: a wrong code throttles that authenticator.
            devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
            keys = [d.key for d in devices if d.name.startswith(DEVICE_PREFIX)]
            return {"email": user.email, "pk": user.pk, "name": user.full_name, "devices": keys}

        plan = {
            "password": demo.DEMO_PASSWORD,
            "officers": [account(u, officer_users, len(officers)) for u in officers],
            "members": [account(m.user, member_users, len(members)) for m in members],
            "member_names": [m.name for m in members],
            "officers_users": officer_users,
            "members_users": member_users,
        }
    Path(plan_path).write_text(json.dumps(plan))


def _accounts_remove() -> None:
    import django

    django.setup()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(name__startswith=DEVICE_PREFIX).delete()


def accounts(url: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "bench.load", "_accounts", *args], cwd=ROOT, env=django_env(url), check=True)


def analyze(url: str) -> None:
    """Fresh planner statistics, as autovacuum keeps them on a live database: a database just seeded, or copied
    from a template, may have none, and the planner then picks nested loops for thousands of rows."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute("ANALYZE")


# --- the server -----------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(url: str, redis_url: str, media: Path) -> dict:
    environment = {
        k: v
        for k, v in django_env(url).items()
        if not k.startswith(("MFA_", "SECURE_", "CELERY_", "DEBUG", "EMAIL_URL", "REDIS_URL", "CSRF_", "PROXY_"))
    }
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_URL="dummymail://",
        PRIVATE_MEDIA_ROOT=str(media / "private"),
        MEDIA_ROOT=str(media / "media"),
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        environment["REDIS_URL"] = redis_url
    return environment


def flush_redis(redis_url: str) -> None:
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()


def wait_until_up(base: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(base + "/sign-in/", headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (our loopback server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    sys.exit(f"gunicorn did not answer /sign-in/ within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cpu_busy_now() -> float | None:
    """How much of the machine's CPU is in use over 3 seconds (with the server up and idle)."""
    try:
        import psutil
    except ImportError:
        return None
    return psutil.cpu_percent(interval=3)


class CpuSampler(threading.Thread):
    """Where the machine's CPU goes during the run: gunicorn (master and workers), locust, PostgreSQL, and every
    other process (anything else running on the machine competes with the server for its cores)."""

    def __init__(self, server_pid: int):
        super().__init__(daemon=True)
        self.server_pid, self.running, self.used = server_pid, True, {}
        self.started = self.ended = None

    def run(self):
        try:
            import psutil
        except ImportError:
            return
        seen: dict[int, tuple] = {}  # pid -> (process, group, cpu seconds when first seen)

        def group(proc) -> str:
            try:
                if proc.pid == self.server_pid or self.server_pid in [p.pid for p in proc.parents()]:
                    return "gunicorn"
                if proc.name().startswith("postgres"):
                    return "postgres"
                return "locust" if "locust" in " ".join(proc.cmdline()) else "other"
            except psutil.Error:
                return "other"

        total_start = psutil.cpu_times()
        self.started = time.monotonic()
        last: dict[int, float] = {}
        while self.running:
            for proc in psutil.process_iter():
                if proc.pid not in seen:
                    try:
                        seen[proc.pid] = (proc, group(proc), sum(proc.cpu_times()[:2]))
                    except psutil.Error:
                        continue
                with contextlib.suppress(psutil.Error):
                    last[proc.pid] = sum(proc.cpu_times()[:2])
            time.sleep(1)
        self.ended = time.monotonic()
        total_end = psutil.cpu_times()
        busy = (sum(total_end) - total_end.idle - total_end.iowait) - (
            sum(total_start) - total_start.idle - total_start.iowait
        )
        used = {"gunicorn": 0.0, "locust": 0.0, "postgres": 0.0}
        for pid, (_, name, first) in seen.items():
            if name != "other" and pid in last:
                used[name] += last[pid] - first
        used["other"] = max(0.0, busy - sum(used.values()))
        elapsed = self.ended - self.started
        self.used = {name: round(seconds / elapsed, 2) for name, seconds in used.items()}

    def stop(self) -> dict:
        self.running = False
        self.join(timeout=10)
        return self.used


# --- the figures ----------------------------------------------------------------------------------------------
def percentile(times: dict[int, int], count: int, fraction: float) -> float | None:
    """The time `fraction` of the requests finished within, from locust's histogram (as locust reckons it)."""
    if not count:
        return None
    within, seen = int(count * fraction), 0
    for ms in sorted(times, reverse=True):
        seen += times[ms]
        if count - seen <= within:
            return float(ms)
    return 0.0


def figures(rows: list[dict], seconds_run: float, name: str = "", method: str = "") -> dict:
    times: dict[int, int] = {}
    for row in rows:
        for ms, n in row["response_times"].items():
            times[int(ms)] = times.get(int(ms), 0) + n
    count = sum(r["requests"] for r in rows)
    return {
        "method": method,
        "name": name,
        "requests": count,
        "errors": sum(r["errors"] for r in rows),
        "rps": count / seconds_run if seconds_run else 0.0,
        "p50_ms": percentile(times, count, 0.5),
        "p95_ms": percentile(times, count, 0.95),
        "p99_ms": percentile(times, count, 0.99),
        "max_ms": max((r["max_ms"] for r in rows), default=None),
        "mean_ms": round(sum(r["total_ms"] for r in rows) / count, 1) if count else None,
    }


def read_stats(path: Path) -> tuple[dict, list[dict], list[dict], dict]:
    """Overall, per request name, the errors, and overall without the sign-in's password step."""
    data = json.loads(path.read_text())
    rows = [r for r in data["entries"] if r["requests"]]
    seconds_run = max((r["last"] for r in rows), default=0) - min((r["first"] for r in rows), default=0)
    total = figures(rows, seconds_run, "All requests")
    per_name = sorted(
        (figures([r], seconds_run, r["name"], r["method"]) for r in rows), key=lambda r: (-r["requests"], r["name"])
    )
    without_password = figures([r for r in rows if r["name"] != SIGN_IN_POST], seconds_run, "Without the password step")
    failures = [
        {"method": e["method"], "name": e["name"], "error": e["error"], "count": e["occurrences"]}
        for e in sorted(data["errors"], key=lambda e: -e["occurrences"])
    ]
    return total, per_name, failures, without_password


def server_times(access_log: Path) -> dict:
    """Time inside gunicorn (from reading the request to the response written: without the wait for a free worker),
    per path with ids as [id]: what the client's times are made of."""
    by_path: dict[str, list[float]] = {}
    for line in access_log.read_text().splitlines():
        parts = line.split()
        if len(parts) != 4 or not parts[3].isdigit():
            continue
        method, path, _, micros = parts
        name = f"{re.sub(r'/[0-9]+(?=/|[.]|$)', '/[id]', path)}{' [POST]' if method == 'POST' else ''}"
        by_path.setdefault(name, []).append(int(micros) / 1000)
    everything = [t for times in by_path.values() for t in times]

    def summary(times: list[float]) -> dict:
        times = sorted(times)
        return {
            "requests": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)], 1),
        }

    return {
        "overall": summary(everything) if everything else None,
        "slowest": sorted(
            ({"path": p, **summary(t)} for p, t in by_path.items() if len(t) >= 5), key=lambda r: -r["p95_ms"]
        )[:8],
    }


def seconds(duration: str) -> int:
    """Locust's way of writing a time ("2m", "20s", "1h30m", or plain seconds) in seconds."""
    if duration.isdigit():
        return int(duration)
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", duration.strip())
    if not parts or not any(parts.groups()):
        sys.exit(f"LOADTEST_DURATION {duration!r} is not a time like 2m, 20s or 1h30m")
    h, m, s = (int(g or 0) for g in parts.groups())
    return h * 3600 + m * 60 + s


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_report(report: dict) -> None:
    total, config = report["total"], report["config"]
    print(
        f"\n{config['users']} users ({config['members']} members) for {config['duration']} after a "
        f"{config['ramp_s']} s ramp-up, gunicorn "
        f"{config['workers']} workers x {config['threads']} threads, database {config['database']} "
        f"({config['cases']:,} cases)\n"
    )
    head = f"{'request':<52} {'count':>6} {'errors':>6} {'req/s':>6} {'p50':>5} {'p95':>5} {'p99':>5} {'max':>6}"
    print(head + "\n" + "-" * len(head))
    for r in [*report["requests"], total]:
        if r is total:
            print("-" * len(head))
        name = "All requests" if r is total else f"{r['method']} {r['name']}"
        print(
            f"{name[:52]:<52} {r['requests']:>6} {r['errors']:>6} {r['rps']:>6.2f} {fmt(r['p50_ms']):>5} "
            f"{fmt(r['p95_ms']):>5} {fmt(r['p99_ms']):>5} {fmt(r['max_ms']):>6}"
        )
    print("Times in ms, as the client saw them (locust rounds times above 100 ms to 2 significant figures).")
    other = report["without_password_step"]
    print(
        f"Without the password step ({SIGN_IN_POST}, PBKDF2 by design): p50 {fmt(other['p50_ms'])}, "
        f"p95 {fmt(other['p95_ms'])}, p99 {fmt(other['p99_ms'])} ms"
    )
    if report["cpu"]:
        cores = ", ".join(f"{name} {n:.2f}" for name, n in report["cpu"].items())
        print(f"CPU used, in cores of the machine's {config['cpus']}: {cores}")
        if report["cpu"].get("other", 0) > 0.25:
            print("  (other processes competed with the server for the CPU: times are worse than on a quiet machine)")
    if report["failures"]:
        print("\nErrors:")
        for f in report["failures"]:
            print(f"  {f['count']:>5} x {f['method']} {f['name']}: {f['error'][:300]}")
    server = report["server"]
    if server["overall"]:
        print(
            f"\nInside gunicorn: p50 {server['overall']['p50_ms']} ms, p95 {server['overall']['p95_ms']} ms over "
            f"{server['overall']['requests']} requests. Slowest paths by p95:"
        )
        for s in server["slowest"]:
            print(f"  {s['path']:<52} p50 {s['p50_ms']:>6} ms  p95 {s['p95_ms']:>6} ms  ({s['requests']})")
    print(
        f"\nRequests per second {total['rps']:.1f}; p50 {fmt(total['p50_ms'])} ms, p95 {fmt(total['p95_ms'])} ms, "
        f"p99 {fmt(total['p99_ms'])} ms; errors {total['errors']} of {total['requests']}"
    )
    verdict = "PASS" if report["passed"] else "FAIL"
    print(f"{verdict}: target zero errors and p95 at or under {P95_TARGET_MS} ms")


# --- the run --------------------------------------------------------------------------------------------------
def main() -> int:
    url = env("BENCH_DATABASE_URL", DEFAULT_URL)
    users = int(env("LOADTEST_USERS", "50"))
    duration = env("LOADTEST_DURATION", "2m")
    spawn_rate = env("LOADTEST_SPAWN_RATE", "1")
    workers, threads = env("LOADTEST_WORKERS", "3"), env("LOADTEST_THREADS", "1")
    seconds(duration)  # a mistyped time stops the run here, not after the database is ready
    redis_url = env("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    redis_url = "" if redis_url.lower() == "none" else redis_url
    member_users = max(1, min(users - 1, round(users * float(env("LOADTEST_MEMBER_SHARE", "0.2")))))
    officer_users = users - member_users
    if officer_users < 1:
        sys.exit("LOADTEST_USERS must be at least 2 (officers and a member).")

    try:
        ensure_volume(url, env("BENCH_BUILD_SCALE", "0.05"))
    except subprocess.CalledProcessError as exc:
        output = (exc.stderr or exc.stdout or "").strip()
        hint = (
            "\nWithout seed_volume, fill the database with `manage.py migrate` and `manage.py seed_demo` "
            "(DATABASE_URL=<that url>), or point BENCH_DATABASE_URL at one that holds cases."
            if "Unknown command" in output
            else ""
        )
        sys.exit(f"Could not prepare {url}: manage.py {' '.join(exc.cmd[2:])} failed:\n{output[-2000:]}{hint}")
    cases = case_count(url) or 0
    analyze(url)
    work = Path(tempfile.mkdtemp(prefix="loadtest-"))
    plan = work / "plan.json"
    access_log, error_log, locust_log = work / "access.log", work / "gunicorn.log", work / "locust.log"
    server = None
    try:
        accounts(url, "create", str(plan), str(officer_users), str(member_users))
        flush_redis(redis_url)
        app_env = production_env(url, redis_url, work)
        print("Collecting static files for the production settings ...", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=app_env,
            check=True,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "mayoral_office.wsgi:application"),
                *("--bind", f"127.0.0.1:{port}", "--workers", workers, "--threads", threads),
                *("--no-control-socket", "--timeout", "60", "--access-logfile", str(access_log)),
                *("--access-logformat", "%(m)s %(U)s %(s)s %(D)s", "--error-logfile", str(error_log)),
            ],
            cwd=ROOT,
            env=app_env,
        )
        wait_until_up(base, server, error_log)
        ramp = math.ceil(users / float(spawn_rate))
        run_time = f"{ramp + seconds(duration)}s"
        print(
            f"gunicorn (production settings) on {base}: {workers} workers x {threads} threads. Locust: {users} users "
            f"({member_users} members) signing in at {spawn_rate}/s ({ramp} s), then all of them for {duration} ...",
            flush=True,
        )
        busy_before = cpu_busy_now()
        if busy_before is not None and busy_before > 25:
            print(f"  (the machine is busy before the run: {busy_before:.0f}% of its CPU in use)", flush=True)
        stats_file = work / "stats.json"
        sampler = CpuSampler(server.pid)
        sampler.start()
        with open(locust_log, "w") as log:
            subprocess.run(
                [
                    *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary"),
                    *("-u", str(users), "-r", spawn_rate, "-t", run_time, "--host", base),
                ],
                cwd=ROOT,
                env={**os.environ, "LOADTEST_PLAN": str(plan), "LOADTEST_STATS": str(stats_file)},
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        cpu = sampler.stop()
        stop(server)
        if not stats_file.exists():
            sys.exit(f"locust saved no figures:\n{locust_log.read_text()[-3000:]}")
        total, per_name, failures, without_password = read_stats(stats_file)
        warnings = [line for line in locust_log.read_text().splitlines() if "WARNING" in line or "ERROR" in line]
        report = {
            "config": {
                "users": users,
                "members": member_users,
                "duration": duration,
                "ramp_s": ramp,
                "spawn_rate": spawn_rate,
                "workers": int(workers),
                "threads": int(threads),
                "database": url.rsplit("/", 1)[-1],
                "cases": cases,
                "redis": bool(redis_url),
                "cpus": os.cpu_count(),
                "cpu_busy_before_percent": busy_before,
                "at": time.strftime("%Y-%m-%d %H:%M"),
            },
            "total": total,
            "without_password_step": without_password,
            "requests": per_name,
            "failures": failures,
            "server": server_times(access_log),
            "cpu": cpu,
            "locust_warnings": warnings[:20],
            "passed": total["requests"] > 0
            and total["errors"] == 0
            and total["p95_ms"] is not None
            and total["p95_ms"] <= P95_TARGET_MS,
        }
        print_report(report)
        for line in warnings[:10]:
            print(f"locust: {line}")
        results = Path(env("LOADTEST_RESULTS", str(ROOT / "bench" / "load-results.json")))
        results.write_text(json.dumps(report, indent=1) + "\n")
        print(f"Saved to {results}")
        problems = [line for line in error_log.read_text().splitlines() if "[INFO]" not in line]
        if problems:
            print("\ngunicorn's log (its warnings and errors):\n" + "\n".join(problems[-40:]))
        return 0 if report["passed"] else 1
    finally:
        stop(server)
        try:
            accounts(url, "remove")
        finally:
            flush_redis(redis_url)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["_accounts"]:
        if sys.argv[2] == "create":
            _accounts_create(sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        else:
            _accounts_remove()
    else:
        sys.exit(main())
