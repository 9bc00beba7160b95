"""The spend the Local Government Transparency Code 2015 asks the council to publish (issue 13, acceptance 6): a
quarter's CSV lists exactly the invoices paid in it whose net amount is over £500 (£500.00 left out, £500.01 in;
one paid on 30 September left out of Q3, one on 31 December in), with the Code's columns; a sole trader's name and
registration number redacted. Only the Head of Mayor's Office and finance approvers download it."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from procurement.exports import REDACTED, TRANSPARENCY_COLUMNS
from procurement.models import Invoice, Requisition, Status, Supplier
from tests.procurement.factories import NEEDED_BY, category

pytestmark = pytest.mark.django_db


def _invoice(people, line, n, *, net, paid_on, supplier, vat="0.00", vat_recoverable=True, description=None):
    requisition = Requisition.objects.create(
        reference=f"REQ/2026/{n:05d}",
        requester=people.requester,
        budget_line=line,
        supplier=supplier,
        category=category("Venue hire"),
        description=description or f"Purchase {n}",
        justification="Needed",
        needed_by=NEEDED_BY,
        status=Status.INVOICED,
        net=Decimal(net),
        vat=Decimal(vat),
        gross=Decimal(net) + Decimal(vat),
    )
    return Invoice.objects.create(
        requisition=requisition,
        supplier_invoice_number=f"INV-{n}",
        transaction_number=f"TXN/2026/{n:06d}",
        invoice_date=paid_on,
        paid_on=paid_on,
        net=Decimal(net),
        vat=Decimal(vat),
        vat_recoverable=vat_recoverable,
        recorded_by=people.finance,
    )


def _download(client, year=2026, quarter=3):
    response = client.get(reverse("procurement:transparency"), {"year": year, "quarter": quarter})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_a_quarter_lists_exactly_the_invoices_over_500_in_it_with_the_codes_columns(client, people, line):
    company = Supplier.objects.create(name="Eastbridge Halls Ltd", company_number="01234567")
    charity = Supplier.objects.create(name="Riverside Trust", charity_number="1012345")
    person = Supplier.objects.create(name="Jane Smith", is_sole_trader=True)
    _invoice(people, line, 1, net="500.00", paid_on=date(2026, 11, 3), supplier=company)  # not over £500
    _invoice(people, line, 2, net="500.01", paid_on=date(2026, 11, 4), supplier=company, description="Hall hire")
    _invoice(people, line, 3, net="9000.00", paid_on=date(2026, 9, 30), supplier=company)  # Q2
    _invoice(people, line, 4, net="750.00", paid_on=date(2026, 12, 31), supplier=charity, vat="150.00",
             vat_recoverable=False)  # fmt: skip
    _invoice(people, line, 5, net="620.00", paid_on=date(2026, 10, 1), supplier=person)
    _invoice(people, line, 6, net="1200.00", paid_on=date(2027, 1, 1), supplier=company)  # Q4
    client.force_login(people.finance)
    rows = _download(client)
    assert rows[0] == TRANSPARENCY_COLUMNS == [
        "Body name", "Date", "Expense area", "Expense type", "Supplier name", "Transaction number", "Amount",
        "VAT not recoverable", "Supplier registration number", "Purpose of expenditure",
    ]  # fmt: skip
    assert rows[1:] == [
        ["London Borough of Eastbridge", "2026-10-01", "Mayor's Office", "Premises: hire of rooms", REDACTED,
         "TXN/2026/000005", "620.00", "0.00", REDACTED, "Purchase 5"],
        ["London Borough of Eastbridge", "2026-11-04", "Mayor's Office", "Premises: hire of rooms",
         "Eastbridge Halls Ltd", "TXN/2026/000002", "500.01", "0.00", "01234567", "Hall hire"],
        ["London Borough of Eastbridge", "2026-12-31", "Mayor's Office", "Premises: hire of rooms",
         "Riverside Trust", "TXN/2026/000004", "750.00", "150.00", "1012345", "Purchase 4"],
    ]  # fmt: skip
    assert [row[5] for row in _download(client, quarter=2)[1:]] == ["TXN/2026/000003"]
    assert [row[5] for row in _download(client, quarter=4)[1:]] == ["TXN/2026/000006"]
    assert "Jane Smith" not in str(_download(client, quarter=3))


def test_a_formula_in_a_description_is_made_safe(client, people, line):
    company = Supplier.objects.create(name="=HYPERLINK(1)", company_number="01234567")
    _invoice(people, line, 1, net="800.00", paid_on=date(2026, 11, 3), supplier=company, description="@SUM(A1)")
    client.force_login(people.head)
    row = _download(client)[1]
    assert row[4] == "'=HYPERLINK(1)" and row[9] == "'@SUM(A1)"


def test_the_form_shows_and_refuses_bad_choices_with_clear_messages(client, people, line):
    client.force_login(people.head)
    url = reverse("procurement:transparency")
    response = client.get(url)
    assert response.status_code == 200 and "Quarter 3: October to December" in response.content.decode()
    response = client.get(url, {"year": "1800", "quarter": "5"})
    page = response.content.decode()
    assert "Choose a financial year from the list" in page and "Choose a quarter from the list" in page
    response = client.get(url, {"year": "", "quarter": ""})
    page = response.content.decode()
    assert "Choose the financial year" in page and "Choose the quarter" in page


def test_only_the_head_and_finance_approvers_download_it(client, people, line, intern):
    for user in (people.holder, people.requester, people.director, intern):
        client.force_login(user)
        assert client.get(reverse("procurement:transparency"), {"year": 2026, "quarter": 3}).status_code == 403
