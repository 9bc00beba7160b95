"""One scenario per pack service (briefings/services/packs.py), for tests/test_services_audit.py: each sets up what
it needs, calls its service once and returns the actor it passed."""

from datetime import date

from briefings.services import packs as services
from tests.briefings.factories import make_pack
from tests.diary.factories import at, make_engagement


def _officer(request):
    return request.getfixturevalue("officer_a")


def _member(request):
    return request.getfixturevalue("member_a")


def pack_create(request):
    officer = _officer(request)
    engagement = make_engagement(_member(request), start=at(2026, 12, 9, 14), title="Riverside hub opening")
    services.pack_create(actor=officer, title="Riverside hub opening", lead_officer=officer, engagement=engagement)
    return officer


def pack_update(request):
    officer = _officer(request)
    pack = make_pack(_member(request), lead_officer=officer, due_on=date(2026, 12, 9))
    services.pack_update(
        actor=officer,
        pack=pack,
        title="Riverside hub: the opening",
        marking="OFFICIAL",
        members=[_member(request)],
        lead_officer=officer,
        due_on=date(2026, 12, 10),
    )
    return officer


def pack_withdraw(request):
    officer = _officer(request)
    pack = make_pack(_member(request), lead_officer=officer)
    services.pack_withdraw(actor=officer, pack=pack, reason="The opening was postponed")
    return officer


SCENARIOS = {"pack_create": pack_create, "pack_update": pack_update, "pack_withdraw": pack_withdraw}
