"""Procurement's downloads: the budget report as CSV or Excel, and the spend the Local Government Transparency
Code 2015 asks councils to publish. Pure: the view decides which rows (always through `visible_to(user)` or the
policy) and these write them, formula-safe, streamed as decisions/exports.py does (the CSV as it is written, the
Excel file row by row by openpyxl's write-only workbook)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from mayoral_office.spreadsheets import safe_cell

BUFFER_SIZE = 64 * 1024
SPOOL_SIZE = 1024 * 1024
CHUNK_SIZE = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
REDACTED = "Redacted: personal data"

# The Code's columns for spend over £500 (paragraph 23 and its annex): in this order, with these names.
TRANSPARENCY_COLUMNS = [
    "Body name",
    "Date",
    "Expense area",
    "Expense type",
    "Supplier name",
    "Transaction number",
    "Amount",
    "VAT not recoverable",
    "Supplier registration number",
    "Purpose of expenditure",
]


def transparency_rows(invoices) -> Iterable[list]:
    """The header, then a row per invoice: its net amount (the VAT the council recovers is not spend), the VAT it
    cannot recover, and the supplier's registration number (Companies House, or the charity's). A sole trader is
    a person: their name and number are personal data, left out as the Code allows."""
    body = getattr(settings, "COUNCIL_NAME", "")
    yield TRANSPARENCY_COLUMNS
    for invoice in invoices.iterator(chunk_size=CHUNK_SIZE):
        requisition = invoice.requisition
        supplier = requisition.supplier
        person = supplier.is_sole_trader
        row = [
            body,
            invoice.paid_on.isoformat(),
            requisition.budget_line.cost_centre.name,
            requisition.category.expense_type,
            REDACTED if person else supplier.name,
            invoice.transaction_number,
            f"{invoice.net:.2f}",
            f"{(invoice.vat if not invoice.vat_recoverable else 0):.2f}",
            REDACTED if person else (supplier.company_number or supplier.charity_number),
            requisition.description,
        ]
        yield [safe_cell(cell) for cell in row]


def _csv(rows: Iterable[list]):
    """The CSV in pieces, starting with a byte-order mark (so Excel reads it as UTF-8)."""
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
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE) as file:
        book.save(file)
        file.seek(0)
        while chunk := file.read(BUFFER_SIZE):
            yield chunk


def spreadsheet(rows: Iterable[list], fmt: str, name: str, *, sheet: str = "Sheet1") -> StreamingHttpResponse:
    """Header-then-rows as a CSV or an Excel download that streams; cells written safe."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    filename = f"{name}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    if fmt == "csv":
        safe = ([safe_cell(cell) for cell in row] for row in rows)
        response = StreamingHttpResponse(_csv(safe), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_xlsx(rows, sheet), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
