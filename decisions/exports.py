"""The decisions app's lists as spreadsheets (CSV or Excel), with the same columns whatever the format. Pure: the
view decides which rows (always through `visible_to(user)` and the list's filters) and logs the export of
restricted records before the download starts.

Both formats stream, as casework's exports do: the rows are read `.iterator()` a chunk at a time with only the
columns exported; the CSV goes out as it is written; the Excel file is written row by row by openpyxl's write-only
workbook to a temporary file, then sent in pieces. The query runs when the download is read.

`spreadsheet(rows, fmt, name, sheet)` takes any header-then-rows iterable, so other lists of the app (the register,
the Forward Plan) can add their own `*_rows` function beside `action_rows`."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.utils import timezone

from decisions.models import ActionStatus, Rag
from decisions.models.access import OPEN
from mayoral_office.spreadsheets import safe_cell

CHUNK_SIZE = 2000  # records per fetch from the database
BUFFER_SIZE = 64 * 1024  # characters of CSV, or bytes of Excel, per piece of the download
SPOOL_SIZE = 1024 * 1024  # the Excel file stays in memory up to this size, then goes to a temporary file
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def _label(choices):
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value)


def _day(value) -> str:
    return value.isoformat() if value else ""


def restricted(records):
    """The restricted (confidential or exempt) records of a list, with just what the access log records of each,
    for the view to log before the download starts."""
    return records.exclude(OPEN).select_related(None).order_by().only("pk", "description")


# --- actions ------------------------------------------------------------------------------------------------------
_status, _rag = _label(ActionStatus.choices), _label(Rag.choices)


def _meeting(action) -> str:
    if action.meeting is None:
        return ""
    return f"{action.meeting.body.name}, {timezone.localtime(action.meeting.starts_at).date().isoformat()}"


ACTION_COLUMNS = [
    ("Description", lambda a, today: a.description),
    ("Owner", lambda a, today: a.owner.full_name if a.owner else ""),
    ("Directorate", lambda a, today: a.owner_directorate.name if a.owner_directorate else ""),
    ("Due", lambda a, today: _day(a.due_on)),
    ("Status", lambda a, today: _status(a.status)),
    ("RAG rating", lambda a, today: _rag(a.rag)),
    ("Overdue", lambda a, today: "Yes" if a.is_overdue(today) else "No"),
    ("Completed", lambda a, today: _day(a.completed_on)),
    ("Arising from", lambda a, today: _meeting(a)),
    ("Restricted", lambda a, today: "Yes" if a.is_restricted else "No"),
]
# What ACTION_COLUMNS read, and nothing else (anything more would cost a query per row).
ACTION_RELATED = ("owner", "owner_directorate", "meeting__body")
ACTION_FIELDS = (
    "description",
    "due_on",
    "status",
    "rag",
    "completed_on",
    "confidential",
    "exempt_category",
    "owner__full_name",
    "owner_directorate__name",
    "meeting__starts_at",
    "meeting__body__name",
)


def action_rows(actions) -> Iterable[list]:
    """The header, then one row of safe cells per action, read a chunk at a time."""
    today = timezone.localdate()
    yield [title for title, _ in ACTION_COLUMNS]
    rows = actions.select_related(None).select_related(*ACTION_RELATED).only(*ACTION_FIELDS)
    for action in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(get(action, today)) for _, get in ACTION_COLUMNS]


# --- the download -------------------------------------------------------------------------------------------------
def _csv(rows: Iterable[list]):
    """The CSV in pieces of about BUFFER_SIZE characters, starting with a byte-order mark (so Excel reads it as
    UTF-8). The header goes first on its own, so the download starts at once."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for index, row in enumerate(rows):
        writer.writerow(row)
        if index == 0 or buffer.tell() >= BUFFER_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx(rows: Iterable[list], sheet_title: str):
    """The Excel file in pieces of BUFFER_SIZE bytes, written a row at a time to a temporary file."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for row in rows:
        sheet.append(row)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE) as file:
        book.save(file)
        file.seek(0)
        while chunk := file.read(BUFFER_SIZE):
            yield chunk


def spreadsheet(rows: Iterable[list], fmt: str, name: str, *, sheet: str = "Sheet1") -> StreamingHttpResponse:
    """Header-then-rows as a CSV or an Excel download that streams."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    filename = f"{name}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_xlsx(rows, sheet), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
