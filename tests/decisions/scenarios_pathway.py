"""One scenario per public service of decisions/services/pathway.py, for tests/test_services_audit.py (each sets up
what it needs, calls its service once and returns the actor it passed), and the helpers the pathway, Forward Plan
and register tests share: decisions are made by the minutes (another part of the app), so the tests make them
directly."""

from datetime import date
from decimal import Decimal

from decisions.models import Decision, PathwayStep
from decisions.services import pathway as services
from mayoral_office.models import ClosureDay
from tests.decisions.factories import at, make_meeting, make_pathway_item
from tests.mayoral_office.factories import DirectorateFactory

_decisions = iter(range(1, 1_000_000))


def cabinet(y=2027, m=1, d=12):
    return make_meeting("CAB", start=at(y, m, d, 18, 30))


def make_decision(title="Approve the leisure centre refurbishment", *, meeting=None, **fields) -> Decision:
    fields.setdefault("taken_on", meeting.day if meeting else date(2026, 11, 24))
    fields.setdefault("decision_maker", meeting.body.name if meeting else "Cabinet Member for Housing")
    reference = fields.pop("reference", f"DEC/2026/{next(_decisions):04d}")
    return Decision.objects.create(
        reference=reference, title=title, text=fields.pop("text", "Agreed as recommended."), meeting=meeting, **fields
    )


def _officer(request):
    return request.getfixturevalue("officer_a")


def _directorate():
    return DirectorateFactory(name="Housing and Regeneration", code="HOR")


def _item(**fields):
    return make_pathway_item(directorate=_directorate(), **fields)


def pathway_create(request):
    services.pathway_create(
        actor=_officer(request),
        title="Leisure centre refurbishment",
        directorate=_directorate(),
        key_decision=True,
        value=Decimal("750000"),
        decision_meeting=cabinet(),
    )
    return _officer(request)


def pathway_update(request):
    item = _item(decision_meeting=cabinet(), key_decision=True, value=Decimal("750000"))
    services.pathway_update(
        actor=_officer(request),
        item=item,
        title=item.title,
        directorate=item.directorate,
        key_decision=True,
        value=item.value,
        decision_meeting=cabinet(2027, 2, 9),
    )
    return _officer(request)


def pathway_record_step(request):
    meeting = make_meeting("CLT", start=at(2026, 11, 24, 9, 30))
    item = _item()
    step = PathwayStep.objects.create(item=item, stage=meeting.body.stages.first())
    services.pathway_record_step(actor=_officer(request), item=item, step=step, meeting=meeting, outcome="approved")
    return _officer(request)


def pathway_record_exception(request):
    item = _item(decision_meeting=cabinet(2026, 12, 15), key_decision=True)
    services.pathway_record_exception(
        actor=_officer(request),
        item=item,
        kind="general_exception",
        reason="The grant offer expires before the next Cabinet.",
        scrutiny_chair="Cllr Priya Shah",
        agreed_on=date(2026, 12, 1),
    )
    return _officer(request)


def pathway_publish_forward_plan(request):
    item = _item(decision_meeting=cabinet(), key_decision=True)
    services.pathway_publish_forward_plan(actor=_officer(request), item=item)
    return _officer(request)


def decision_publish(request):
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)))
    services.decision_publish(actor=_officer(request), decision=decision)
    return _officer(request)


def decision_call_in(request):
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)))
    services.decision_publish(actor=_officer(request), decision=decision, on=date(2026, 11, 30))
    services.decision_call_in(actor=_officer(request), decision=decision, reason="Five members asked for it.")
    return _officer(request)


def decision_resolve_call_in(request):
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 24, 18, 30)))
    services.decision_publish(actor=_officer(request), decision=decision, on=date(2026, 11, 30))
    services.decision_call_in(actor=_officer(request), decision=decision, reason="Five members asked for it.")
    services.decision_resolve_call_in(
        actor=_officer(request), decision=decision, outcome="confirmed", note="Scrutiny: no further action."
    )
    return _officer(request)


def decision_implement(request):
    decision = make_decision(meeting=make_meeting("CAB", start=at(2026, 11, 10, 18, 30)))
    services.decision_publish(actor=_officer(request), decision=decision, on=date(2026, 11, 12))
    services.decision_implement(actor=_officer(request), decision=decision)
    return _officer(request)


def pathway_recalculate_for_closure_day(request):
    _item(decision_meeting=cabinet(), key_decision=True)
    ClosureDay.objects.create(date=date(2027, 1, 8), reason="Council closure")
    head = request.getfixturevalue("head")
    services.pathway_recalculate_for_closure_day(actor=head, changed_day=date(2027, 1, 8), note="Closure day added")
    return head


SCENARIOS = {
    "pathway_create": pathway_create,
    "pathway_update": pathway_update,
    "pathway_record_step": pathway_record_step,
    "pathway_record_exception": pathway_record_exception,
    "pathway_publish_forward_plan": pathway_publish_forward_plan,
    "decision_publish": decision_publish,
    "decision_call_in": decision_call_in,
    "decision_resolve_call_in": decision_resolve_call_in,
    "decision_implement": decision_implement,
    "pathway_recalculate_for_closure_day": pathway_recalculate_for_closure_day,
}
