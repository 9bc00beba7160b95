"""A pack's sections (briefings/services/sections.py): adding, writing (Markdown cleaned on the way in), moving,
removing, and background papers checked before anything is kept (briefings/uploads.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from briefings import uploads
from briefings.models import PackStatus, Section, SectionKind
from briefings.services import sections as services
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.briefings.factories import make_commission, make_pack, make_section, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded papers go to a temporary private folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


@pytest.fixture
def pack(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a)
    for kind in (SectionKind.SUMMARY, SectionKind.KEY_MESSAGES, SectionKind.BACKGROUND):
        make_section(pack, kind)
    return pack


def _order(pack):
    return list(pack.sections.order_by("position").values_list("kind", "position"))


def test_a_section_is_added_at_the_end_with_its_kinds_name(officer_a, pack):
    section = services.section_add(actor=officer_a, pack=pack, kind=SectionKind.QA)
    assert (section.title, section.position) == ("Questions and answers", 4)
    with pytest.raises(ServiceError) as refused:
        services.section_add(actor=officer_a, pack=pack, kind="poem")
    assert refused.value.field == "kind"


def test_moving_a_section_renumbers_the_pack(officer_a, pack):
    background = pack.sections.get(kind=SectionKind.BACKGROUND)
    services.section_move(actor=officer_a, section=background, direction="up")
    assert _order(pack) == [("summary", 1), ("background", 2), ("key_messages", 3)]
    summary = pack.sections.get(kind=SectionKind.SUMMARY)
    services.section_move(actor=officer_a, section=summary, direction="down")
    assert _order(pack) == [("background", 1), ("summary", 2), ("key_messages", 3)]
    with pytest.raises(ServiceError) as first:
        services.section_move(actor=officer_a, section=background, direction="up")
    assert first.value.message == "“Background” is already first"
    with pytest.raises(ServiceError):
        services.section_move(actor=officer_a, section=background, direction="sideways")


def test_gaps_in_the_positions_are_closed_when_a_section_moves(officer_a, pack):
    pack.sections.filter(kind=SectionKind.BACKGROUND).update(position=9)
    services.section_move(actor=officer_a, section=pack.sections.get(kind=SectionKind.SUMMARY), direction="down")
    assert _order(pack) == [("key_messages", 1), ("summary", 2), ("background", 3)]


def test_section_text_is_cleaned_of_html_on_the_way_in(officer_a, pack):
    section = pack.sections.get(kind=SectionKind.SUMMARY)
    typed = (
        "## Key points\r\n\r\n<script>alert(1)</script>**Bold** <img src=x onerror=alert(2)> "
        "[link](javascript:alert(3))"
    )
    saved = services.section_update(actor=officer_a, section=section, title="Summary", body=typed, expected_version=1)
    saved.refresh_from_db()
    assert "<script" not in saved.body and "<img" not in saved.body and "alert(1)" not in saved.body
    assert saved.body.startswith("## Key points\n\n**Bold**")
    assert saved.version == 2 and saved.updated_by == officer_a


def test_too_long_a_text_is_refused_and_nothing_is_saved(officer_a, pack):
    section = pack.sections.get(kind=SectionKind.SUMMARY)
    with pytest.raises(ServiceError) as refused:
        services.section_update(actor=officer_a, section=section, title="Summary", body="x" * 100_001)
    assert (refused.value.field, refused.value.message) == ("body", "The text must be 100,000 characters or fewer")
    section.refresh_from_db()
    assert section.body == "The hub opens on Saturday."


def test_an_intern_writes_text_in_an_official_pack_but_not_in_a_sensitive_one(intern, officer_a, member_a, pack):
    section = pack.sections.get(kind=SectionKind.SUMMARY)
    services.section_update(actor=intern, section=section, title="Summary", body="Draft by the intern")
    sensitive = make_pack(member_a, lead_officer=officer_a, marking="OFFICIAL-SENSITIVE")
    with pytest.raises(PermissionDenied):
        services.section_update(actor=intern, section=make_section(sensitive), title="Summary", body="No")
    with pytest.raises(PermissionDenied):
        services.section_move(actor=intern, section=section, direction="down")


def test_sections_of_a_cleared_pack_are_not_changed(officer_a, pack):
    pack.status = PackStatus.CLEARED
    pack.save()
    section = pack.sections.get(kind=SectionKind.SUMMARY)
    with pytest.raises(ServiceError) as refused:
        services.section_update(actor=officer_a, section=section, title="Summary", body="Changed")
    assert refused.value.message == "This pack has been cleared: reopen it to change it"


def test_removing_a_section_renumbers_the_rest_unless_it_is_commissioned(officer_a, pack, directorate_contact):
    key = pack.sections.get(kind=SectionKind.KEY_MESSAGES)
    commission = make_commission(key, assignee=directorate_contact, requested_by=officer_a)
    with pytest.raises(ServiceError) as refused:
        services.section_remove(actor=officer_a, section=key)
    assert "cancel the commission" in refused.value.message
    commission.state = "cancelled"
    commission.save()
    services.section_remove(actor=officer_a, section=pack.sections.get(kind=SectionKind.SUMMARY))
    assert _order(pack) == [("key_messages", 1), ("background", 2)]


# --- background papers --------------------------------------------------------------------------------------------
def _upload(data: bytes, name="paper.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(2)))
    writer.encrypt("x")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def papers(pack):
    return make_section(pack, SectionKind.PAPERS, body="", title="Background papers")


def test_a_pdf_is_kept_with_its_name_and_pages(officer_a, papers, private_media):
    saved = services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(pdf_bytes(3), "Budget.pdf"))
    saved.refresh_from_db()
    assert (saved.paper_name, saved.paper_pages) == ("Budget.pdf", 3)
    with saved.paper.open("rb") as handle:
        assert len(PdfReader(handle).pages) == 3


REFUSALS = {
    "a Word file": (b"PK\x03\x04 not a pdf at all", "The background paper must be a PDF"),
    "a PNG renamed .pdf": (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "The background paper must be a PDF"),
    "an encrypted PDF": (None, "The PDF is password-protected: save an unprotected copy and upload that"),
    "a damaged PDF": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage", uploads.DAMAGED),
    "a truncated PDF": ("truncated", uploads.DAMAGED),
    "an empty file": (b"", "paper.pdf is empty: choose the PDF again"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_a_bad_paper_is_refused_with_a_clear_message_and_nothing_is_saved(officer_a, papers, private_media, case):
    data, message = REFUSALS[case]
    if data is None:
        data = _encrypted()
    elif data == "truncated":
        data = pdf_bytes(2)[:200]
    with pytest.raises(ServiceError) as refused:
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(data))
    assert (refused.value.field, refused.value.message) == ("paper", message)
    papers.refresh_from_db()
    assert not papers.paper and papers.paper_pages == 0 and papers.version == 1
    assert not any(p.is_file() for p in private_media.rglob("*"))


def test_too_big_or_too_long_a_paper_is_refused(officer_a, papers, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PAGES", 2)
    with pytest.raises(ServiceError) as long:
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(pdf_bytes(3)))
    assert long.value.message == "paper.pdf has 3 pages: a background paper may have at most 2"
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    with pytest.raises(ServiceError) as big:
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(pdf_bytes(1)))
    assert "larger than" in big.value.message


def test_a_replaced_paper_stays_until_the_new_one_is_good(
    officer_a, papers, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(pdf_bytes(1), "First.pdf"))
    papers.refresh_from_db()
    first = papers.paper.name
    with pytest.raises(ServiceError):
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(_encrypted()))
    papers.refresh_from_db()
    assert (papers.paper.name, papers.paper_name) == (first, "First.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        services.section_upload_paper(actor=officer_a, section=papers, upload=_upload(pdf_bytes(2), "Second.pdf"))
    papers.refresh_from_db()
    assert (papers.paper_name, papers.paper_pages) == ("Second.pdf", 2)
    assert [p.name for p in private_media.rglob("*.pdf")] == [papers.paper.name.rsplit("/", 1)[-1]]


def test_only_a_background_papers_section_takes_a_paper(officer_a, pack):
    summary = pack.sections.get(kind=SectionKind.SUMMARY)
    with pytest.raises(ServiceError) as refused:
        services.section_upload_paper(actor=officer_a, section=summary, upload=_upload(pdf_bytes(1)))
    assert "Background papers" in refused.value.message
    assert not Section.objects.filter(paper__gt="").exists()
