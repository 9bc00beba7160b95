"""Peak memory of one export, in a process of its own (run by `python -m bench`): how much the process grows
while it serves the export and the client reads it to the end, chunk by chunk, as a browser saves a download.

    python -m bench.memory <path> <user pk>   ->   prints JSON: rows, bytes, seconds, peak growth in MB"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main(path: str, user_pk: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mayoral_office.settings")
    import django

    django.setup()
    from django.test.utils import override_settings

    from bench.pages import BENCH_SETTINGS, client_for
    from mayoral_office.models import User

    with override_settings(**BENCH_SETTINGS):
        client = client_for(User.objects.get(pk=user_pk))
        empty = path.split("?")[0] + "?queue=all&q=nothing-matches-this"
        for response in (client.get(empty), client.get("/casework/?queue=open")):  # code and templates loaded
            b"".join(response.streaming_content) if response.streaming else response.content
        before = peak_mb()
        started = time.perf_counter()
        response = client.get(path)
        size = newlines = 0
        chunks = response.streaming_content if response.streaming else [response.content]
        for chunk in chunks:
            size += len(chunk)
            newlines += chunk.count(b"\n")
        seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "path": path,
                "streaming": response.streaming,
                "status": response.status_code,
                "bytes": size,
                "csv_rows": max(newlines - 1, 0) if path.split("?")[0].endswith(".csv") else None,
                "seconds": round(seconds, 2),
                "peak_growth_mb": round(peak_mb() - before, 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
