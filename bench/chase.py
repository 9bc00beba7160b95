"""The daily chase at volume (the "Chasing" issue, acceptance 4): `mayoral_office.chasing.run_chase` over the bench
database, as at 09:00 on the next working day, timed, with its item, digest and query counts. Each run is rolled
back, so the database is left as it was and every run writes the same day afresh. A figure, not a test (the test
of its fixed query count is tests/mayoral_office/test_chasing.py).

    python -m bench.chase [--repeat N] [--json]

`make bench` runs it in a process of its own (bench/__main__.py), after the pages."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime
from datetime import time as clock_time

import django


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mayoral_office import chasing
    from mayoral_office.working_days import add_working_days

    day = add_working_days(timezone.localdate(), 1)
    at = timezone.make_aware(datetime.combine(day, clock_time(9, 0)))
    seconds, result, queries = [], None, 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                result = chasing.run_chase(at)
                raise Rollback
        except Rollback:
            pass
        seconds.append(time.perf_counter() - started)
        queries = len(captured)
    figures = {
        "day": day.isoformat(),
        "digests": result.digests,
        "items": result.items,
        "queries": queries,
        "median_s": round(statistics.median(seconds), 2),
        "slowest_s": round(max(seconds), 2),
        "runs": args.repeat,
    }
    print(
        f"Chase of {day:%A %d %B %Y} (rolled back): {figures['items']:,} items in {figures['digests']} digests, "
        f"{queries} SQL queries, {figures['median_s']} s median ({figures['slowest_s']} s slowest of {args.repeat})"
    )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
