"""The casework list as a spreadsheet (CSV or Excel), with the same columns whatever the format. Pure: the view
logs the export of confidential cases."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

COLUMNS = [
    ("Reference", lambda c: c.reference),
    ("Type", lambda c: c.case_type.name),
    ("Stage", lambda c: c.get_status_display()),
    ("Received", lambda c: c.received_on.isoformat()),
    ("Channel", lambda c: c.get_channel_display()),
    ("Member", lambda c: c.member.name),
    ("Correspondent", lambda c: str(c.correspondent)),
    ("Correspondent type", lambda c: c.correspondent.get_kind_display()),
    ("Ward", lambda c: c.ward.name if c.ward else ""),
    ("Subject", lambda c: c.subject),
    ("Officer", lambda c: c.officer.full_name if c.officer else ""),
    ("Sensitivity", lambda c: c.get_sensitivity_display()),
    ("Priority", lambda c: c.get_priority_display()),
    ("Acknowledge by", lambda c: c.acknowledge_due.isoformat() if c.acknowledge_due else ""),
    ("Respond by", lambda c: c.response_due.isoformat() if c.response_due else ""),
    ("Response sent", lambda c: c.response_sent_on.isoformat() if c.response_sent_on else ""),
    ("Overdue", lambda c: "Yes" if c.is_overdue() else "No"),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def spreadsheet(cases, fmt: str, name: str) -> HttpResponse:
    """The cases as a CSV (with a byte-order mark, so Excel reads it as UTF-8) or an Excel download."""
    headers = [title for title, _ in COLUMNS]
    rows = ([safe_cell(get(c)) for _, get in COLUMNS] for c in cases)
    filename = f"{name}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(headers)
        writer.writerows(rows)
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Cases"
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
