"""Supplier forms: the list's search and adding a supplier (the service checks the numbers and duplicates)."""

from __future__ import annotations

import django_filters
from crispy_forms_gds.layout import Field, Fixed
from django import forms
from django.db.models import Q

from mayoral_office.forms import GovFormMixin


class SupplierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search by name or number", max_length=200)
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("company_number", "number")),
        field_labels={"name": "Name", "company_number": "Company number"},
        label="Sort by",
        empty_label="Name",
    )

    class Meta:
        fields = []

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:10]:
            condition &= (
                Q(name__icontains=word)
                | Q(company_number__iexact=word)
                | Q(charity_number__iexact=word)
                | Q(vat_number__icontains=word)
            )
        return queryset.filter(condition)


class SupplierForm(GovFormMixin, forms.Form):
    submit_label = "Add the supplier"

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="As on their invoices, for example Eastbridge Catering Ltd",
        error_messages={
            "required": "Enter the supplier's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    is_sole_trader = forms.BooleanField(
        label="A sole trader (a person trading alone, not a company)",
        required=False,
        help_text="Their name is left out of the spend the council publishes",
    )
    company_number = forms.CharField(
        label="Company registration number (optional)",
        required=False,
        max_length=20,
        help_text="From Companies House: 8 digits, like 01234567, or 2 letters and 6 digits, like SC123456",
        error_messages={"max_length": "Enter the company number as 8 characters, like 01234567"},
    )
    charity_number = forms.CharField(
        label="Charity number (optional)",
        required=False,
        max_length=20,
        error_messages={"max_length": "Enter the charity number as the register shows it, like 1012345"},
    )
    vat_number = forms.CharField(
        label="VAT registration number (optional)",
        required=False,
        max_length=20,
        help_text="For example, GB123456789",
        error_messages={"max_length": "Enter the VAT number as 9 digits, like GB123456789"},
    )
    email = forms.CharField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"max_length": "The email address must be 254 characters or fewer"},
    )

    def layout_fields(self):
        return [
            Field.text("name"),
            Field.checkbox("is_sole_trader", small=True),
            Field.text("company_number", field_width=Fixed.TEN),
            Field.text("charity_number", field_width=Fixed.TEN),
            Field.text("vat_number", field_width=Fixed.TWENTY),
            Field.text("email", spellcheck=False),
        ]
