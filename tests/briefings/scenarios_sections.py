"""One scenario per section service (briefings/services/sections.py), for tests/test_services_audit.py."""

from django.core.files.uploadedfile import SimpleUploadedFile

from briefings.models import SectionKind
from briefings.services import sections as services
from tests.briefings.factories import make_pack, make_section, pdf_bytes


def _setup(request):
    officer = request.getfixturevalue("officer_a")
    pack = make_pack(request.getfixturevalue("member_a"), lead_officer=officer)
    return officer, pack


def section_add(request):
    officer, pack = _setup(request)
    services.section_add(actor=officer, pack=pack, kind=SectionKind.QA)
    return officer


def section_update(request):
    officer, pack = _setup(request)
    services.section_update(actor=officer, section=make_section(pack), title="Summary", body="**The hub** opens.")
    return officer


def section_move(request):
    officer, pack = _setup(request)
    make_section(pack)
    services.section_move(actor=officer, section=make_section(pack, SectionKind.BACKGROUND), direction="up")
    return officer


def section_remove(request):
    officer, pack = _setup(request)
    services.section_remove(actor=officer, section=make_section(pack))
    return officer


def section_upload_paper(request):
    settings, tmp_path = request.getfixturevalue("settings"), request.getfixturevalue("tmp_path")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    officer, pack = _setup(request)
    section = make_section(pack, SectionKind.PAPERS, body="")
    upload = SimpleUploadedFile("Budget.pdf", pdf_bytes(2), content_type="application/pdf")
    services.section_upload_paper(actor=officer, section=section, upload=upload)
    return officer


SCENARIOS = {
    "section_add": section_add,
    "section_update": section_update,
    "section_move": section_move,
    "section_remove": section_remove,
    "section_upload_paper": section_upload_paper,
}
