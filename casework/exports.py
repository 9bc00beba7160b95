"""The casework list as a spreadsheet (CSV or Excel), with the same columns whatever the format. Pure: the view
logs the export of confidential cases (`confidential`, before the download starts).

Both formats stream, so an export of the whole office's ten years costs the same memory as one of ten cases: the
cases are read `.iterator()`, 2,000 at a time, with only the columns exported (never the body, summary or search
document); the CSV goes out as it is written, the Excel file is written row by row by openpyxl's write-only
workbook to a temporary file, which is then sent in chunks and deleted. The query runs when the download is read,
not when the view returns."""

from __future__ import annotations

import csv
import io
import tempfile

from django.http import StreamingHttpResponse
from django.utils import timezone

from casework.models import Channel, Correspondent, Priority, Sensitivity, Status
from mayoral_office.spreadsheets import safe_cell


def _label(choices):
    """`get_<field>_display()` as one dictionary look-up: Django's costs a second per 50,000 cases per column."""
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value)


_stage, _channel, _kind = _label(Status.choices), _label(Channel.choices), _label(Correspondent.Kind.choices)
_sensitivity, _priority = _label(Sensitivity.choices), _label(Priority.choices)

COLUMNS = [
    ("Reference", lambda c: c.reference),
    ("Type", lambda c: c.case_type.name),
    ("Stage", lambda c: _stage(c.status)),
    ("Received", lambda c: c.received_on.isoformat()),
    ("Channel", lambda c: _channel(c.channel)),
    ("Member", lambda c: c.member.name),
    ("Correspondent", lambda c: str(c.correspondent)),
    ("Correspondent type", lambda c: _kind(c.correspondent.kind)),
    ("Ward", lambda c: c.ward.name if c.ward else ""),
    ("Subject", lambda c: c.subject),
    ("Officer", lambda c: c.officer.full_name if c.officer else ""),
    ("Sensitivity", lambda c: _sensitivity(c.sensitivity)),
    ("Priority", lambda c: _priority(c.priority)),
    ("Acknowledge by", lambda c: c.acknowledge_due.isoformat() if c.acknowledge_due else ""),
    ("Respond by", lambda c: c.response_due.isoformat() if c.response_due else ""),
    ("Response sent", lambda c: c.response_sent_on.isoformat() if c.response_sent_on else ""),
    ("Overdue", lambda c: "Yes" if c.is_overdue() else "No"),
]
# What COLUMNS read, and nothing else: `is_overdue` reads status and response_due; a correspondent's name is their
# name and organisation. Anything read that is not listed here would cost a query per row (the tests count them).
RELATED = ("case_type", "member", "correspondent", "officer", "ward")
FIELDS = (
    "reference",
    "status",
    "received_at",
    "channel",
    "subject",
    "sensitivity",
    "priority",
    "acknowledge_due",
    "response_due",
    "response_sent_on",
    "case_type__name",
    "member__name",
    "correspondent__name",
    "correspondent__organisation",
    "correspondent__kind",
    "ward__name",
    "officer__full_name",
)
CHUNK_SIZE = 2000  # cases per fetch from the database
BUFFER_SIZE = 64 * 1024  # characters of CSV, or bytes of Excel, per piece of the download
SPOOL_SIZE = 1024 * 1024  # the Excel file stays in memory up to this size, then goes to a temporary file
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def confidential(cases):
    """The confidential cases of a list, in its order, with just what the access log records of each (its id and
    its reference and subject), for the view to log before the download starts."""
    return cases.filter(sensitivity=Sensitivity.CONFIDENTIAL).select_related(None).only("pk", "reference", "subject")


def rows(cases):
    """The header, then one row of safe cells per case, read from the database a chunk at a time."""
    yield [title for title, _ in COLUMNS]
    for case in cases.select_related(None).select_related(*RELATED).only(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(get(case)) for _, get in COLUMNS]


def _csv(cases):
    """The CSV in pieces of about BUFFER_SIZE characters, starting with a byte-order mark (so Excel reads it as
    UTF-8). The header goes first on its own, before the database is read, so the download starts at once."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for index, row in enumerate(rows(cases)):
        writer.writerow(row)
        if index == 0 or buffer.tell() >= BUFFER_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx(cases):
    """The Excel file in pieces of BUFFER_SIZE bytes: written a row at a time, then sent from a temporary file that
    is deleted when the download ends (or is abandoned)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cases")
    for row in rows(cases):
        sheet.append(row)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE) as file:
        book.save(file)
        file.seek(0)
        while chunk := file.read(BUFFER_SIZE):
            yield chunk


def spreadsheet(cases, fmt: str, name: str) -> StreamingHttpResponse:
    """The cases (a queryset) as a CSV or an Excel download that streams."""
    filename = f"{name}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(cases), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_xlsx(cases), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
