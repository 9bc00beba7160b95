"""One scenario per public procurement service, for tests/test_services_audit.py: each sets up what it needs, calls
the service once and returns the actor it passed."""

from datetime import date
from decimal import Decimal

from procurement.services import budgets, requisitions
from tests.procurement.factories import (
    NEEDED_BY,
    add_quotes,
    category,
    make_line,
    make_people,
    make_requisition,
    make_supplier,
)


def _setup(request):
    people = make_people(head=request.getfixturevalue("head"), requester=request.getfixturevalue("officer_a"))
    return people, make_line(people)


def _submitted(request, *, net="6000.00"):
    people, line = _setup(request)
    requisition = make_requisition(
        people, line, lines=[{"description": "Reception", "quantity": "1", "unit_price": net, "vat_rate": "standard"}]
    )
    add_quotes(people, requisition, 3)
    return people, requisitions.requisition_submit(actor=people.requester, requisition=requisition)


def _ordered(request):
    people, requisition = _submitted(request)
    requisitions.requisition_approve(actor=people.holder, requisition=requisition)
    requisitions.requisition_approve(actor=people.head, requisition=requisition)
    requisition.refresh_from_db()
    return people, requisition


def create(request):
    people, line = _setup(request)
    requisitions.requisition_create(
        actor=people.requester,
        budget_line=line,
        supplier=make_supplier(),
        category=category(),
        description="Reception",
        justification="Volunteers' evening",
        needed_by=NEEDED_BY,
        lines=[{"description": "Canapés", "quantity": "200", "unit_price": "4.50", "vat_rate": "standard"}],
    )
    return people.requester


def update(request):
    people, line = _setup(request)
    requisition = make_requisition(people, line)
    requisitions.requisition_update(
        actor=people.requester,
        requisition=requisition,
        budget_line=line,
        supplier=requisition.supplier,
        category=requisition.category,
        description="Reception (changed)",
        justification="Volunteers",
        needed_by=NEEDED_BY,
        lines=[{"description": "Hall", "quantity": "1", "unit_price": "500", "vat_rate": "exempt"}],
    )
    return people.requester


def quote(request):
    people, line = _setup(request)
    requisitions.quote_add(
        actor=people.requester, requisition=make_requisition(people, line), supplier_name="Supplier A", amount="7200.00"
    )
    return people.requester


def submit(request):
    return _submitted(request)[0].requester


def approve(request):
    people, requisition = _submitted(request)
    requisitions.requisition_approve(actor=people.holder, requisition=requisition)
    return people.holder


def return_(request):
    people, requisition = _submitted(request)
    requisitions.requisition_return(actor=people.holder, requisition=requisition, comments="Add a quote")
    return people.holder


def reject(request):
    people, requisition = _submitted(request)
    requisitions.requisition_reject(actor=people.holder, requisition=requisition, comments="Not this year")
    return people.holder


def override(request):
    people, requisition = _submitted(request)
    requisitions.requisition_override(actor=people.finance, requisition=requisition, reason="Agreed at monitoring")
    return people.finance


def raise_po(request):
    people, line = _setup(request)
    requisition = make_requisition(
        people,
        line,
        lines=[{"description": "Event management", "quantity": "1", "unit_price": "26000", "vat_rate": "standard"}],
    )
    add_quotes(people, requisition, 3, amount="31200")
    requisitions.requisition_submit(actor=people.requester, requisition=requisition)
    for approver in (people.holder, people.head, people.director):
        requisitions.requisition_approve(actor=approver, requisition=requisition)
    requisition.refresh_from_db()
    requisitions.requisition_raise_po(
        actor=people.requester, requisition=requisition, contract_notice_reference="CF-2026-1"
    )
    return people.requester


def receive(request):
    people, requisition = _ordered(request)
    requisitions.requisition_receive(actor=people.requester, requisition=requisition, received_on=date(2026, 12, 1))
    return people.requester


def invoice(request):
    people, requisition = _ordered(request)
    requisitions.requisition_invoice(
        actor=people.finance,
        requisition=requisition,
        supplier_invoice_number="INV-1",
        invoice_date=date(2026, 12, 1),
        paid_on=date(2026, 12, 10),
        net="6000.00",
        vat="1200.00",
    )
    return people.finance


def cancel(request):
    people, requisition = _ordered(request)
    requisitions.requisition_cancel(actor=people.requester, requisition=requisition, reason="Called off")
    return people.requester


def allocate(request):
    people, line = _setup(request)
    budgets.budget_allocate(actor=people.head, line=line, amount=Decimal("1000.00"), note="In-year top-up")
    return people.head


def transfer(request):
    people, line = _setup(request)
    other = make_line(people, allocation=None, code="4090", name="Printing")
    budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="500", reason="Programmes")
    return people.holder


def decide(request):
    people, line = _setup(request)
    other = make_line(people, allocation=None, code="4090", name="Printing")
    asked = budgets.transfer_request(actor=people.holder, from_line=line, to_line=other, amount="500", reason="Why")
    budgets.transfer_decide(actor=people.head, transfer=asked, approve=True)
    return people.head


SCENARIOS = {
    "requisition_create": create,
    "requisition_update": update,
    "quote_add": quote,
    "requisition_submit": submit,
    "requisition_approve": approve,
    "requisition_return": return_,
    "requisition_reject": reject,
    "requisition_override": override,
    "requisition_raise_po": raise_po,
    "requisition_receive": receive,
    "requisition_invoice": invoice,
    "requisition_cancel": cancel,
    "budget_allocate": allocate,
    "transfer_request": transfer,
    "transfer_decide": decide,
}
