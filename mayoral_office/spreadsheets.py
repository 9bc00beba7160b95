"""What every CSV and Excel download of the office shares: formula-safe cells, and both formats streamed.

A download of 50,000 rows starts at once and costs the same memory as one of ten: the CSV goes out as it is written;
the Excel file (a zip of XML parts) is written straight into the download, the sheet a row at a time, by the standard
library's zipfile on a stream it cannot seek (each part's sizes follow the part). No temporary file, and the first
bytes leave before the database is read. Cells are text, numbers or true/false; the header row is bold and stays in
view as the sheet scrolls. docs/decisions/0006 and docs/performance.md."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.http import StreamingHttpResponse
from django.utils import timezone

BUFFER_SIZE = 64 * 1024  # characters of CSV, or bytes of Excel, per piece of the download
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def safe_cell(value):
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def download(rows: Iterable[list], fmt: str, name: str, *, sheet: str = "Sheet1") -> StreamingHttpResponse:
    """Header-then-rows as a CSV or an Excel download that streams, named `name` and the time; every cell safe."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    rows = ([safe_cell(cell) for cell in row] for row in rows)
    filename = f"{name}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_pieces(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(xlsx_pieces(rows, sheet), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_pieces(rows: Iterable[list]) -> Iterator[str]:
    """The CSV in pieces of about BUFFER_SIZE characters, starting with a byte-order mark (so Excel reads it as
    UTF-8). The header goes first on its own, before the rest is read, so the download starts at once."""
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


# --- Excel ----------------------------------------------------------------------------------------------------------
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARTS = {
    "[Content_Types].xml": (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'{_HEAD}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_HEAD}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC}/styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (  # style 0: plain; style 1: bold (the header row)
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}
_SHEET_START = (
    f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>'
)
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # what XML 1.0 cannot hold
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")  # text Excel would read as an escaped character: kept as typed
CELL_MOST = 32_767  # the characters an Excel cell holds


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet1"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value, style: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int) or (isinstance(value, float | Decimal) and math.isfinite(value)):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", _NOT_IN_XML.sub("", str(value)))[:CELL_MOST]
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _row(number: int, values: list, columns: list[str]) -> str:
    while len(columns) < len(values):
        columns.append(_column(len(columns)))
    style = ' s="1"' if number == 1 else ""
    cells = "".join(_cell(f"{columns[i]}{number}", value, style) for i, value in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


class _Pipe(io.RawIOBase):
    """Where zipfile writes: the bytes wait here until the download takes them. It cannot seek, so zipfile writes
    each part's sizes after the part."""

    def __init__(self):
        self._pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pieces.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._pieces)
        self._pieces.clear()
        return data


def xlsx_pieces(rows: Iterable[list], title: str = "Sheet1") -> Iterator[bytes]:
    """An Excel workbook of one sheet (`title`): the header row bold and frozen, then a row per row, sent in pieces
    of about BUFFER_SIZE bytes as it is written."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as book:
        for name, text in _PARTS.items():
            book.writestr(name, text)
        book.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><bookViews><workbookView/></bookViews><sheets>'
            f'<sheet name={quoteattr(sheet_name(title))} sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        yield pipe.take()
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_START.encode())
            columns: list[str] = []
            waiting: list[str] = []
            size = 0
            for number, values in enumerate(rows, start=1):
                xml = _row(number, values, columns)
                waiting.append(xml)
                size += len(xml)
                if size >= BUFFER_SIZE or number == 1:
                    sheet.write("".join(waiting).encode())
                    waiting.clear()
                    size = 0
                    if piece := pipe.take():
                        yield piece
            sheet.write(("".join(waiting) + "</sheetData></worksheet>").encode())
    yield pipe.take()
