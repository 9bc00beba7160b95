"""The briefing pack PDF render (issue 12, acceptance 3): a pack of 20 sections with two 10-page background papers
appended, made as an issued version's render job makes it (briefings.pdf.render_pack: one WeasyPrint layout with a
blank page, header and footer only, for each paper page; the papers laid under those with pypdf), timed, with its
page count and the peak memory. A figure, not a test: the goal is under 5 seconds on this machine.

    python -m bench.briefings_pdf [--repeat N] [--json]

`make bench` runs it in a process of its own (bench/__main__.py), after the pages. It needs no database: the pack
is an unsaved one, with its members given as if prefetched, so the figure is the render alone, the same on every
volume (the volume seeder's versions have no PDFs: see briefings/volume.py)."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
import tracemalloc

GOAL_SECONDS = 5.0
SECTIONS = 20
PAPER_PAGES = 10

PARAGRAPH = (
    "The Riverside hub brings the library, the housing advice desk and the youth service under one roof. The "
    "council has put in £2.4 million, with £600,000 from the Levelling Up fund; the building opens six days a week "
    "and the café is run by a local social enterprise. "
)
BODY = "\n\n".join(
    [
        PARAGRAPH * 2,
        "## What the member needs to know",
        "- Opening hours: 9:00 to 19:00, Monday to Saturday\n- 14 jobs, 9 of them filled by local residents\n"
        "- The old library site goes to the housing company",
        PARAGRAPH,
        "| Measure | 2025 | 2026 |\n|---|---|---|\n| Visits | 41,200 | 58,900 |\n| Advice sessions | 3,100 | 4,450 |",
        "> “We asked for this for ten years.” Chair of the Riverside residents' association",
    ]
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def the_pack():
    """A pack as the render reads it, unsaved: its members as if prefetched (no query), a standalone event."""
    from briefings.models import Marking, Pack, SectionKind
    from mayoral_office.models import Member, User

    pack = Pack(
        pk=0,
        title="Opening of the Riverside community hub",
        marking=Marking.OFFICIAL_SENSITIVE,
        lead_officer=User(full_name="Joanna Kowalska"),
    )
    pack._prefetched_objects_cache = {"members": [Member(name="Mayor Amina Rahman"), Member(name="Cllr Alice Able")]}
    kinds = [k for k in SectionKind.values if k != SectionKind.PAPERS]
    sections = [
        {"kind": kinds[i % len(kinds)], "title": f"{SectionKind(kinds[i % len(kinds)]).label} {i + 1}", "body": BODY}
        for i in range(SECTIONS)
    ]
    for index, position in enumerate((6, 13)):
        sections[position] = {
            "kind": SectionKind.PAPERS,
            "title": f"Background paper {index + 1}",
            "body": "The cabinet report, as published.",
            "paper": index,
            "paper_name": f"paper-{index + 1}.pdf",
            "paper_pages": PAPER_PAGES,
        }
    return pack, sections


def paper(text: str) -> bytes:
    """A 10-page PDF paper: WeasyPrint's own, with text on each page like a real report."""
    from weasyprint import HTML

    pages = "".join(
        f"<section style='page-break-after: always'><h1>{text}, page {n}</h1><p>{PARAGRAPH * 6}</p></section>"
        for n in range(1, PAPER_PAGES + 1)
    )
    return HTML(string=f"<html lang='en-GB'><body>{pages}</body></html>").write_pdf()


def measure(repeat: int) -> dict:
    from briefings import pdf

    pack, sections = the_pack()
    papers = [("paper-1.pdf", paper("Business case")), ("paper-2.pdf", paper("Equality impact assessment"))]
    progress: list[int] = []
    pdf.render_pack(pack=pack, sections=sections, version_number=1, papers=papers)  # fonts and templates loaded
    rss_before = peak_rss_mb()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        blob = pdf.render_pack(
            pack=pack, sections=sections, version_number=1, papers=papers, progress=lambda d, t: progress.append(d)
        )
        times.append(time.perf_counter() - started)
    # once more with tracemalloc on (it slows Python down, so not timed): the peak of the render's Python objects
    tracemalloc.start()
    pdf.render_pack(pack=pack, sections=sections, version_number=1, papers=papers)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "sections": SECTIONS,
        "papers": f"2 x {PAPER_PAGES} pages",
        "pages": pdf.count_pages(blob),
        "bytes": len(blob),
        "seconds_median": round(statistics.median(times), 2),
        "seconds_max": round(max(times), 2),
        "repeat": repeat,
        "python_peak_mb": round(traced_peak / 1e6, 1),
        "process_peak_mb": round(peak_rss_mb(), 1),
        "process_growth_mb": round(peak_rss_mb() - rss_before, 1),
        "goal_seconds": GOAL_SECONDS,
    }


def describe(r: dict) -> str:
    verdict = "within" if r["seconds_max"] < r["goal_seconds"] else "OVER"
    return (
        f"Briefing pack PDF: {r['sections']} sections and {r['papers']} appended -> {r['pages']} pages, "
        f"{r['bytes'] / 1e6:.1f} MB\n"
        f"  render {r['seconds_median']} s median, {r['seconds_max']} s slowest of {r['repeat']} "
        f"({verdict} the {r['goal_seconds']:.0f} s goal)\n"
        f"  peak memory: {r['python_peak_mb']} MB of Python objects (tracemalloc); the process peaked at "
        f"{r['process_peak_mb']} MB resident, {r['process_growth_mb']} MB more than after a warm-up render"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mayoral_office.settings")
    import django

    django.setup()
    result = measure(max(args.repeat, 1))
    print(describe(result), flush=True)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
