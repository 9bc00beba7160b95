"""The procurement policy, role by state (docs/architecture.md): for a requisition in each state, who may see it
(`visible_to`) and what each of them may do to it now (`available_actions`), and the service agrees: every action
refused here is refused by the service too."""

from datetime import date

import pytest

from mayoral_office.errors import PermissionDenied, ServiceError
from procurement import policy
from procurement.models import Requisition
from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, make_line, make_requisition

pytestmark = pytest.mark.django_db

V = "requisition.view"
DRAFTING = {V, "requisition.edit", "requisition.add_quote", "requisition.submit", "requisition.cancel"}
DECIDING = {V, "requisition.approve", "requisition.return", "requisition.reject"}
CANCEL = {V, "requisition.cancel"}
FINANCE_WAITING = {V, "requisition.override", "requisition.cancel"}
NONE = None  # may not see it

# state: {role: the actions, or NONE when the requisition is not visible to them}
TABLE = {
    "draft": {
        "requester": DRAFTING,
        "holder": {V},
        "deputy": {V},
        "head": CANCEL,
        "finance": CANCEL,
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "at_holder": {
        "requester": CANCEL,
        "holder": DECIDING,
        "deputy": DECIDING,
        "head": CANCEL,
        "finance": FINANCE_WAITING,
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "at_head": {
        "requester": CANCEL,
        "holder": {V},
        "deputy": {V},
        "head": DECIDING | CANCEL,
        "finance": FINANCE_WAITING,
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "returned": {
        "requester": DRAFTING,
        "holder": {V},
        "deputy": {V},
        "head": CANCEL,
        "finance": CANCEL,
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "rejected": {
        "requester": {V},
        "holder": {V},
        "deputy": {V},
        "head": {V},
        "finance": {V},
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "awaiting_notice": {
        "requester": {V, "requisition.raise_po", "requisition.cancel"},
        "holder": {V},
        "deputy": {V},
        "head": {V, "requisition.raise_po", "requisition.cancel"},
        "finance": {V, "requisition.raise_po", "requisition.cancel"},
        "director": {V},
        "other_officer": NONE,
        "intern": NONE,
    },
    "ordered": {
        "requester": {V, "requisition.receive", "requisition.cancel"},
        "holder": {V},
        "deputy": {V},
        "head": {V, "requisition.receive", "requisition.invoice", "requisition.cancel"},
        "finance": {V, "requisition.receive", "requisition.invoice", "requisition.cancel"},
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "received": {
        "requester": CANCEL,
        "holder": {V},
        "deputy": {V},
        "head": {V, "requisition.invoice", "requisition.cancel"},
        "finance": {V, "requisition.invoice", "requisition.cancel"},
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "invoiced": {
        "requester": {V},
        "holder": {V},
        "deputy": {V},
        "head": {V},
        "finance": {V},
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
    "cancelled": {
        "requester": {V},
        "holder": {V},
        "deputy": {V},
        "head": {V},
        "finance": {V},
        "director": NONE,
        "other_officer": NONE,
        "intern": NONE,
    },
}


def _in_state(people, state: str) -> Requisition:
    big = state == "awaiting_notice"
    line = make_line(people, allocation="100000.00", code="4010" if not big else "4011")
    net = "26000.00" if big else "6000.00"
    requisition = make_requisition(
        people, line, lines=[{"description": "Item", "quantity": "1", "unit_price": net, "vat_rate": "standard"}]
    )
    if state == "draft":
        return requisition
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    waiting = {"at_holder": [], "returned": [], "rejected": [], "at_head": [people.holder]}
    steps = waiting.get(state, [people.holder, people.head])
    if big:
        steps.append(people.director)
    for approver in steps:
        services.requisition_approve(actor=approver, requisition=Requisition.objects.get(pk=requisition.pk))
    r = Requisition.objects.get(pk=requisition.pk)
    if state == "returned":
        services.requisition_return(actor=people.holder, requisition=r, comments="More detail")
    elif state == "rejected":
        services.requisition_reject(actor=people.holder, requisition=r, comments="No")
    elif state == "received":
        services.requisition_receive(actor=people.requester, requisition=r, received_on=date(2026, 12, 1))
    elif state == "invoiced":
        services.requisition_invoice(
            actor=people.finance,
            requisition=r,
            supplier_invoice_number="I-1",
            invoice_date=date(2026, 12, 1),
            paid_on=date(2026, 12, 2),
            net="6000.00",
            vat="1200.00",
        )
    elif state == "cancelled":
        services.requisition_cancel(actor=people.requester, requisition=r, reason="Not needed")
    return Requisition.objects.select_related("budget_line").prefetch_related("steps").get(pk=requisition.pk)


@pytest.mark.parametrize("state", list(TABLE))
def test_who_sees_the_requisition_and_what_each_may_do(people, state, officer_b, intern):
    requisition = _in_state(people, state)
    users = {**vars(people), "other_officer": officer_b, "intern": intern}
    for role, expected in TABLE[state].items():
        user = type(users[role]).objects.get(pk=users[role].pk)
        sees = Requisition.objects.visible_to(user).filter(pk=requisition.pk).exists()
        assert sees == (expected is not NONE), (state, role)
        if sees:
            found = policy.available_actions(user, requisition) & set(policy.REQUISITION_RULES)
            assert found == expected, (state, role)


@pytest.mark.parametrize("state", ["draft", "at_holder", "ordered", "invoiced"])
def test_the_service_refuses_what_the_policy_refuses(people, state):
    requisition = _in_state(people, state)
    calls = {
        "requisition.approve": lambda actor, r: services.requisition_approve(actor=actor, requisition=r),
        "requisition.cancel": lambda actor, r: services.requisition_cancel(actor=actor, requisition=r, reason="x"),
        "requisition.submit": lambda actor, r: services.requisition_submit(actor=actor, requisition=r),
        "requisition.receive": lambda actor, r: services.requisition_receive(
            actor=actor, requisition=r, received_on=date(2026, 12, 1)
        ),
    }
    for role in ("requester", "holder", "head"):
        user = getattr(people, role)
        allowed = policy.available_actions(user, requisition)
        for action, call in calls.items():
            if action not in allowed:
                with pytest.raises((PermissionDenied, ServiceError)):
                    call(user, Requisition.objects.get(pk=requisition.pk))
