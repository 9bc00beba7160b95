"""Procurement's downloads: the budget report as CSV or Excel, and the spend the Local Government Transparency
Code 2015 asks councils to publish. Pure: the view decides which rows (always through `visible_to(user)` or the
policy) and these write them, formula-safe, streamed as every download is (`mayoral_office.spreadsheets`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from mayoral_office.spreadsheets import safe_cell

CHUNK_SIZE = 2000
REDACTED = "Redacted: personal data"

# The Code's columns for spend over £500 (paragraph 23 and its annex): in this order, with these names.
TRANSPARENCY_COLUMNS = [
    "Body name",
    "Date",
    "Expense area",
    "Expense type",
    "Supplier name",
    "Transaction number",
    "Amount",
    "VAT not recoverable",
    "Supplier registration number",
    "Purpose of expenditure",
]


def transparency_rows(invoices) -> Iterable[list]:
    """The header, then a row per invoice: its net amount (the VAT the council recovers is not spend), the VAT it
    cannot recover, and the supplier's registration number (Companies House, or the charity's). A sole trader is
    a person: their name and number are personal data, left out as the Code allows."""
    body = getattr(settings, "COUNCIL_NAME", "")
    yield TRANSPARENCY_COLUMNS
    for invoice in invoices.iterator(chunk_size=CHUNK_SIZE):
        requisition = invoice.requisition
        supplier = requisition.supplier
        person = supplier.is_sole_trader
        row = [
            body,
            invoice.paid_on.isoformat(),
            requisition.budget_line.cost_centre.name,
            requisition.category.expense_type,
            REDACTED if person else supplier.name,
            invoice.transaction_number,
            f"{invoice.net:.2f}",
            f"{(invoice.vat if not invoice.vat_recoverable else 0):.2f}",
            REDACTED if person else (supplier.company_number or supplier.charity_number),
            requisition.description,
        ]
        yield [safe_cell(cell) for cell in row]
