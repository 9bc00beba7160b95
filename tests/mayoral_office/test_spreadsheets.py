"""Every download's Excel file (mayoral_office/spreadsheets.py): written straight into the download as the rows are
read, and opened by a spreadsheet program with the same cells as were given."""

import hashlib
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from mayoral_office import spreadsheets


def _book(pieces):
    return load_workbook(io.BytesIO(b"".join(pieces)))


def test_the_cells_come_back_as_they_were_given():
    rows = [
        ["Reference", "Amount", "Paid", "Note", "Empty"],
        ["MO/2026/00001", 50000, True, '  Fish & chips <with> "quotes" ', None],
        ["MO/2026/00002", Decimal("12.50"), False, "Line one\nline two\x07 with a bell", ""],
        ["'=SUM(A1)", 1.5, None, "Café ✓", "last"],
    ]
    sheet = _book(spreadsheets.xlsx_pieces(iter(rows), "Cases")).active
    assert sheet.title == "Cases"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Reference", "Amount", "Paid", "Note", "Empty"],
        ["MO/2026/00001", 50000, True, '  Fish & chips <with> "quotes" ', None],
        ["MO/2026/00002", 12.5, False, "Line one\nline two with a bell", None],  # XML cannot hold a bell
        ["'=SUM(A1)", 1.5, None, "Café ✓", "last"],
    ]
    assert [cell.font.b for cell in sheet[1]] == [True] * 5  # the header is bold
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"  # and stays in view


def test_what_excel_cannot_hold_is_written_so_that_the_file_still_opens():
    rows = [
        ["Note", "Figure"],
        ["x" * 40_000, Decimal("NaN")],  # a cell holds 32,767 characters; not-a-number is no number
        ["Lone \ud800 surrogate", float("inf")],
    ]
    sheet = _book(spreadsheets.xlsx_pieces(rows, "Notes")).active
    assert sheet["A2"].value == "x" * 32_767 and sheet["B2"].value == "NaN"
    assert sheet["A3"].value == "Lone  surrogate" and sheet["B3"].value == "inf"


def test_wide_rows_and_awkward_sheet_names():
    header = [f"Column {n}" for n in range(30)]
    pieces = spreadsheets.xlsx_pieces([header, list(range(30))], "Budgets 2026/27: [draft]?")
    sheet = _book(pieces).active
    assert sheet.title == "Budgets 2026 27   draft"
    assert sheet["AD1"].value == "Column 29" and sheet["AD2"].value == 29


def test_the_file_starts_before_the_rows_are_read_and_comes_in_pieces(monkeypatch):
    monkeypatch.setattr(spreadsheets, "BUFFER_SIZE", 2_000)
    read = []

    def rows():
        yield ["Reference", "Subject"]
        for n in range(2_000):
            read.append(n)
            yield [f"MO/2026/{n:05}", hashlib.sha256(str(n).encode()).hexdigest()]  # text that compresses little

    pieces = spreadsheets.xlsx_pieces(rows(), "Cases")
    first = next(pieces)
    assert first.startswith(b"PK") and read == []  # the download has started, no row read yet
    rest = list(pieces)
    assert len(rest) > 5 and len(read) == 2_000
    whole = first + b"".join(rest)
    assert zipfile.ZipFile(io.BytesIO(whole)).testzip() is None
    assert _book([whole]).active.max_row == 2_001


def test_a_download_names_the_file_and_makes_every_cell_safe_in_both_formats():
    rows = [["Name"], ['=HYPERLINK("http://x")']]
    for fmt in spreadsheets.FORMATS:
        response = spreadsheets.download(iter(rows), fmt, "cases-all", sheet="Cases")
        assert response["Content-Disposition"].startswith('attachment; filename="cases-all-')
        body = b"".join(response.streaming_content)
        if fmt == "csv":
            assert body.decode("utf-8-sig").splitlines() == ["Name", '"\'=HYPERLINK(""http://x"")"']
        else:
            assert _book([body]).active["A2"].value == '\'=HYPERLINK("http://x")'
