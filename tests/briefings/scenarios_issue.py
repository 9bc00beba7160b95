"""Scenarios for briefings/services/issue.py (tests/test_services_audit.py)."""

from briefings.models import PackStatus, RenderState
from briefings.services import issue as services
from tests.briefings.factories import make_pack, make_section, pdf_file


def _pack(request, **fields):
    officer = request.getfixturevalue("officer_a")
    pack = make_pack(request.getfixturevalue("member_a"), lead_officer=officer, **fields)
    make_section(pack)
    return pack


def pack_clear(request):
    head = request.getfixturevalue("head")
    services.pack_clear(actor=head, pack=_pack(request))
    return head


def pack_reopen(request):
    officer = request.getfixturevalue("officer_a")
    services.pack_reopen(actor=officer, pack=_pack(request, status=PackStatus.CLEARED))
    return officer


def pack_issue(request):
    officer = request.getfixturevalue("officer_a")
    services.pack_issue(actor=officer, pack=_pack(request, status=PackStatus.CLEARED))
    return officer


def pack_revise(request):
    officer = request.getfixturevalue("officer_a")
    pack = _pack(request, status=PackStatus.CLEARED)
    services.pack_issue(actor=officer, pack=pack)
    services.pack_revise(actor=officer, pack=pack)
    return officer


def version_render(request):
    officer = request.getfixturevalue("officer_a")
    pack = _pack(request, status=PackStatus.CLEARED)
    make_section(pack, kind="papers", title="Background papers", paper=pdf_file(2), paper_name="plan.pdf")
    version = services.pack_issue(actor=officer, pack=pack)  # its render waits for the commit that never comes here
    assert version.render_state == RenderState.QUEUED
    services.version_render(actor=None, version=version)
    return None


SCENARIOS = {
    "pack_clear": pack_clear,
    "pack_issue": pack_issue,
    "pack_reopen": pack_reopen,
    "pack_revise": pack_revise,
    "version_render": version_render,
}
