"""What a review of procurement found, each pinned by a test: amounts like 1e26 get a message (never a 500); an
override covers one submission only; the splitting warning lists only the requisitions the reader may open; a
Head's deputy is recorded as acting for the Head; nobody moves money out of a line they do not hold; a finance
approver does not override their own requisition; a route with nobody to approve at a step is refused at submit;
an invoice's cost to the council (with VAT it cannot recover) is what the tolerance and the Transparency Code
compare."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.roles import Role
from procurement import policy
from procurement.models import ProcurementSettings, Requisition, Status
from procurement.selectors.reports import spend_over_threshold
from procurement.services import budgets
from procurement.services import requisitions as services
from tests.mayoral_office.factories import UserFactory
from tests.procurement.factories import CATEGORIES, add_quotes, make_line, make_requisition, make_supplier

pytestmark = pytest.mark.django_db


def priced(net: str):
    return [{"description": "Catering", "quantity": "1", "unit_price": net, "vat_rate": "standard"}]


def submitted(people, line, net: str, *, n=0, requester=None, supplier=None):
    requisition = make_requisition(people, line, lines=priced(net), category_name=CATEGORIES[n], supplier=supplier)
    if requester is not None:
        Requisition.objects.filter(pk=requisition.pk).update(requester=requester)
        requisition.refresh_from_db()
    for k in range(3):
        services.quote_add(
            actor=requisition.requester,
            requisition=requisition,
            supplier_name=f"Supplier {k}",
            amount=str(Decimal(net) * Decimal("1.2")),
        )
    return services.requisition_submit(actor=requisition.requester, requisition=requisition)


@pytest.mark.parametrize("amount", ["1e26", "-1e26", "1E+30"])
def test_an_amount_past_any_limit_gets_a_message_not_a_500(client, people, line, amount):
    with pytest.raises(ServiceError, match="must be £99,999,999.99 or less|must be more than 0|cannot be negative"):
        make_requisition(people, line, lines=priced(amount))
    client.force_login(people.head)
    response = client.post(reverse("procurement:budget_allocate", args=[line.pk]), {"amount": amount})
    assert response.status_code == 200 and "between £0.01 and £99,999,999.99" in response.content.decode()


def test_an_override_covers_one_submission_only(people):
    line = make_line(people, allocation="3000.00", code="4700")
    requisition = submitted(people, line, "3500.00")
    services.requisition_override(actor=people.finance, requisition=requisition, reason="Agreed")
    services.requisition_return(actor=people.holder, requisition=requisition, comments="Add the cloakroom")
    requisition.refresh_from_db()
    assert requisition.override_at is None and requisition.override_by is None
    services.requisition_update(
        actor=people.requester,
        requisition=requisition,
        budget_line=line,
        supplier=requisition.supplier,
        category=requisition.category,
        description="Bigger",
        justification="More guests",
        needed_by=date(2027, 1, 15),
        lines=priced("4150.00"),
    )
    services.requisition_submit(actor=people.requester, requisition=requisition)
    with pytest.raises(ServiceError, match="past its allocation"):
        services.requisition_approve(actor=people.holder, requisition=Requisition.objects.get(pk=requisition.pk))
    assert policy.allows(people.finance, "requisition.override", Requisition.objects.get(pk=requisition.pk))


def test_the_splitting_warning_lists_only_what_the_reader_may_open(client, people, line, officer_b):
    supplier = make_supplier("Brick Lane Print Ltd", "07654321")
    others = [submitted(people, line, "1700.00", n=k, requester=officer_b, supplier=supplier) for k in (1, 2)]
    mine = make_requisition(people, line, lines=priced("1700.00"), category_name=CATEGORIES[3], supplier=supplier)
    client.force_login(people.requester)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Possible splitting" in page and "2 other requisitions that you cannot open" in page
    assert all(other.reference not in page and other.get_absolute_url() not in page for other in others)
    client.force_login(people.head)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert all(other.get_absolute_url() in page for other in others)


def test_a_heads_deputy_is_recorded_as_acting_for_the_head(people, line, head):
    deputy = UserFactory(role=Role.EXECUTIVE_SUPPORT, full_name="Rupa Sen")
    ProcurementSettings.current().head_deputies.set([deputy])
    requisition = submitted(people, line, "6000.00")
    services.requisition_approve(actor=people.holder, requisition=requisition)
    services.requisition_approve(actor=deputy, requisition=Requisition.objects.get(pk=requisition.pk))
    step = requisition.steps.get(tier="head")
    assert (step.acted_by, step.acting_for) == (deputy, head)


def test_nobody_moves_money_out_of_a_line_they_do_not_hold(people, line):
    other = make_line(people, allocation="1000.00", code="4800", name="Printing")
    stranger = UserFactory(role=Role.BUDGET_HOLDER, full_name="Someone Else")
    with pytest.raises(ServiceError, match="only out of a line you hold"):
        budgets.transfer_request(actor=stranger, from_line=line, to_line=other, amount="100", reason="Mine now")


def test_a_finance_approver_does_not_override_their_own_requisition(people, line):
    ProcurementSettings.current().finance_approvers.add(people.requester)
    requisition = submitted(people, line, "3000.00")
    with pytest.raises(PermissionDenied):
        services.requisition_override(actor=people.requester, requisition=requisition, reason="Mine")


def test_a_route_with_nobody_to_approve_a_step_is_refused_at_submit(people):
    ProcurementSettings.current().directors.clear()
    line = make_line(people, allocation="100000.00", code="4900")
    requisition = make_requisition(people, line, lines=priced("26000"))
    add_quotes(people, requisition, 3, amount="31200")
    with pytest.raises(ServiceError, match="Nobody is named to approve at the Director step"):
        services.requisition_submit(actor=people.requester, requisition=requisition)
    assert Requisition.objects.get(pk=requisition.pk).status == Status.DRAFT


def test_the_invoice_tolerance_and_the_code_count_vat_the_council_cannot_recover(people, line):
    requisition = submitted(people, line, "480.00")
    services.requisition_approve(actor=people.holder, requisition=requisition)
    requisition.refresh_from_db()
    args = {
        "requisition": requisition,
        "supplier_invoice_number": "INV-1",
        "invoice_date": date(2026, 12, 1),
        "paid_on": date(2026, 12, 2),
        "net": "480.00",
        "vat": "96.00",
        "vat_recoverable": False,
    }
    with pytest.raises(ServiceError, match="differs from the order by £96.00"):
        services.requisition_invoice(actor=people.head, **args)
    invoice = services.requisition_invoice(actor=people.finance, difference_reason="VAT not recoverable", **args)
    assert line.figures()["spent"] == Decimal("576.00")
    assert list(spend_over_threshold(2026, 3)) == [invoice]  # £480 net, £576 to the council: over £500


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "at least one"),
        ([{"lower": Decimal(10), "upper": None, "approvers": ["budget_holder"]}], "start at £0.00"),
        (
            [
                {"lower": Decimal(0), "upper": Decimal(5000), "approvers": ["budget_holder"]},
                {"lower": Decimal(6000), "upper": None, "approvers": ["budget_holder", "head"]},
            ],
            "no gaps",
        ),
        ([{"lower": Decimal(0), "upper": Decimal(5000), "approvers": ["budget_holder"]}], "no upper value"),
        ([{"lower": Decimal(0), "upper": None, "approvers": ["head"]}], 'starts with "budget_holder"'),
        ([{"lower": Decimal(0), "upper": None, "approvers": ["budget_holder", "mayor"]}], "each once, in that order"),
        ([{"lower": Decimal(0), "upper": None, "approvers": ["budget_holder", "director", "head"]}], "in that order"),
    ],
)
def test_the_admin_refuses_bands_that_do_not_cover_every_value_once(bands, message):
    from procurement.admin import bands_problem

    assert message in bands_problem(bands)


def test_the_seed_bands_pass_the_admins_check():
    from procurement.admin import bands_problem
    from procurement.models import RuleSet

    rules = RuleSet.objects.in_force()
    assert (
        bands_problem([{"lower": b.lower, "upper": b.upper, "approvers": b.approvers} for b in rules.bands.all()]) == ""
    )
