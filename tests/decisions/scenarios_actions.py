"""One scenario per action-tracker service (decisions/services/actions.py), for tests/test_services_audit.py: each
sets up what it needs, calls its service once and returns the actor it passed."""

from datetime import date

from decisions.models import ActionStatus, Rag
from decisions.services import actions as services
from tests.decisions.factories import make_action, make_item, make_meeting


def _officer(request):
    return request.getfixturevalue("exec_officer")


def _directorate(request):
    return request.getfixturevalue("directorate")


def action_create(request):
    item = make_item(make_meeting())
    services.action_create(
        actor=_officer(request),
        description="Circulate the revised savings plan",
        due_on=date(2026, 12, 11),
        owner_directorate=_directorate(request),
        agenda_item=item,
    )
    return _officer(request)


def action_add_update(request):
    action = make_action(due_on=date(2026, 12, 11), owner_directorate=_directorate(request))
    contact = request.getfixturevalue("directorate_contact")
    services.action_add_update(
        actor=contact, action=action, text="Draft shared with finance", status=ActionStatus.IN_PROGRESS, rag=Rag.AMBER
    )
    return contact


def action_edit(request):
    action = make_action(due_on=date(2026, 12, 11), owner_directorate=_directorate(request))
    services.action_edit(
        actor=_officer(request),
        action=action,
        description="Circulate the revised savings plan to CLT",
        due_on=date(2026, 12, 18),
        owner_directorate=_directorate(request),
    )
    return _officer(request)


def action_reopen(request):
    action = make_action(due_on=date(2026, 12, 11), owner_directorate=_directorate(request), status=ActionStatus.DONE)
    services.action_reopen(actor=_officer(request), action=action, reason="The plan changed again")
    return _officer(request)


def actions_bulk_status(request):
    actions = [make_action(due_on=date(2026, 12, 11), owner_directorate=_directorate(request)) for _ in range(2)]
    services.actions_bulk_status(actor=_officer(request), actions=actions, status=ActionStatus.DONE)
    return _officer(request)


SCENARIOS = {
    "action_create": action_create,
    "action_add_update": action_add_update,
    "action_edit": action_edit,
    "action_reopen": action_reopen,
    "actions_bulk_status": actions_bulk_status,
}
