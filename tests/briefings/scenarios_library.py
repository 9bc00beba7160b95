"""One scenario per speech-library service (briefings/services/library.py), for tests/test_services_audit.py: each
sets up what it needs, calls its service once and returns the actor it passed."""

from datetime import date

from briefings.models import PassageKind
from briefings.services import library as services
from tests.briefings.factories import make_pack, make_passage, make_section


def _officer(request):
    return request.getfixturevalue("officer_a")


def passage_create(request):
    services.passage_create(
        actor=_officer(request),
        title="Homes built since 2022",
        kind=PassageKind.STATISTIC,
        body="1,240 new council homes have been built since May 2022.",
        source="Housing delivery monitoring report",
        source_date=date(2026, 10, 31),
        review_on=date(2027, 4, 30),
    )
    return _officer(request)


def passage_update(request):
    passage = make_passage(_officer(request))
    services.passage_update(
        actor=_officer(request),
        passage=passage,
        title="The council's vision",
        kind=PassageKind.VISION,
        body="A fairer, greener borough where everyone can thrive.",
        review_on=date(2027, 6, 30),
    )
    return _officer(request)


def passage_retire(request):
    passage = make_passage(_officer(request))
    services.passage_retire(actor=_officer(request), passage=passage)
    return _officer(request)


def passage_insert(request):
    officer = _officer(request)
    section = make_section(make_pack(request.getfixturevalue("member_a"), lead_officer=officer))
    services.passage_insert(actor=officer, section=section, passage=make_passage(officer))
    return officer


SCENARIOS = {
    "passage_create": passage_create,
    "passage_update": passage_update,
    "passage_retire": passage_retire,
    "passage_insert": passage_insert,
}
