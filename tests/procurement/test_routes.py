"""The rules by value (issue 13, acceptance 2 and 4): the band edges route to the right quotes and approvers, a
change of thresholds with a future date leaves today's requisitions alone, and three £2,000 requisitions to one
supplier within a month trigger the splitting check on the third."""

from datetime import date
from decimal import Decimal

import pytest

from procurement import selectors
from procurement.models import Band, RuleSet, Status
from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, make_requisition, make_supplier

pytestmark = pytest.mark.django_db


def gross_line(gross: str):
    """One exempt line (no VAT), so the requisition's value including VAT is exactly `gross`."""
    return [{"description": "Item", "quantity": "1", "unit_price": gross, "vat_rate": "exempt"}]


@pytest.mark.parametrize(
    ("value", "quotes", "kind", "chain"),
    [
        ("4999.99", 1, "one", ["budget_holder"]),
        ("5000.00", 3, "written", ["budget_holder", "head"]),
        ("24999.99", 3, "written", ["budget_holder", "head"]),
        ("25000.00", 3, "formal", ["budget_holder", "head", "director"]),
        ("99999.99", 3, "formal", ["budget_holder", "head", "director"]),
        ("100000.00", 0, "tender", ["budget_holder", "head", "director", "procurement"]),
    ],
)
def test_band_edges_route_correctly(people, line, value, quotes, kind, chain):
    requisition = make_requisition(people, line, lines=gross_line(value))
    route = selectors.route_for(requisition)
    assert (route.band.quotes, route.band.quote_kind, route.band.approvers) == (quotes, kind, chain)


def test_vat_counts_towards_the_band(people, line):
    requisition = make_requisition(
        people, line, lines=[{"description": "Hall", "quantity": "1", "unit_price": "4500.00", "vat_rate": "standard"}]
    )
    assert requisition.gross == Decimal("5400.00")
    assert selectors.route_for(requisition).band.approvers == ["budget_holder", "head"]


def _future_rules(effective_from: date):
    rules = RuleSet.objects.create(effective_from=effective_from, contract_threshold=Decimal("40000"))
    Band.objects.create(
        rules=rules, lower=0, upper=Decimal("10000"), quotes=1, quote_kind="one", approvers=["budget_holder"]
    )
    Band.objects.create(
        rules=rules,
        lower=Decimal("10000"),
        upper=None,
        quotes=3,
        quote_kind="written",
        approvers=["budget_holder", "head"],
    )
    return rules


def test_rules_with_a_future_date_do_not_touch_todays_requisitions(people, line, clock):
    _future_rules(date(2027, 1, 4))
    requisition = make_requisition(people, line, lines=gross_line("6000.00"))
    assert selectors.route_for(requisition).band.approvers == ["budget_holder", "head"]  # today's rules
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.rules.effective_from == date(2020, 4, 1)
    assert list(requisition.steps.values_list("tier", flat=True)) == ["budget_holder", "head"]

    clock.move_to("2027-01-04 09:00")  # the new rules are in force: a new requisition of the same value
    later = make_requisition(people, line, lines=gross_line("6000.00"), needed_by=date(2027, 2, 1))
    assert selectors.route_for(later).band.approvers == ["budget_holder"]
    requisition.refresh_from_db()
    assert list(requisition.steps.values_list("tier", flat=True)) == ["budget_holder", "head"]  # unchanged


def test_a_requisition_without_the_quotes_its_band_needs_is_refused_saying_what_it_lacks(people, line):
    requisition = make_requisition(people, line)  # £7,200: three written quotes
    add_quotes(people, requisition, 1)
    with pytest.raises(services.ServiceError, match="needs 3 quotes .written quotes.: 1 attached"):
        services.requisition_submit(actor=people.requester, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == Status.DRAFT and not requisition.steps.exists()


def test_three_2000_requisitions_to_one_supplier_in_a_month_trigger_the_splitting_check_on_the_third(
    people, line, clock
):
    supplier = make_supplier("Brick Lane Print Ltd", "07654321")
    made = []
    for day in (2, 9, 16):
        clock.move_to(f"2026-12-{day:02d} 10:00")
        requisition = make_requisition(
            people,
            line,
            supplier=supplier,
            lines=gross_line("2000.00"),
            category_name=["Printing and design", "Venue hire", "Travel"][len(made)],
        )
        add_quotes(people, requisition, 1, amount="2000.00")
        route = selectors.route_for(requisition)
        if len(made) < 2:
            assert route.split is None
            services.requisition_submit(actor=people.requester, requisition=requisition)
        made.append(requisition)
    third = made[-1]
    route = selectors.route_for(third)
    assert route.split is not None and route.split.by == "supplier"
    assert route.split.total == Decimal("6000.00") and [r.pk for r in route.split.related] == [m.pk for m in made[:2]]
    with pytest.raises(services.ServiceError, match="Give the reason these are separate purchases"):
        services.requisition_submit(actor=people.requester, requisition=third)
    services.requisition_submit(
        actor=people.requester,
        requisition=third,
        split_reason="Three different events: the posters, the programme and the banners",
    )
    third.refresh_from_db()
    assert third.status == Status.SUBMITTED and third.split_reason.startswith("Three different events")


def test_requisitions_older_than_12_months_are_not_added_up(people, line, clock):
    supplier = make_supplier("Old Supplier Ltd", "01111111")
    clock.move_to("2025-11-20 10:00")
    old_line = line
    old_line.year = 2025
    old_line.save()
    old = make_requisition(
        people, old_line, supplier=supplier, lines=gross_line("4000.00"), needed_by=date(2025, 12, 1)
    )
    add_quotes(people, old, 1, amount="4000.00")
    services.requisition_submit(actor=people.requester, requisition=old)
    clock.move_to("2026-12-02 10:00")
    old_line.year = 2026
    old_line.save()
    new = make_requisition(people, line, supplier=supplier, lines=gross_line("2000.00"), category_name="Travel")
    assert selectors.route_for(new).split is None
