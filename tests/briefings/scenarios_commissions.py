"""One scenario per commissioning service (briefings/services/commissions.py), for tests/test_services_audit.py:
each sets up what it needs, calls its service once and returns the actor it passed."""

from briefings.models import CommissionState
from briefings.services import commissions as services
from tests.briefings.factories import make_commission, make_pack, make_section


def _people(request):
    officer = request.getfixturevalue("officer_a")
    contact = request.getfixturevalue("directorate_contact")
    member = request.getfixturevalue("member_a")
    return officer, contact, member


def _commission(request, state=CommissionState.REQUESTED, body="Funding: £2m from the levelling-up fund."):
    officer, contact, member = _people(request)
    section = make_section(make_pack(member, lead_officer=officer), body=body)
    return make_commission(section, assignee=contact, requested_by=officer, state=state), officer, contact


def commission_create(request):
    officer, contact, member = _people(request)
    section = make_section(make_pack(member, lead_officer=officer))
    services.commission_create(actor=officer, section=section, assignee=contact, brief="Two paragraphs on funding")
    return officer


def commission_save_draft(request):
    commission, _, contact = _commission(request)
    services.commission_save_draft(actor=contact, commission=commission, body="The hub cost **£2m**.")
    return contact


def commission_submit(request):
    commission, _, contact = _commission(request, CommissionState.IN_DRAFT)
    services.commission_submit(actor=contact, commission=commission)
    return contact


def commission_accept(request):
    commission, officer, _ = _commission(request, CommissionState.SUBMITTED)
    services.commission_accept(actor=officer, commission=commission)
    return officer


def commission_return(request):
    commission, officer, _ = _commission(request, CommissionState.SUBMITTED)
    services.commission_return(actor=officer, commission=commission, comments="Add the opening hours")
    return officer


def commission_cancel(request):
    commission, officer, _ = _commission(request)
    services.commission_cancel(actor=officer, commission=commission, reason="The member will speak without notes")
    return officer


SCENARIOS = {
    "commission_create": commission_create,
    "commission_save_draft": commission_save_draft,
    "commission_submit": commission_submit,
    "commission_accept": commission_accept,
    "commission_return": commission_return,
    "commission_cancel": commission_cancel,
}
