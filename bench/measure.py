"""Measure the key pages on the database of DATABASE_URL (run by `python -m bench`, one process per database).

Each page is requested in-process through Django's test client (the whole middleware stack, the templates, the
database; no network), signed in as a Cabinet Support Officer and as the Head of Mayor's Office: warm-up requests,
then `--repeat` timed ones (median and p95 of the server time), then one more with the SQL captured (its query
count, and the slowest statements for EXPLAIN). Writes a JSON report to `--out`."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class Result:
    page: str
    role: str
    path: str
    status: int
    kind: str = "page"
    median_ms: float = 0.0  # a page's server time; a download's first byte; a document's first making, per page
    p95_ms: float = 0.0
    whole_median_ms: float | None = None  # a download read to its end; a document (all its pages) from the cache
    whole_p95_ms: float | None = None
    pages: int | None = None  # a document's pages
    queries: int = 0
    rows: int | None = None
    slow_sql: list = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--counts-only", action="store_true", help="one request per page: query counts only")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mayoral_office.settings")
    from django.test.utils import override_settings

    import mayoral_office.wsgi  # noqa: F401  (the app loaded as gunicorn loads it: django.setup(), then gc.freeze())
    from bench import pages

    # Not setup_test_environment(): it instruments every template render, which would be measured too.
    with override_settings(**pages.BENCH_SETTINGS):
        report = run(args)
    with open(args.out, "w") as fh:
        json.dump(report, fh, indent=1, default=str)


def run(args) -> dict:
    from django.db import connection

    from bench import pages

    subjects = pages.find_subjects()
    results = []
    for role, user in subjects.users.items():
        client = pages.client_for(user)
        for page in pages.key_pages(subjects, role):
            results.append(measure(client, page, role, args))
            print(f"  {role:<8} {page.name:<44} {results[-1].median_ms:8.1f} ms", file=sys.stderr)
    if subjects.member_user:
        client = pages.client_for(subjects.member_user)
        for page in pages.member_pages(subjects):
            results.append(measure(client, page, "member", args))
            print(f"  {'member':<8} {page.name:<44} {results[-1].median_ms:8.1f} ms", file=sys.stderr)
    admin = pages.admin_comparison(subjects)
    comparisons = []
    for ours, theirs in admin:
        a, b = measure_side_by_side(
            (pages.client_for(subjects.users["head"]), ours, "head"),
            (pages.client_for(subjects.superuser), theirs, "admin"),
            args,
        )
        ratio = round(a.median_ms / b.median_ms, 2) if b.median_ms else None  # None: counted only, not timed
        comparisons.append({"ours": asdict(a), "admin": asdict(b), "ratio": ratio})
    report = {
        "vendor": connection.vendor,
        "database": connection.settings_dict["NAME"],
        "volume": pages.volume(),
        "results": [asdict(r) for r in results],
        "admin": comparisons,
        "head_pk": subjects.users["head"].pk,
        "exports": [{"name": p.name, "path": p.path} for p in pages.export_pages(subjects)],
    }
    report["slowest"] = explain_slowest(report)
    return report


def measure(client, page, role: str, args) -> Result:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(page.path)
    result = Result(page=page.name, role=role, path=page.path, status=response.status_code, kind=page.kind)
    body = consume(response)
    if response.status_code != 200:
        return result
    if page.kind == "document":
        result.pages = pdf_pages(body)
    times, wholes = [], []
    repeat = 0 if args.counts_only else args.repeat
    for i in range(args.warmup + repeat):
        if page.kind == "document":
            cache.clear()  # made afresh: the first time anyone opens it (the repeat is timed below)
        started = time.perf_counter()
        response = client.get(page.path)
        if page.kind == "download":
            next(iter(response.streaming_content), b"")  # the first byte reaches the browser
        first = (time.perf_counter() - started) * 1000
        consume(response)
        if i >= args.warmup:
            times.append(first / (result.pages or 1))
            wholes.append((time.perf_counter() - started) * 1000)
        if page.kind == "document" and i >= args.warmup:  # the same document again: from the cache
            started = time.perf_counter()
            consume(client.get(page.path))
            wholes[-1] = (time.perf_counter() - started) * 1000
    with CaptureQueriesContext(connection) as captured:
        body = consume(client.get(page.path))
    result.rows = page.rows(body) if page.rows else None
    result.queries = len(captured.captured_queries)
    reads = [q for q in captured.captured_queries if select_of(q["sql"])]
    slowest = sorted(reads, key=lambda q: -float(q["time"]))[:3]
    result.slow_sql = [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"]} for q in slowest]
    if times:
        result.median_ms, result.p95_ms = median_and_p95(times)
        if page.kind != "page":
            result.whole_median_ms, result.whole_p95_ms = median_and_p95(wholes)
    return result


def measure_side_by_side(first: tuple, second: tuple, args) -> tuple[Result, Result]:
    """Two pages timed in turns (one request of each, then the next pair), so that a change in the machine's speed
    during the run (this machine's varies by a quarter from minute to minute) falls on both alike."""
    results = [
        measure(client, page, role, argparse.Namespace(**{**vars(args), "repeat": 0}))
        for client, page, role in (first, second)
    ]
    if args.counts_only or any(r.status != 200 for r in results):
        return results[0], results[1]
    times: list[list[float]] = [[], []]
    for i in range(args.warmup + args.repeat):
        for side, (client, page, _role) in enumerate((first, second)):
            started = time.perf_counter()
            consume(client.get(page.path))
            if i >= args.warmup:
                times[side].append((time.perf_counter() - started) * 1000)
    for result, timed in zip(results, times, strict=True):
        result.median_ms, result.p95_ms = median_and_p95(timed)
    return results[0], results[1]


def median_and_p95(times: list[float]) -> tuple[float, float]:
    return round(statistics.median(times), 1), round(statistics.quantiles(times, n=20, method="inclusive")[18], 1)


def pdf_pages(body: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(body)).pages)


def consume(response) -> bytes:
    """The whole body, reading a streamed response to its end as a browser would."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def explain(sql: str) -> str:
    """The plan PostgreSQL chose, with real timings (EXPLAIN ANALYZE runs the statement: SELECTs only)."""
    from django.db import connection

    sql = select_of(sql)
    if connection.vendor != "postgresql" or not sql:
        return ""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def select_of(sql: str) -> str:
    """The SELECT of a statement ("DECLARE ... CURSOR ... FOR SELECT" is how .iterator() reads), or ""."""
    sql = sql.strip()
    if sql.upper().startswith("DECLARE") and " FOR SELECT " in sql:
        sql = sql[sql.index(" FOR SELECT ") + len(" FOR ") :]
    return sql if sql.upper().startswith("SELECT") else ""


def explain_slowest(report: dict, n: int = 3) -> list[dict]:
    """The n slowest distinct reads of the run (not COMMITs or writes), with their plans."""
    seen: Counter = Counter()
    statements = []
    for result in report["results"]:
        for q in result["slow_sql"]:
            if select_of(q["sql"]) and q["sql"] not in seen:
                statements.append({**q, "page": result["page"], "role": result["role"]})
            seen[q["sql"]] += 1
    statements.sort(key=lambda q: -q["ms"])
    return [{**q, "plan": explain(q["sql"])} for q in statements[:n]]


if __name__ == "__main__":
    main()
