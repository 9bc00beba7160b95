"""The issued PDF pack (issue 12, acceptance 2): a cover, a contents page whose page numbers are the pages the
sections start on, the marking and "Page X of Y" on every page (the appended papers' too), the papers' pages, a
bookmark for every section and paper, the title and language set; and nothing typed into a section is fetched."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from briefings import pdf
from briefings.models import Marking, PackStatus, RenderState, SectionKind
from briefings.services import issue as services
from tests.briefings.factories import at, make_pack, make_section, pdf_file
from tests.diary.factories import make_engagement

pytestmark = pytest.mark.django_db

LONG = "\n\n".join(["The hub replaces the old library and opens six days a week. " * 7] * 5)


@pytest.fixture
def issued(head, officer_a, member_a, member_a_user, django_capture_on_commit_callbacks):
    engagement = make_engagement(
        member_a, start=at(2026, 12, 12, 11, 30), title="Opening of the Riverside hub", location="Riverside Hall"
    )
    pack = make_pack(
        member_a,
        lead_officer=officer_a,
        engagement=engagement,
        marking=Marking.OFFICIAL_SENSITIVE,
        status=PackStatus.CLEARED,
    )
    make_section(pack, SectionKind.SUMMARY, body=LONG)
    make_section(pack, SectionKind.KEY_MESSAGES, body="- Jobs\n- Homes\n- **Libraries**")
    make_section(
        pack,
        SectionKind.PAPERS,
        title="Business case",
        body="The cabinet paper.",
        paper=pdf_file(3, text="Business case"),
        paper_name="business-case.pdf",
        paper_pages=3,
    )
    make_section(pack, SectionKind.SPEECH, body=LONG + "\n\n" + LONG)
    make_section(
        pack,
        SectionKind.PAPERS,
        title="Site plan",
        body="",
        paper=pdf_file(2, text="Site plan"),
        paper_name="site-plan.pdf",
        paper_pages=2,
    )
    make_section(pack, SectionKind.RISKS, body="Protest expected at the entrance.")
    with django_capture_on_commit_callbacks(execute=True):
        version = services.pack_issue(actor=officer_a, pack=pack)
    version.refresh_from_db()
    assert version.render_state == RenderState.READY, version.render_error
    with version.pdf.open("rb") as handle:
        blob = handle.read()
    return pack, version, blob


def page_texts(blob):
    return [page.extract_text() for page in PdfReader(io.BytesIO(blob)).pages]


def outline_titles(reader):
    titles = []
    for item in reader.outline:
        titles += outline_titles_of(item)
    return titles


def outline_titles_of(item):
    return [t for i in item for t in outline_titles_of(i)] if isinstance(item, list) else [item.title]


def test_the_issued_pdf_has_a_cover_contents_sections_and_the_papers_appended(issued):
    pack, version, blob = issued
    texts = page_texts(blob)
    total = len(texts)
    assert version.pages == total
    assert total - 5 >= 4  # the generated pages (cover, contents, sections), then 3 + 2 pages of papers
    cover = " ".join(texts[0].split())
    for expected in (
        "Briefing pack",
        pack.title,
        "Cllr Alice Able",
        "Opening of the Riverside hub",
        "Saturday 12 December 2026, 11:30",
        "Riverside Hall",
        "OFFICIAL-SENSITIVE",
        "Version 1",
    ):
        assert expected in cover, expected
    assert "Contents" in texts[1]
    # the papers are the last five pages, in section order
    assert [re.search(r"(Business case|Site plan), page \d", t)[0] for t in texts[-5:]] == [
        "Business case, page 1",
        "Business case, page 2",
        "Business case, page 3",
        "Site plan, page 1",
        "Site plan, page 2",
    ]


def test_the_contents_page_numbers_are_the_pages_the_sections_and_papers_start_on(issued):
    pack, version, blob = issued
    texts = page_texts(blob)
    contents = texts[1]
    listed = dict(re.findall(r"^(.+?) (\d+)$", contents, flags=re.M))
    titles = [s["title"] for s in version.snapshot]
    for title in titles:
        # the first page (after the contents) whose text starts a section with this heading
        starts = next(i + 1 for i, t in enumerate(texts) if i > 1 and re.search(rf"^{re.escape(title)}$", t, re.M))
        assert int(listed[title]) == starts, title
    generated = len(texts) - 5
    assert int(listed["Appendix A: Business case (3 pages)"]) == generated + 1
    assert int(listed["Appendix B: Site plan (2 pages)"]) == generated + 4
    assert "Business case, page 1" in texts[generated]
    assert "Site plan, page 1" in texts[generated + 3]


def test_every_page_has_the_marking_and_page_x_of_y_including_the_papers(issued):
    _pack, _version, blob = issued
    texts = page_texts(blob)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "OFFICIAL-SENSITIVE" in text, f"page {number}"
        assert f"Page {number} of {total}" in text, f"page {number}"


def test_every_section_and_paper_has_a_bookmark_and_the_title_and_language_are_set(issued):
    pack, version, blob = issued
    reader = PdfReader(io.BytesIO(blob))
    titles = outline_titles(reader)
    assert titles == [
        "Contents",
        *[s["title"] for s in version.snapshot],
        "Appendix A: Business case",
        "Appendix B: Site plan",
    ]
    # each bookmark goes to the page its section starts on
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline}
    assert pages["Appendix A: Business case"] == len(reader.pages) - 5
    assert pages["Appendix B: Site plan"] == len(reader.pages) - 2
    texts = page_texts(blob)
    for section in version.snapshot:
        assert re.search(rf"^{re.escape(section['title'])}$", texts[pages[section["title"]]], re.M), section["title"]
    assert reader.metadata.title == f"{pack.title}, version 1"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    # the generated pages are tagged (WeasyPrint's structure tree survives the papers' appending)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_the_pdf_looks_right_rendered_to_png(issued, tmp_path):
    """Rendered with poppler's pdftoppm: the pages are non-blank images. (Looked at by eye while writing this test:
    the cover, the contents with right-aligned page numbers, and an appended paper with the council's name and the
    marking at the top and "Page X of Y" at the foot, like the generated pages.)"""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _pack, _version, blob = issued
    source = tmp_path / "pack.pdf"
    source.write_bytes(blob)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(source), str(tmp_path / "page")], check=True)  # noqa: S603,S607
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(blob)).pages)
    assert all(image.stat().st_size > 1000 for image in images)


def test_script_links_and_remote_images_typed_into_a_section_are_neither_run_nor_fetched(
    officer_a, member_a, monkeypatch
):
    fetched = []
    from mayoral_office import pdf as core_pdf

    original = core_pdf.StaticFilesFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(core_pdf.StaticFilesFetcher, "fetch", spy)
    monkeypatch.setattr("socket.socket.connect", lambda *a: pytest.fail("the PDF reached the network"))
    pack = make_pack(member_a, lead_officer=officer_a)
    body = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
        "![tracker](https://example.com/pixel.png) <img src='https://example.com/a.png'>"
    )
    sections = [{"kind": "summary", "title": "Summary", "body": body}]
    blob = pdf.render_pack(pack=pack, sections=sections, version_number=1)
    reader = PdfReader(io.BytesIO(blob))
    assert all(not url.startswith(("http", "javascript")) for url in fetched), fetched
    assert [image for page in reader.pages for image in page.images] == []  # no image anywhere
    raw = blob.decode("latin-1")
    assert "javascript" not in raw.lower()
    assert "/JavaScript" not in raw and "/JS " not in raw
    links = [
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert all(not str(uri).lower().startswith("javascript") for uri in links), links
    # HTML typed as text is printed as the text it is (Markdown rendered with HTML off), never interpreted
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "<script>alert(1)</script>" in text


def test_the_bench_pack_of_20_sections_and_two_10_page_papers_renders():
    """Acceptance 3's pack (bench/briefings_pdf.py; `make bench` prints its time and memory): it renders, with every
    page of both papers. Not timed here."""
    from bench.briefings_pdf import PAPER_PAGES, SECTIONS, paper, the_pack

    pack, sections = the_pack()
    papers = [("paper-1.pdf", paper("One")), ("paper-2.pdf", paper("Two"))]
    blob = pdf.render_pack(pack=pack, sections=sections, version_number=1, papers=papers)
    reader = PdfReader(io.BytesIO(blob))
    texts = [page.extract_text() for page in reader.pages]
    assert len(sections) == SECTIONS
    assert sum("One, page" in t for t in texts) == sum("Two, page" in t for t in texts) == PAPER_PAGES
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, start=1))


def test_a_landscape_paper_keeps_its_size_and_gets_the_marking_and_page_number(officer_a, member_a):
    from weasyprint import HTML

    landscape = HTML(string="<style>@page { size: A4 landscape }</style><p>Wide table</p>").write_pdf()
    pack = make_pack(member_a, lead_officer=officer_a)
    sections = [
        {"kind": "summary", "title": "Summary", "body": "Text"},
        {"kind": "papers", "title": "Costs", "paper": 0},
    ]
    blob = pdf.render_pack(pack=pack, sections=sections, version_number=1, papers=[("costs.pdf", landscape)])
    reader = PdfReader(io.BytesIO(blob))
    last = reader.pages[-1]
    assert (round(float(last.mediabox.width)), round(float(last.mediabox.height))) == (842, 595)
    text = last.extract_text()
    assert "Wide table" in text and f"Page {len(reader.pages)} of {len(reader.pages)}" in text and "OFFICIAL" in text
