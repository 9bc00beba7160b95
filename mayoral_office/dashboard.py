"""The dashboard: every app's figures (registered as dashboard panels, `<app>/dashboard.py`), for a period, and each
table as CSV or Excel. This module reads the apps only through the registry.

Every figure is counted in the database over what the viewer may see (each app's `visible_to`) and links to the
filtered list it counts, so following a figure shows exactly the records behind it."""

from __future__ import annotations

import csv
import io
import numbers
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.utils import timezone

from mayoral_office import registry
from mayoral_office.links import plain_url
from mayoral_office.registry import Cell, Period, Table
from mayoral_office.spreadsheets import safe_cell, sheet_name

PERIODS = [
    ("this_week", "This week"),
    ("last_week", "Last week"),
    ("last_4_weeks", "Last 4 weeks"),
    ("year_to_date", "Year to date"),
]
DEFAULT_PERIOD = "last_4_weeks"


def financial_year_start(today: date) -> date:
    """1 April of the council's financial year that `today` falls in."""
    return date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def period(key: str, today: date, start: date | None = None, end: date | None = None) -> Period:
    """The named period ending today (or the last full week), or a custom one from `start` to `end`."""
    monday = today - timedelta(days=today.weekday())
    if key == "custom" and start and end:
        return Period("custom", f"{uk(start)} to {uk(end)}", start, end, today)
    if key == "this_week":
        return Period(key, "This week", monday, today, today)
    if key == "last_week":
        return Period(key, "Last week", monday - timedelta(days=7), monday - timedelta(days=1), today)
    if key == "year_to_date":
        return Period(key, "Year to date", financial_year_start(today), today, today)
    return Period("last_4_weeks", "Last 4 weeks", today - timedelta(days=27), today, today)


def in_words(chosen: Period) -> str:
    """The period inside a sentence: 'last 4 weeks', or '1 October 2026 to 31 October 2026'."""
    return chosen.label if chosen.key == "custom" else chosen.label.lower()


def standard_periods(today: date) -> list[Period]:
    return [period(key, today) for key, _ in PERIODS]


def uk(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def link(url_name: str, **params) -> str:
    """A list's address with its filters (dates as ISO dates, records as their keys; empty values left out)."""
    query = {name: value.isoformat() if isinstance(value, date) else value for name, value in params.items()}
    query = {name: value for name, value in query.items() if value not in (None, "")}
    return f"{plain_url(url_name)}?{urlencode(query)}" if query else plain_url(url_name)


def percent(part: int, whole: int) -> Cell:
    """A percentage cell ("–" when there is nothing to divide)."""
    if not whole:
        return Cell(None, display="–")
    value = round(100 * part / whole, 1)
    return Cell(value, display=f"{value:g}%")


@dataclass
class Panel:
    label: str
    app_label: str
    tables: list[Table]


def panels(user, chosen: Period) -> list[Panel]:
    """The dashboard as this user may see it: each panel's tables for the period."""
    return [
        Panel(panel.label, panel.app_label, panel.tables(user, chosen)) for panel in registry.dashboard_panels(user)
    ]


def find_table(user, chosen: Period, key: str) -> Table | None:
    for panel in registry.dashboard_panels(user):
        if key.startswith(f"{panel.app_label}."):
            for table in panel.tables(user, chosen):
                if table.key == key:
                    return table
    return None


def today() -> date:
    return timezone.localdate()


def period_asked(form) -> Period:
    """The period a dashboard period form asks for; the default period when it is unbound or has a problem (the
    page shows its errors; the API refuses it first)."""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return period(data["period"] or DEFAULT_PERIOD, today(), data["start"], data["end"])
    return period(DEFAULT_PERIOD, today())


# --- exports ----------------------------------------------------------------------------------------------------
def _plain(cell: Cell):
    """A cell's value for a spreadsheet: numbers as numbers, everything else as text safe from formula injection."""
    value = cell.value
    if isinstance(value, bool) or value is None:
        return cell.display or ""
    if isinstance(value, numbers.Number):
        return value
    return safe_cell(str(cell))


def table_csv(table: Table, chosen: Period) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"{table.caption} ({chosen.label}: {uk(chosen.start)} to {uk(chosen.end)})"])
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_plain(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")  # Excel reads a UTF-8 CSV with its byte-order mark as UTF-8


def table_xlsx(table: Table, chosen: Period) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(table.caption)
    sheet.append([f"{table.caption} ({chosen.label}: {uk(chosen.start)} to {uk(chosen.end)})"])
    sheet.append(list(table.columns))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_plain(cell) for cell in row])
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def chart_data(table: Table) -> dict:
    """What static/js/dashboard.js draws a table's chart from: the row names and the charted columns' figures."""
    chart = table.chart
    return {
        "kind": chart.kind,
        "stacked": chart.stacked,
        "horizontal": chart.horizontal,
        "labels": [str(row[0]) for row in table.rows],
        "series": [
            {"label": table.columns[i], "values": [row[i].value or 0 for row in table.rows]} for i in chart.series
        ],
    }
