"""The approval pages (issue 13): the approvals waiting for each approver, approving tier by tier through the pages
(the budget holder, then the Head of Mayor's Office), returning and rejecting with comments, a deputy acting for
the holder, the finance approver's override, the purchase order's contract notice reference, goods received and
the invoice; and who may open each page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procurement.models import Status
from procurement.services import requisitions as services
from tests.procurement.factories import add_quotes, make_line, make_requisition

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(people, line):
    requisition = make_requisition(people, line)  # £6,000 + VAT: three quotes, holder then Head
    add_quotes(people, requisition, 3)
    return services.requisition_submit(actor=people.requester, requisition=requisition)


def _waiting(client, user):
    client.force_login(user)
    response = client.get(reverse("procurement:approval_list"))
    assert response.status_code == 200
    return [r.pk for r in response.context["page"]]


def test_each_approver_sees_what_waits_at_their_step(client, people, submitted):
    assert _waiting(client, people.holder) == [submitted.pk]
    assert _waiting(client, people.deputy) == [submitted.pk]
    assert _waiting(client, people.head) == []  # not the Head's turn yet
    assert _waiting(client, people.director) == []
    services.requisition_approve(actor=people.holder, requisition=submitted)
    assert _waiting(client, people.holder) == []
    assert _waiting(client, people.head) == [submitted.pk]


def test_the_approvals_are_oldest_first(client, clock, people, line, submitted):
    clock.shift(days=1)
    later = make_requisition(people, line, description="Later")
    add_quotes(people, later, 3)
    services.requisition_submit(actor=people.requester, requisition=later)
    assert _waiting(client, people.holder) == [submitted.pk, later.pk]


def test_the_head_acts_at_the_holders_step_when_the_requester_holds_the_line_and_has_no_deputy(client, people, head):
    own = make_line(people, code="4020")
    own.holder, own.deputy = people.requester, None
    own.save()
    requisition = make_requisition(people, own)
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    assert _waiting(client, head) == [requisition.pk]
    assert _waiting(client, people.holder) == []


def test_requesters_have_no_approvals_page_and_members_no_procurement(client, people, intern, member_a_user):
    for user, status in ((people.requester, 403), (intern, 403), (member_a_user, 403)):
        client.force_login(user)
        assert client.get(reverse("procurement:approval_list")).status_code == status


def test_the_budget_holder_then_the_head_approve_through_the_pages_and_the_po_is_raised(
    client, people, line, submitted
):
    client.force_login(people.head)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'data-action="requisition.approve"' not in page
    assert client.get(reverse("procurement:requisition_approve", args=[submitted.pk])).status_code == 403
    client.force_login(people.holder)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'data-action="requisition.approve"' in page and 'data-action="requisition.return"' in page
    url = reverse("procurement:requisition_approve", args=[submitted.pk])
    assert client.post(url, {"version": submitted.version, "comments": "Fine"}).status_code == 302
    submitted.refresh_from_db()
    client.force_login(people.head)
    assert client.post(url, {"version": submitted.version}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.ORDERED and submitted.po_number == "PO/2026/00001"
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "PO/2026/00001" in page and "Fine" in page
    assert line.figures()["committed"] == Decimal("6000.00")


def test_a_deputy_approves_and_the_history_says_for_whom(client, people, submitted):
    client.force_login(people.deputy)
    client.post(reverse("procurement:requisition_approve", args=[submitted.pk]), {"version": submitted.version})
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Grace Okafor (acting for Patrick Mensah)" in page


def test_a_stale_approval_is_refused_on_the_form(client, people, submitted):
    client.force_login(people.holder)
    url = reverse("procurement:requisition_approve", args=[submitted.pk])
    response = client.post(url, {"version": submitted.version + 5})
    assert response.status_code == 200 and "Someone else changed this record" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "message", "status"),
    [
        ("requisition_return", "Enter what needs to change", Status.RETURNED),
        ("requisition_reject", "Enter why it is rejected", Status.REJECTED),
    ],
)
def test_return_and_reject_need_comments(client, people, submitted, name, message, status):
    client.force_login(people.holder)
    url = reverse(f"procurement:{name}", args=[submitted.pk])
    assert message in client.post(url, {"version": submitted.version}).content.decode()
    assert client.post(url, {"version": submitted.version, "comments": "Get another quote"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == status
    client.force_login(people.requester)
    assert "Get another quote" in client.get(submitted.get_absolute_url()).content.decode()


def test_an_overspend_is_warned_refused_and_let_through_by_a_finance_override(client, people):
    small = make_line(people, allocation="5000.00", code="4050", name="Small line")
    requisition = make_requisition(people, small)
    add_quotes(people, requisition, 3)
    services.requisition_submit(actor=people.requester, requisition=requisition)
    services.requisition_approve(actor=people.holder, requisition=requisition)
    requisition.refresh_from_db()
    client.force_login(people.head)
    url = reverse("procurement:requisition_approve", args=[requisition.pk])
    page = client.get(url).content.decode()
    assert 'id="overspend"' in page
    response = client.post(url, {"version": requisition.version})
    assert response.status_code == 200 and "past its allocation" in response.content.decode()
    client.force_login(people.finance)
    page = client.get(requisition.get_absolute_url()).content.decode()
    assert 'data-action="requisition.override"' in page and 'data-action="requisition.approve"' not in page
    override = reverse("procurement:requisition_override", args=[requisition.pk])
    assert (
        "Enter the reason for the override" in client.post(override, {"version": requisition.version}).content.decode()
    )
    client.post(override, {"version": requisition.version, "reason": "Year-end underspend agreed"})
    requisition.refresh_from_db()
    client.force_login(people.head)
    assert client.post(url, {"version": requisition.version}).status_code == 302
    requisition.refresh_from_db()
    assert requisition.status == Status.ORDERED


def test_a_requisition_over_the_contract_threshold_waits_for_its_notice_reference(client, people, line):
    requisition = make_requisition(
        people, line, lines=[{"description": "Festival", "quantity": "1", "unit_price": "30000", "vat_rate": "zero"}]
    )
    add_quotes(people, requisition, 3, amount="30000")
    services.requisition_submit(actor=people.requester, requisition=requisition)
    for approver in (people.holder, people.head, people.director):
        services.requisition_approve(actor=approver, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == Status.APPROVED
    client.force_login(people.requester)
    page = client.get(requisition.get_absolute_url()).content.decode()
    assert 'data-action="requisition.raise_po"' in page
    url = reverse("procurement:requisition_raise_po", args=[requisition.pk])
    assert "Enter the contract notice reference" in client.post(url, {"version": requisition.version}).content.decode()
    response = client.post(url, {"version": requisition.version, "contract_notice_reference": "CF-2026-0042"})
    assert response.status_code == 302
    requisition.refresh_from_db()
    assert requisition.po_number and requisition.contract_notice_reference == "CF-2026-0042"


@pytest.fixture
def ordered(people, submitted):
    services.requisition_approve(actor=people.holder, requisition=submitted)
    services.requisition_approve(actor=people.head, requisition=submitted)
    submitted.refresh_from_db()
    return submitted


def test_goods_received_and_the_invoice_make_it_spent(client, people, line, ordered):
    client.force_login(people.requester)
    receive = reverse("procurement:requisition_receive", args=[ordered.pk])
    bad = client.post(receive, {"received_on_0": "3", "received_on_1": "12", "received_on_2": "2027"})
    assert "today or earlier" in bad.content.decode()
    good = client.post(receive, {"received_on_0": "1", "received_on_1": "12", "received_on_2": "2026"})
    assert good.status_code == 302
    assert client.get(reverse("procurement:requisition_invoice", args=[ordered.pk])).status_code == 403
    client.force_login(people.finance)
    invoice = reverse("procurement:requisition_invoice", args=[ordered.pk])
    page = client.get(invoice).content.decode()
    assert 'value="6000.00"' in page and 'value="1200.00"' in page
    data = {
        "supplier_invoice_number": "INV-881",
        "invoice_date_0": "1",
        "invoice_date_1": "12",
        "invoice_date_2": "2026",
        "paid_on_0": "2",
        "paid_on_1": "12",
        "paid_on_2": "2026",
        "net": "6000.00",
        "vat": "1200.00",
        "vat_recoverable": "yes",
    }
    assert client.post(invoice, data).status_code == 302
    assert line.figures()["spent"] == Decimal("6000.00") and line.figures()["committed"] == Decimal("0.00")
    page = client.get(ordered.get_absolute_url()).content.decode()
    assert "INV-881" in page and "Goods received" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"net": "-5"}, "The invoice&#x27;s net amount must be £0.01 or more"),
        ({"net": "1e20"}, "The invoice&#x27;s net amount must be £99,999,999.99 or less"),
        ({"net": "6500.00"}, "more than the tolerance"),
        ({"supplier_invoice_number": ""}, "Enter the supplier&#x27;s invoice number"),
        ({"invoice_date_0": "31", "invoice_date_1": "2"}, "must be a real date"),
        ({"vat_recoverable": "maybe"}, "Choose yes or no"),
    ],
)
def test_a_bad_invoice_is_refused_on_the_form(client, people, ordered, head, change, message):
    client.force_login(head)  # the Head records invoices but may not accept one outside the tolerance
    data = {
        "supplier_invoice_number": "INV-1",
        "invoice_date_0": "1",
        "invoice_date_1": "12",
        "invoice_date_2": "2026",
        "paid_on_0": "2",
        "paid_on_1": "12",
        "paid_on_2": "2026",
        "net": "6000.00",
        "vat": "1200.00",
        "vat_recoverable": "yes",
        **change,
    }
    response = client.post(reverse("procurement:requisition_invoice", args=[ordered.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ordered.invoices.exists()
