"""Checks on an uploaded background paper: a PDF (its first bytes, and pypdf can open it), not password-protected,
not damaged, not empty, at most 20 MB and 200 pages. Pure: reads the upload, writes nothing."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from mayoral_office.errors import ServiceError

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200
NOT_PDF = "The background paper must be a PDF"
ENCRYPTED = "The PDF is password-protected: save an unprotected copy and upload that"
DAMAGED = "The PDF could not be read: it may be damaged"


@dataclass(frozen=True)
class CheckedPaper:
    name: str  # the file's own name, as the officer will recognise it
    pages: int


def _refuse(message: str) -> ServiceError:
    return ServiceError(message, field="paper")


def check_paper(upload) -> CheckedPaper:
    """The paper's name and page count, or ServiceError (on the field `paper`) saying what is wrong with it."""
    if upload is None:
        raise _refuse("Choose the background paper to upload")
    name = os.path.basename(upload.name or "")[:200] or "paper.pdf"
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise _refuse(f"{name} is empty: choose the PDF again")
    if size > MAX_BYTES:
        raise _refuse(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: upload a smaller PDF")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.lstrip(b"\r\n\t ")[:5].startswith(b"%PDF-"):
        raise _refuse(NOT_PDF)
    pages = _pages(data)
    if pages == 0:
        raise _refuse(f"{name} has no pages")
    if pages > MAX_PAGES:
        raise _refuse(f"{name} has {pages} pages: a background paper may have at most {MAX_PAGES}")
    return CheckedPaper(name=name, pages=pages)


def _pages(data: bytes) -> int:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(ENCRYPTED)
        count = len(reader.pages)
        for page in reader.pages[:MAX_PAGES]:
            page.mediabox  # noqa: B018 (each page's dictionary must be readable)
    except ServiceError:
        raise
    except (PdfReadError, PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError) as exc:
        raise _refuse(DAMAGED) from exc
    except Exception as exc:  # noqa: BLE001 (pypdf raises many kinds on a broken file: each is a damaged PDF)
        raise _refuse(DAMAGED) from exc
    return count
