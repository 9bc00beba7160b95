"""Scenarios for briefings/services/follow.py (tests/test_services_audit.py): each moves a pack's due date."""

from datetime import date

from briefings.services import follow
from mayoral_office.models import ClosureDay
from tests.briefings.factories import at, make_pack
from tests.diary.factories import make_engagement


def _officer(request):
    return request.getfixturevalue("officer_a")


def packs_follow_record(request):
    officer, member = _officer(request), request.getfixturevalue("member_a")
    engagement = make_engagement(member, start=at(2026, 12, 10, 10), title="Opening of the Riverside hub")
    make_pack(member, lead_officer=officer, engagement=engagement, due_on=date(2026, 12, 4))  # due 8 December
    follow.packs_follow_record(actor=officer, record=engagement)
    return officer


def packs_recalculate_for_closure_day(request):
    head, member = request.getfixturevalue("head"), request.getfixturevalue("member_a")
    engagement = make_engagement(member, start=at(2026, 12, 10, 10), title="Opening of the Riverside hub")
    make_pack(member, lead_officer=head, engagement=engagement, due_on=date(2026, 12, 8))
    ClosureDay.objects.create(date=date(2026, 12, 9), reason="Staff development day")  # due 7 December now
    follow.packs_recalculate_for_closure_day(actor=head, changed_day=date(2026, 12, 9), note="Closure day added")
    return head


SCENARIOS = {
    name: fn
    for name, fn in list(globals().items())
    if callable(fn) and not name.startswith("_") and fn.__module__ == __name__
}
