"""Approvals in order along the route (issue 13): the budget holder, then the Head of Mayor's Office; returned with
comments or rejected; nobody approves their own requisition; a deputy acts for an absent holder and the record
says so; someone who approved at a lower tier is not asked twice; the last approval commits the value and raises
the purchase order (unless a contract notice reference is still needed)."""

from decimal import Decimal

import pytest

from mayoral_office.errors import PermissionDenied, ServiceError
from procurement import policy
from procurement.models import ApprovalStep, Movement, Status
from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, make_line, make_requisition

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(people, line):
    requisition = make_requisition(people, line)  # £6,000 + VAT = £7,200: three quotes, holder then Head
    add_quotes(people, requisition, 3)
    return services.requisition_submit(actor=people.requester, requisition=requisition)


def test_the_route_goes_budget_holder_then_head_and_commits_on_the_last_approval(people, line, submitted):
    assert not policy.allows(people.head, "requisition.approve", submitted)  # not the Head's turn yet
    services.requisition_approve(actor=people.holder, requisition=submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert line.figures()["committed"] == Decimal("0.00")
    services.requisition_approve(actor=people.head, requisition=submitted, comments="Agreed")
    submitted.refresh_from_db()
    assert submitted.status == Status.ORDERED and submitted.po_number == "PO/2026/00001"
    assert line.figures() == {
        "allocated": Decimal("50000.00"),
        "committed": Decimal("6000.00"),
        "spent": Decimal("0.00"),
        "remaining": Decimal("44000.00"),
    }


def test_nobody_approves_their_own_requisition(people, line):
    own = make_line(people, allocation="10000.00", code="4020")
    own.holder = people.requester  # the requester holds the line: the deputy approves
    own.save()
    requisition = make_requisition(
        people, own, lines=[{"description": "Flowers", "quantity": "1", "unit_price": "300", "vat_rate": "standard"}]
    )
    add_quotes(people, requisition, 1, amount="360")
    services.requisition_submit(actor=people.requester, requisition=requisition)
    assert not policy.allows(people.requester, "requisition.approve", requisition)
    with pytest.raises(PermissionDenied):
        services.requisition_approve(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=people.deputy, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == Status.ORDERED


def test_a_deputy_acts_for_the_holder_and_the_step_says_so(people, submitted):
    services.requisition_approve(actor=people.deputy, requisition=submitted)
    step = submitted.steps.get(tier="budget_holder")
    assert (step.acted_by, step.acting_for, step.state) == (people.deputy, people.holder, "approved")


def test_the_head_holding_the_line_is_not_asked_twice(people, head):
    line = make_line(people, code="4030")
    line.holder = head
    line.save()
    requisition = make_requisition(people, line)
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=head, requisition=requisition)
    states = dict(requisition.steps.values_list("tier", "state"))
    assert states == {"budget_holder": "approved", "head": ApprovalStep.State.ALREADY}
    requisition.refresh_from_db()
    assert requisition.status == Status.ORDERED


def test_returned_with_comments_and_resubmitted_starts_the_route_again(people, submitted):
    with pytest.raises(ServiceError, match="Enter what needs to change"):
        services.requisition_return(actor=people.holder, requisition=submitted, comments=" ")
    services.requisition_return(actor=people.holder, requisition=submitted, comments="Add the third quote's PDF")
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    assert policy.allows(people.requester, "requisition.edit", submitted)
    services.requisition_submit(actor=people.requester, requisition=submitted)
    waiting = submitted.steps.filter(state="waiting").values_list("round", "tier")
    assert list(waiting) == [(2, "budget_holder"), (2, "head")]


def test_a_rejected_requisition_is_closed(people, submitted):
    services.requisition_reject(actor=people.holder, requisition=submitted, comments="Not a priority this year")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    assert policy.available_actions(people.requester, submitted) == {"requisition.view"}


def test_a_requisition_over_the_contract_threshold_waits_for_its_notice_reference(people):
    line = make_line(people, allocation="100000.00", code="4040")
    requisition = make_requisition(
        people,
        line,
        lines=[{"description": "Event management", "quantity": "1", "unit_price": "26000", "vat_rate": "standard"}],
    )
    add_quotes(people, requisition, 3, amount="31200")
    services.requisition_submit(actor=people.requester, requisition=requisition)
    for approver in (people.holder, people.head, people.director):
        services.requisition_approve(actor=approver, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == Status.APPROVED and requisition.po_number is None
    with pytest.raises(ServiceError, match="Enter the contract notice reference"):
        services.requisition_raise_po(actor=people.requester, requisition=requisition)
    services.requisition_raise_po(
        actor=people.requester, requisition=requisition, contract_notice_reference="CF-2026-001234"
    )
    requisition.refresh_from_db()
    assert requisition.status == Status.ORDERED and requisition.po_number == "PO/2026/00001"


def test_invoice_within_tolerance_is_spent_and_releases_the_commitment(people, line, submitted):
    services.requisition_approve(actor=people.holder, requisition=submitted)
    services.requisition_approve(actor=people.head, requisition=submitted)
    invoice = services.requisition_invoice(
        actor=people.finance,
        requisition=submitted,
        supplier_invoice_number="INV-881",
        invoice_date=submitted.needed_by.replace(year=2026, month=12, day=1),
        paid_on=submitted.needed_by,
        net="6020.00",
        vat="1204.00",
    )
    assert invoice.transaction_number == "TXN/2026/000001"
    assert line.figures()["committed"] == Decimal("0.00") and line.figures()["spent"] == Decimal("6020.00")


def test_invoice_beyond_tolerance_needs_a_finance_approver_and_a_reason(people, line, submitted):
    from datetime import date

    services.requisition_approve(actor=people.holder, requisition=submitted)
    services.requisition_approve(actor=people.head, requisition=submitted)
    args = {
        "requisition": submitted,
        "supplier_invoice_number": "INV-9",
        "invoice_date": date(2026, 12, 1),
        "paid_on": date(2026, 12, 20),
        "net": "6400.00",
        "vat": "1280.00",
    }
    with pytest.raises(ServiceError, match="more than the tolerance of £50.00: a finance approver must accept it"):
        services.requisition_invoice(actor=people.head, **args)
    with pytest.raises(ServiceError, match="give the reason"):
        services.requisition_invoice(actor=people.finance, **args)
    services.requisition_invoice(actor=people.finance, difference_reason="Extra 40 guests agreed", **args)
    assert line.figures()["spent"] == Decimal("6400.00")


def test_cancelling_an_order_releases_its_commitment(people, line, submitted):
    services.requisition_approve(actor=people.holder, requisition=submitted)
    services.requisition_approve(actor=people.head, requisition=submitted)
    services.requisition_cancel(actor=people.requester, requisition=submitted, reason="Event called off")
    submitted.refresh_from_db()
    assert submitted.status == Status.CANCELLED
    assert line.figures()["committed"] == Decimal("0.00")
    kinds = list(Movement.objects.filter(requisition=submitted).values_list("kind", "amount"))
    assert kinds == [("commitment", Decimal("6000.00")), ("release", Decimal("-6000.00"))]
