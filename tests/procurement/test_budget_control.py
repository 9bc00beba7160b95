"""Budget control (issue 13, acceptance 3 and 5): a requisition that would take its line past the allocation is
stopped unless a finance approver records an override; two approvals at the same moment that would each fit but
together exceed the line cannot both succeed (a row lock on the line, PostgreSQL, real threads); purchase order
numbers stay unique and gapless under 8 approvals at once; bad input gets a clear message and saves nothing."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from mayoral_office.errors import ServiceError
from procurement.models import Movement, Requisition, Status
from procurement.services import requisitions as services
from tests.procurement.factories import CATEGORIES, add_quotes, make_line, make_people, make_requisition, make_supplier

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)


def small(net: str):
    return [{"description": "Catering", "quantity": "1", "unit_price": net, "vat_rate": "standard"}]


def waiting_for_holder(people, line, net: str, supplier=None, n: int = 0):
    """A requisition under £5,000 (one quote, the budget holder alone) submitted and waiting for them (each of
    a test's requisitions in its own category and to its own supplier: no splitting check)."""
    requisition = make_requisition(people, line, lines=small(net), supplier=supplier, category_name=CATEGORIES[n])
    add_quotes(people, requisition, 1, amount=str(Decimal(net) * Decimal("1.2")))
    return services.requisition_submit(actor=people.requester, requisition=requisition)


@pytest.mark.django_db
def test_an_approval_past_the_allocation_is_stopped_until_finance_overrides(people):
    line = make_line(people, allocation="3000.00")
    requisition = waiting_for_holder(people, line, "3500.00")
    with pytest.raises(ServiceError, match=r"past its allocation: £3,000.00 is left and this needs £3,500.00"):
        services.requisition_approve(actor=people.holder, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == Status.SUBMITTED and requisition.steps.get().state == "waiting"  # nothing saved
    with pytest.raises(services.PermissionDenied):
        services.requisition_override(actor=people.holder, requisition=requisition, reason="Needed")
    services.requisition_override(
        actor=people.finance,
        requisition=requisition,
        reason="Virement from the events line agreed at budget monitoring",
    )
    services.requisition_approve(actor=people.holder, requisition=requisition)
    assert line.figures()["remaining"] == Decimal("-500.00")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_can_never_together_overspend(seeded_after_flush, head, officer_a):
    people = make_people(head=head, requester=officer_a)
    line = make_line(people, allocation="5000.00")
    first = waiting_for_holder(people, line, "3000.00", supplier=make_supplier("A Ltd", "00000001"), n=0)
    second = waiting_for_holder(people, line, "3000.00", supplier=make_supplier("B Ltd", "00000002"), n=1)
    barrier = threading.Barrier(2)
    outcomes, unexpected = [], []

    def approve(requisition):
        try:
            barrier.wait(timeout=10)
            services.requisition_approve(actor=people.holder, requisition=Requisition.objects.get(pk=requisition.pk))
            outcomes.append("approved")
        except ServiceError as exc:
            outcomes.append(exc.message)
        except Exception as exc:  # reported below
            unexpected.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r,)) for r in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert unexpected == []
    assert sorted(outcomes, key=len)[0] == "approved"
    assert "past its allocation: £2,000.00 is left and this needs £3,000.00" in sorted(outcomes, key=len)[1]
    assert line.figures()["committed"] == Decimal("3000.00")
    assert Movement.objects.filter(kind="commitment").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_purchase_order_numbers_stay_unique_and_gapless_under_8_approvals_at_once(seeded_after_flush, head, officer_a):
    people = make_people(head=head, requester=officer_a)
    line = make_line(people, allocation="100000.00")
    waiting = [
        waiting_for_holder(people, line, "1000.00", supplier=make_supplier(f"S{n} Ltd", f"1000000{n}"), n=n)
        for n in range(8)
    ]
    barrier = threading.Barrier(8)
    errors = []

    def approve(requisition):
        try:
            barrier.wait(timeout=10)
            services.requisition_approve(actor=people.holder, requisition=Requisition.objects.get(pk=requisition.pk))
        except Exception as exc:  # reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r,)) for r in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(Requisition.objects.values_list("po_number", flat=True))
    assert numbers == [f"PO/2026/{n:05d}" for n in range(1, 9)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"lines": [{"description": "Chairs", "quantity": "-2", "unit_price": "10", "vat_rate": "standard"}]},
            "The quantity on line 1 must be more than 0",
        ),
        (
            {"lines": [{"description": "Chairs", "quantity": "1", "unit_price": "1e20", "vat_rate": "standard"}]},
            "The unit price on line 1 must be £99,999,999.99 or less",
        ),
        (
            {"lines": [{"description": "Chairs", "quantity": "1", "unit_price": "10", "vat_rate": "17.5"}]},
            "Choose the VAT rate of line 1 from the list",
        ),
        (
            {"lines": [{"description": "Chairs", "quantity": "1", "unit_price": "10.001", "vat_rate": "standard"}]},
            "to the penny",
        ),
        (
            {"lines": [{"description": "Chairs", "quantity": "1", "unit_price": "NaN", "vat_rate": "standard"}]},
            "as a number",
        ),
        ({"lines": []}, "Add at least one line"),
        ({"needed_by": date(2026, 12, 1)}, "The needed-by date must be today or in the future"),
        ({"last_year": True}, r"Choose a budget line of this financial year \(2026/27\)"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(people, line, change, message):
    if change.pop("last_year", False):
        change["line"] = make_line(people, code="4999", year=2025)
    target = change.pop("line", line)
    with pytest.raises(ServiceError, match=message):
        make_requisition(people, target, **change)
    assert not Requisition.objects.exists()
