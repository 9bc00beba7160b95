import io

import pytest
from django.template import engines
from pypdf import PdfReader

from mayoral_office.pdf import StaticFilesFetcher, append_pdfs, render_pdf


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


def test_uploaded_papers_are_appended():
    html = '{% extends "mayoral_office/pdf/base.html" %}{% block body %}<h1>{{ title }}</h1>{% endblock %}'
    django_engine = engines["django"]
    from weasyprint import HTML

    paper = HTML(string=django_engine.from_string(html).render({"title": "Appendix A"})).write_pdf()
    combined = append_pdfs(paper, [paper, paper])
    assert len(PdfReader(io.BytesIO(combined)).pages) == 3
