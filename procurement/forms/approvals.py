"""The approver's forms (approve with optional comments; return and reject with comments) and what follows approval:
the finance approver's override, the purchase order's contract notice reference, goods received and the invoice."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.utils import timezone

from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin
from procurement.forms.requisitions import MoneyField, VersionMixin


class ApproveForm(GovFormMixin, VersionMixin):
    submit_label = "Approve"

    comments = text_field("Comments (optional)", what="your comments", called="your comments", limit=5000, rows=3)

    def layout_fields(self):
        return [Field("version"), Field.textarea("comments", rows=3)]


class ReturnForm(GovFormMixin, VersionMixin):
    submit_label = "Return to the requester"

    comments = text_field(
        "What needs to change?",
        what="what needs to change",
        called="your comments",
        required=True,
        limit=5000,
        rows=4,
        help_text="The requester sees your comments, changes the requisition and submits it again",
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("comments", rows=4)]


class RejectForm(GovFormMixin, VersionMixin):
    submit_label = "Reject the requisition"

    comments = text_field(
        "Why is it rejected?", what="why it is rejected", called="your comments", required=True, limit=5000, rows=4
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("comments", rows=4)]


class OverrideForm(GovFormMixin, VersionMixin):
    submit_label = "Record the override"

    reason = text_field(
        "Why may this requisition take the line past its allocation?",
        what="the reason for the override",
        called="the reason",
        required=True,
        limit=5000,
        rows=4,
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("reason", rows=4)]


class RaisePOForm(GovFormMixin, VersionMixin):
    submit_label = "Raise the purchase order"

    contract_notice_reference = text_field(
        "Contract notice reference",
        what="the contract notice reference",
        required=True,
        limit=50,
        help_text="The notice's reference on Contracts Finder or Find a Tender",
    )

    def layout_fields(self):
        return [Field("version"), Field.text("contract_notice_reference", field_width=Fixed.TWENTY)]


class ReceiveForm(GovFormMixin, forms.Form):
    submit_label = "Record goods received"

    received_on = date_field("Date received", help_text="For example, 1 12 2026")
    note = text_field("Note (optional)", what="the note", limit=200, help_text="For example, what was missing")

    def layout_fields(self):
        return [Field("received_on"), Field.text("note")]


class InvoiceForm(GovFormMixin, forms.Form):
    submit_label = "Record the invoice"

    supplier_invoice_number = text_field(
        "Supplier's invoice number", what="the supplier's invoice number", required=True, limit=50
    )
    invoice_date = date_field("Invoice date")
    paid_on = date_field("Date paid", help_text="The date it is paid or due to be paid, for example 14 12 2026")
    net = MoneyField(label="Net amount (£)", what="the invoice's net amount", lowest="0.01")
    vat = MoneyField(label="VAT (£)", what="the invoice's VAT")
    vat_recoverable = forms.TypedChoiceField(
        label="Can the council recover the VAT?",
        choices=[("yes", "Yes"), ("no", "No: the VAT is spent from the budget line")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Choose whether the VAT is recoverable", "invalid_choice": "Choose yes or no"},
    )
    difference_reason = text_field(
        "Why is a difference from the order accepted? (optional)",
        what="the reason",
        limit=5000,
        rows=3,
        help_text="Needed when the invoice differs from the order by more than the tolerance",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("paid_on", timezone.localdate())

    def layout_fields(self):
        return [
            Field.text("supplier_invoice_number", field_width=Fixed.TWENTY),
            Field("invoice_date"),
            Field("paid_on"),
            Field.text("net", field_width=Fixed.TEN),
            Field.text("vat", field_width=Fixed.TEN),
            Field.radios("vat_recoverable", legend_size=Size.SMALL),
            Field.textarea("difference_reason", rows=3),
        ]
