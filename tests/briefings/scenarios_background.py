"""One scenario per background service (briefings/services/background.py), for tests/test_services_audit.py: each
sets up what it needs, calls its service once and returns the actor it passed."""

from briefings.selectors.background import proposal
from briefings.services import background as services
from tests.briefings.factories import make_pack
from tests.casework.factories import CaseFactory


def background_accept(request):
    officer = request.getfixturevalue("officer_a")
    member = request.getfixturevalue("member_a")
    CaseFactory(member=member, ward=member.ward, officer=officer, subject="Potholes on Mill Lane")
    pack = make_pack(member, lead_officer=officer, ward=member.ward)
    keys = [proposed.key for proposed in proposal(pack, officer)]
    services.background_accept(actor=officer, pack=pack, lines=keys)
    return officer


SCENARIOS = {"background_accept": background_accept}
