"""`make bench`: the key pages at volume, side by side with the Django admin, printed and saved to
bench/results.json (docs/performance.md says how to read it).

Environment:
  BENCH_DATABASE_URL        the volume database (default postgres://postgres@127.0.0.1:5432/mo_bench); built at
                            BENCH_BUILD_SCALE (default 0.05) if it does not exist or holds no cases
  BENCH_SMALL_DATABASE_URL  the small database whose query counts are printed beside (default .../mo_bench_small),
                            built at BENCH_SMALL_SCALE (default 0.05)
  BENCH_REPEAT              timed requests per page after the warm-up (default 30)
  BENCH_WARMUP              untimed requests per page first (default 3)
  BENCH_RESULTS             where the JSON report goes (default bench/results.json)

It exits non-zero if a page does not open (a status other than 200): `.ci/run` runs it at a tiny scale so that the
bench cannot rot. The targets (p95, the admin ratio, equal query counts) are printed, not enforced: they are
figures of this machine at scale 1 (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mo_bench"
P95_TARGET_MS = 100


def env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def django_env(url: str) -> dict:
    # Connections kept between requests, as the production settings keep them (CONN_MAX_AGE 60; development closes
    # each at the end of its request, which would add a PostgreSQL connection to every page measured).
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "mayoral_office.settings",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    }


def manage(url: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=django_env(url), check=True, capture_output=True, text=True
    )
    return done.stdout


def case_count(url: str) -> int | None:
    """Cases in the database, or None if it (or its tables) do not exist."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM casework_case").fetchone()[0]
    except psycopg.OperationalError:
        return None
    except psycopg.errors.UndefinedTable:
        return None


def create_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    maintenance = urlunparse(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_volume(url: str, scale: str) -> None:
    """Migrate the database, and fill it with seed_volume if it holds no cases."""
    if not case_count(url):
        create_database(url)
        manage(url, "migrate", "--noinput")
        print(f"Building {url.rsplit('/', 1)[-1]} with seed_volume --scale {scale} ...", flush=True)
        started = time.monotonic()
        print(manage(url, "seed_volume", "--scale", scale), flush=True)
        print(f"built in {time.monotonic() - started:.0f} s", flush=True)
    else:
        manage(url, "migrate", "--noinput")


def measure(url: str, *args: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "bench.measure", "--out", out.name, *args], cwd=ROOT, env=django_env(url), check=True
        )
        return json.loads(Path(out.name).read_text())


def export_memory(url: str, path: str, user_pk: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", path, str(user_pk)],
        cwd=ROOT,
        env=django_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def figure(url: str, module: str) -> dict:
    """A figure measured by one of the bench's modules (the briefing pack PDF render, bench/briefings_pdf.py; the
    daily chase, bench/chase.py), in a process of its own: printed, and returned."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--json"],
        cwd=ROOT,
        env=django_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    print("\n" + "\n".join(lines[:-1]), flush=True)
    return json.loads(lines[-1])


def main() -> None:
    big = env("BENCH_DATABASE_URL", DEFAULT_URL)
    small = env("BENCH_SMALL_DATABASE_URL", DEFAULT_URL.replace("mo_bench", "mo_bench_small"))
    ensure_volume(big, env("BENCH_BUILD_SCALE", "0.05"))
    if small != big:
        ensure_volume(small, env("BENCH_SMALL_SCALE", "0.05"))
    repeat, warmup = env("BENCH_REPEAT", "30"), env("BENCH_WARMUP", "3")
    print(f"\nMeasuring {big.rsplit('/', 1)[-1]} ({repeat} requests per page after {warmup} warm-up) ...", flush=True)
    report = measure(big, "--repeat", repeat, "--warmup", warmup)
    if small == big:  # one database for both columns (CI's smoke bench): its counts are the ones just taken
        small_report = report
    else:
        print(f"Counting queries on {small.rsplit('/', 1)[-1]} ...", flush=True)
        small_report = measure(small, "--counts-only", "--warmup", "1")
    report["small"] = {"database": small_report["database"], "volume": small_report["volume"]}
    small_counts = {(r["page"], r["role"]): r["queries"] for r in small_report["results"]}
    for result in report["results"]:
        result["queries_small"] = small_counts.get((result["page"], result["role"]))
    report["export_memory"] = [export_memory(big, e["path"], report["head_pk"]) for e in report["exports"]]
    report["machine"] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "at": time.strftime("%Y-%m-%d %H:%M"),
    }
    print_report(report)
    report["briefings_pdf"] = figure(big, "bench.briefings_pdf")
    report["chase"] = figure(big, "bench.chase")
    out = Path(env("BENCH_RESULTS", str(ROOT / "bench" / "results.json")))
    out.write_text(json.dumps(report, indent=1, default=str) + "\n")
    print(f"\nSaved to {out}")
    failed = [f"{r['page']} ({r['role']}): {r['status']}" for r in report["results"] if r["status"] != 200]
    if failed:
        sys.exit("Pages that did not open: " + "; ".join(failed))


def print_report(report: dict) -> None:
    volume = ", ".join(f"{n:,} {label.split('.')[-1]}" for label, n in report["volume"].items())
    small = ", ".join(f"{n:,} {label.split('.')[-1]}" for label, n in report["small"]["volume"].items())
    print(f"\nVolume: {volume}\nSmall:  {small}\n")
    by_page: dict[str, dict] = {}
    for r in report["results"]:
        if r["role"] != "member":  # a member's pages are listed under the table
            by_page.setdefault(r["page"], {})[r["role"]] = r
    head = f"{'page':<44} {'CSO p50':>8} {'p95':>7} {'SQL':>8}   {'Head p50':>8} {'p95':>7} {'SQL':>8}"
    print(head + "\n" + "-" * len(head))
    over = []
    for page, roles in by_page.items():
        cells = []
        for role in ("cso", "head"):
            r = roles.get(role)
            if r is None or r["status"] != 200:
                cells.append(f"{'(' + str(r['status'] if r else '-') + ')':>8} {'':>7} {'':>8}")
                continue
            cells.append(f"{r['median_ms']:>8.1f} {r['p95_ms']:>7.1f} {r['queries']:>3}/{r['queries_small']!s:<4}")
            if r["p95_ms"] > P95_TARGET_MS:
                over.append(f"{page} ({role}): p95 {r['p95_ms']} ms")
        kind = next(iter(roles.values())).get("kind", "page")
        label = page + {"download": " *", "document": " +"}.get(kind, "")
        print(f"{label:<44} {cells[0]}   {cells[1]}")
    print(
        "\nSQL: queries at this volume / at the small volume. Times in ms (server time, in-process): a page's whole"
        "\nresponse; an export's first byte (*); a PDF's first making per page (+). docs/decisions/0006."
    )
    for r in report["results"]:
        if r["role"] == "member" and r["status"] == 200:
            sql = f"{r['queries']}/{r['queries_small']}"
            print(f"{r['page']:<44} member p50 {r['median_ms']:.1f} p95 {r['p95_ms']:.1f} SQL {sql}")
            if r["p95_ms"] > P95_TARGET_MS:
                over.append(f"{r['page']} (member): p95 {r['p95_ms']} ms")
    print(f"Pages over the {P95_TARGET_MS} ms p95 target: {'; '.join(over) if over else 'none'}")
    print("\nExports read to their end; PDFs made afresh (a page, and whole) and again (from the cache):")
    for r in report["results"]:
        if r["status"] != 200 or r.get("kind", "page") == "page" or r.get("whole_median_ms") is None:
            continue
        if r["kind"] == "download":
            print(
                f"  {r['page']:<40} {r['role']:<5} first byte p95 {r['p95_ms']:>7.1f} ms, "
                f"whole p50 {r['whole_median_ms']:>7.1f} p95 {r['whole_p95_ms']:>7.1f} ms"
            )
        else:
            print(
                f"  {r['page']:<40} {r['role']:<5} {r['pages']} pages: afresh p95 {r['p95_ms']:>6.1f} ms a page "
                f"({r['p95_ms'] * r['pages']:.0f} ms), again p95 {r['whole_p95_ms']:>6.1f} ms"
            )
    grew = [
        f"{r['page']} ({r['role']}): {r['queries_small']} -> {r['queries']}"
        for r in report["results"]
        if r["status"] == 200 and r["queries"] != r["queries_small"]
    ]
    print(f"Pages whose query count differs from the small volume's: {'; '.join(grew) if grew else 'none'}")
    print("\nOur queue against the Django admin changelist (same filter, ordering, page size; Head of Mayor's Office):")
    for c in report["admin"]:
        ours, admin = c["ours"], c["admin"]
        if c["ratio"] is None:  # a page that did not open (page 200 of a tiny volume, say): nothing to compare
            print(f"  {ours['page']:<44} not compared: ours {ours['status']}, admin {admin['status']}")
            continue
        print(
            f"  {ours['page']:<44} ours {ours['median_ms']:>6.1f} ms ({ours['queries']} SQL)   "
            f"admin {admin['median_ms']:>6.1f} ms ({admin['queries']} SQL)   ratio {c['ratio']:.2f}"
        )
    print("\nExports, each in a process of its own (Head of Mayor's Office):")
    for m in report["export_memory"]:
        rows = f"{m['csv_rows']:,} rows, " if m["csv_rows"] is not None else ""
        print(
            f"  {m['path']:<60} {rows}{m['bytes'] / 1e6:.1f} MB in {m['seconds']} s, streaming={m['streaming']}, "
            f"process grew {m['peak_growth_mb']} MB"
        )
    print("\nThe three slowest statements, with PostgreSQL's plan:")
    for q in report["slowest"]:
        print(f"\n-- {q['ms']} ms on '{q['page']}' ({q['role']})\n{q['sql'][:600]}\n{q['plan']}")


if __name__ == "__main__":
    main()
