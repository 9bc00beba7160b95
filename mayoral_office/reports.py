"""The dashboard as a printed performance report (WeasyPrint): every table with its chart drawn as SVG beside it, for
any period from the dashboard page, and every week by email to the Head of Mayor's Office.

The weekly report goes on the first working day of each week (Monday, or Tuesday after a bank holiday Monday), for
the week before, once: each email's idempotency key is (recipient, week), so a second run or a second worker sends
nothing more."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mayoral_office import dashboard
from mayoral_office.models import Notification, User
from mayoral_office.outbox import queue_email
from mayoral_office.pdf import render_pdf
from mayoral_office.registry import Period, Table
from mayoral_office.roles import Role
from mayoral_office.working_days import is_working_day

WEEKLY_KIND = "dashboard.weekly"
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f"]
WIDTH, LABEL_WIDTH, ROW_HEIGHT = 640, 200, 18


def _number(value) -> float:
    return float(value) if value else 0.0


def svg_chart(table: Table) -> SafeString:
    """The table's chart as SVG: a line for each series of a line chart, otherwise a (stacked) bar a row. Labels
    are escaped: they come from the office's records."""
    if table.chart is None or not table.rows:
        return mark_safe("")
    series = [(table.columns[i], [_number(row[i].value) for row in table.rows]) for i in table.chart.series]
    if table.chart.kind == "line":
        return _line(table, series)
    return _bars(table, series)


def _legend(series, y: int) -> str:
    parts = []
    for n, (name, _) in enumerate(series):
        x = LABEL_WIDTH + n * 140
        colour = COLOURS[n % len(COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{y + 9}" font-size="10">{escape(name)}</text>'
        )
    return "".join(parts)


def _bars(table: Table, series) -> SafeString:
    rows = len(table.rows)
    totals = [sum(values[r] for _, values in series) if table.chart.stacked else 0 for r in range(rows)]
    most = max([*totals, *(v for _, values in series for v in values), 1])
    span = WIDTH - LABEL_WIDTH - 60
    bar = ROW_HEIGHT if table.chart.stacked or len(series) == 1 else ROW_HEIGHT // len(series) + 2
    step = (ROW_HEIGHT if table.chart.stacked or len(series) == 1 else bar * len(series)) + 6
    parts = []
    for r, row in enumerate(table.rows):
        top = 4 + r * step
        name = escape(str(row[0])[:40])
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{top + 12}" font-size="10" text-anchor="end">{name}</text>')
        x = LABEL_WIDTH
        for n, (_, values) in enumerate(series):
            width = span * values[r] / most
            y = top if table.chart.stacked or len(series) == 1 else top + n * bar
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar - 2}" fill="{COLOURS[n]}"/>')
            if table.chart.stacked:
                x += width
        label = totals[r] if table.chart.stacked else series[0][1][r]
        end = LABEL_WIDTH + span * (totals[r] if table.chart.stacked else max(v[r] for _, v in series)) / most
        parts.append(f'<text x="{end + 4:.1f}" y="{top + 12}" font-size="10">{label:g}</text>')
    height = 8 + rows * step
    if len(series) > 1:
        parts.append(_legend(series, height))
        height += 16
    return _svg(table, height, "".join(parts))


def _line(table: Table, series) -> SafeString:
    points = len(table.rows)
    top, plot = 10, 150
    most = max([v for _, values in series for v in values] + [1])
    span = WIDTH - 60

    def x(i: int) -> float:
        return 40 + span * i / max(points - 1, 1)

    parts = [
        f'<line x1="40" y1="{top + plot}" x2="{40 + span}" y2="{top + plot}" stroke="#0b0c0c"/>',
        f'<text x="34" y="{top + 4}" font-size="9" text-anchor="end">{most:g}</text>',
        f'<text x="34" y="{top + plot}" font-size="9" text-anchor="end">0</text>',
    ]
    for n, (_, values) in enumerate(series):
        path = " ".join(f"{x(i):.1f},{top + plot - plot * v / most:.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[n]}" stroke-width="2"/>')
    for i, anchor in ((0, "start"), (points - 1, "end")):
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot + 14}" font-size="9" text-anchor="{anchor}">'
            f"{escape(str(table.rows[i][0]))}</text>"
        )
    parts.append(_legend(series, top + plot + 24))
    return _svg(table, top + plot + 40, "".join(parts))


def _svg(table: Table, height: int, body: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="Chart of {escape(table.caption)}; the figures are in the table beside it" '
        f'font-family="Arial, sans-serif">{body}</svg>'
    )


def performance_report(user, chosen: Period) -> bytes:
    """The dashboard as this user sees it, for the period, as a PDF."""
    panels = dashboard.panels(user, chosen)
    charts = {table.key: svg_chart(table) for panel in panels for table in panel.tables}
    context = {
        "title": f"Mayor's Office performance report: {chosen.label}",
        "period": chosen,
        "panels": panels,
        "charts": charts,
        "made_for": user,
        "made_at": timezone.localtime(),
    }
    return render_pdf("mayoral_office/pdf/performance_report.html", context)


def first_working_day_of_week(day: date) -> date | None:
    monday = day - timedelta(days=day.weekday())
    for offset in range(5):
        if is_working_day(monday + timedelta(days=offset)):
            return monday + timedelta(days=offset)
    return None


def send_weekly_reports(today: date | None = None) -> int:
    """On the first working day of the week, last week's report to every Head of Mayor's Office, once. Returns how
    many emails were written."""
    today = today or timezone.localdate()
    if first_working_day_of_week(today) != today:
        return 0
    monday = today - timedelta(days=today.weekday())
    chosen = dashboard.period("last_week", today)
    heads = User.objects.filter(is_active=True, groups__name=Role.HEAD_OF_OFFICE.label).exclude(email="").distinct()
    written = 0
    for head in heads:
        key = f"{WEEKLY_KIND}:{head.pk}:{monday.isoformat()}"
        if Notification.objects.filter(idempotency_key=key).exists():
            continue
        pdf = performance_report(head, chosen)
        week = f"{dashboard.uk(chosen.start)} to {dashboard.uk(chosen.end)}"
        try:
            with transaction.atomic():
                queue_email(
                    to=[head.email],
                    subject=f"Mayor's Office performance report, week of {dashboard.uk(chosen.start)}",
                    body=(
                        f"Dear {head.get_short_name()},\n\nThe performance report for {week} is attached: the "
                        "dashboard's figures for casework, briefings, decisions and budgets, as you see them.\n\n"
                        "Every figure links to its list on the dashboard.\n"
                    ),
                    attachments=[
                        {
                            "filename": f"performance-report-{chosen.start}.pdf",
                            "content": pdf,
                            "mimetype": "application/pdf",
                        }
                    ],
                    kind=WEEKLY_KIND,
                    recipient=head,
                    idempotency_key=key,
                )
        except IntegrityError:  # another worker wrote it first
            continue
        written += 1
    return written
