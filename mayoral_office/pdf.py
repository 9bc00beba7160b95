"""PDF rendering with WeasyPrint from HTML templates with print CSS (A4, running header with the protective
marking, "Page X of Y" footer). pypdf appends uploaded PDF papers."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _static_fetcher(url: str, *args, **kwargs):
    """Serve /static/... from the static finders so PDFs need no running web server."""
    from weasyprint import default_url_fetcher

    if url.startswith("file://static/") or url.startswith(settings.STATIC_URL):
        rel = url.split("static/", 1)[1]
        path = finders.find(rel)
        if path:
            return default_url_fetcher(f"file://{path}")
    return default_url_fetcher(url, *args, **kwargs)


def render_pdf(template_name: str, context: dict, *, appendices: list[bytes] | None = None) -> bytes:
    from weasyprint import HTML

    context = {"council_name": settings.COUNCIL_NAME, "protective_marking": "OFFICIAL", **context}
    html = render_to_string(template_name, context)
    pdf = HTML(string=html, base_url="file://static/", url_fetcher=_static_fetcher).write_pdf()
    if appendices:
        pdf = append_pdfs(pdf, appendices)
    return pdf


def append_pdfs(first: bytes, others: list[bytes]) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for blob in [first, *others]:
        writer.append(io.BytesIO(blob))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
