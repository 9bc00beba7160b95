import io

import pytest
from django.template import engines
from pypdf import PdfReader

from mayoral_office.pdf import StaticFilesFetcher, render_pdf


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_pdf_has_the_marking_header_and_page_x_of_y_footer(tmp_path, settings):
    template = tmp_path / "pack.html"
    template.write_text(
        '{% extends "mayoral_office/pdf/base.html" %}{% block body %}<h1>Week ahead</h1>'
        '<p>First page</p><div class="pdf-page-break">Second page</div>{% endblock %}'
    )
    settings.TEMPLATES[0]["DIRS"].append(str(tmp_path))
    engines._engines = {}
    try:
        pdf = render_pdf("pack.html", {"protective_marking": "OFFICIAL-SENSITIVE"})
    finally:
        settings.TEMPLATES[0]["DIRS"].remove(str(tmp_path))
        engines._engines = {}
    pages = text_of(pdf)
    assert len(pages) == 2
    assert "Week ahead" in pages[0]
    assert "OFFICIAL-SENSITIVE" in pages[0] and "London Borough of Eastbridge" in pages[0]
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]


def test_fetcher_serves_static_files_and_refuses_anything_else():
    fetcher = StaticFilesFetcher()
    response = fetcher.fetch("file:///static/css/print-pack.css")
    assert b"@page" in response.read()
    for url in ["file:///etc/passwd", "http://127.0.0.1/secret", "file:///static/../../etc/passwd"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_same_document_is_laid_out_once_and_a_changed_one_is_laid_out_again(tmp_path, settings, monkeypatch):
    from mayoral_office import pdf as pdf_module

    laid_out = []
    real_layout = pdf_module.layout
    monkeypatch.setattr(pdf_module, "layout", lambda html: laid_out.append(html) or real_layout(html))
    template = tmp_path / "letter.html"
    template.write_text('{% extends "mayoral_office/pdf/base.html" %}{% block body %}<p>{{ body }}</p>{% endblock %}')
    settings.TEMPLATES[0]["DIRS"].append(str(tmp_path))
    engines._engines = {}
    try:
        first = render_pdf("letter.html", {"body": "The survey is booked for Monday."})
        again = render_pdf("letter.html", {"body": "The survey is booked for Monday."})
        changed = render_pdf("letter.html", {"body": "The survey is booked for Tuesday."})
    finally:
        settings.TEMPLATES[0]["DIRS"].remove(str(tmp_path))
        engines._engines = {}
    assert again == first and len(laid_out) == 2  # the repeat came from the cache
    assert "Monday" in text_of(again)[0]
    assert "Tuesday" in text_of(changed)[0] and "Monday" not in text_of(changed)[0]  # never an out-of-date file


def test_a_document_laid_out_after_others_is_the_same_as_one_laid_out_alone():
    """The font configuration kept between documents (mayoral_office.pdf._font_config) changes nothing in them."""
    from weasyprint import HTML

    from mayoral_office.pdf import BASE_URL, layout

    def page(words: str) -> str:
        return (
            engines["django"]
            .from_string(
                '{% extends "mayoral_office/pdf/base.html" %}{% block body %}<h1>{{ words }}</h1><p>{{ words }}</p>'
                "<table><tr><td><strong>{{ words }}</strong></td></tr></table>{% endblock %}"
            )
            .render({"words": words, "council_name": "London Borough of Eastbridge", "protective_marking": "OFFICIAL"})
        )

    for words in ("Week ahead", "Agenda pack", "Dear resident"):
        layout(page(words))  # other documents first, through the kept configuration
    html = page("Dear Ms Okafor, thank you for your letter")
    alone = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf()
    assert layout(html) == alone
