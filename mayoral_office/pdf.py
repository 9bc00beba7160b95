"""PDF rendering with WeasyPrint from HTML templates with print CSS (A4, running header with the protective
marking, "Page X of Y" footer). Packs append uploaded PDF papers with pypdf (decisions/packs.py, briefings/pdf.py).

Templates load their CSS and images with `{% static %}`; the fetcher below serves those from the static finders
and refuses every other address, so a PDF never reaches the network or reads an arbitrary file."""

from __future__ import annotations

import hashlib
import mimetypes
import threading

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "file:///__pdf__/"
STATIC_PREFIX = "file://" + settings.STATIC_URL  # "/static/x.css" resolves against BASE_URL to file:///static/x.css


class StaticFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            relative = url[len(STATIC_PREFIX) :].split("?")[0]
            path = finders.find(relative) if ".." not in relative.split("/") else None
            if path:
                with open(path, "rb") as handle:
                    body = handle.read()
                mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": mimetype})
        raise ValueError(f"PDFs may only load the project's static files, not {url}")


# A document is laid out once for the HTML it is made from (WeasyPrint takes 70 to 100 ms a page) and kept for an hour
# under a digest of that HTML: the letter an officer previews, the member approves and the officer sends is the same
# file until a word of it changes, and a changed word is a new key, so a PDF is never out of date. Papers appended to
# a document are added each time (the layout of the document itself is what is kept); only small layouts are kept.
PDF_CACHE_SECONDS = 60 * 60
PDF_CACHE_MAX_BYTES = 1_000_000


def render_pdf(template_name: str, context: dict) -> bytes:
    context = {"council_name": settings.COUNCIL_NAME, "protective_marking": "OFFICIAL", **context}
    return laid_out(render_to_string(template_name, context))


def laid_out(html: str) -> bytes:
    """The PDF of this HTML, from the cache when the same HTML was laid out in the last hour."""
    key = "pdf:" + _digest(html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = layout(html)
        if len(pdf) <= PDF_CACHE_MAX_BYTES:
            cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def pages_of(html: str) -> int:
    """How many pages this HTML lays out to (kept an hour, as `laid_out`): a pack's contents name the page on which
    each appended paper starts, so the pack is laid out once to count its pages. Laid out only, not written as a PDF
    (a fifth of the time)."""
    from weasyprint import HTML

    key = "pdf-pages:" + _digest(html)
    pages = cache.get(key)
    if pages is None:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
        pages = len(document.render(font_config=_font_config()).pages)
        cache.set(key, pages, PDF_CACHE_SECONDS)
    return pages


def _digest(html: str) -> str:
    return hashlib.sha256(f"{WEASYPRINT_VERSION}\n{html}".encode()).hexdigest()


def layout(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    return document.write_pdf(font_config=_font_config())


_fonts = threading.local()


def _font_config():
    """One font configuration a thread, kept from one document to the next: WeasyPrint otherwise builds one for
    every document (the system's fonts found and loaded again), 15 to 20 ms of a one-page letter. The office's
    stylesheets load no web fonts (no @font-face), so it holds the system's fonts alone, the same for every document:
    the PDFs are the same, byte for byte, as with a new one (tests/mayoral_office/test_pdf.py)."""
    from weasyprint.text.fonts import FontConfiguration

    found = getattr(_fonts, "config", None)
    if found is None:
        found = _fonts.config = FontConfiguration()
    return found


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
