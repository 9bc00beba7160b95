"""The requisition list's filters (django-filter), over `selectors.requisition_list(user)`, so a filter only narrows
what the user may see: search by reference, description or supplier; status, budget line, supplier, category,
requester, "raised by me" or "charged to my lines", submitted dates and value (including VAT); sort by reference,
needed-by date, value or status. A bad value is shown as an error on the panel, never a 500."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from mayoral_office.forms import ModelChoiceField
from mayoral_office.word_search import matching
from procurement.models import BudgetLine, Requisition, Status
from procurement.money import MAX_AMOUNT
from procurement.selectors import requisitions as selectors

SCOPES = [("mine", "Raised by me"), ("my_lines", "Charged to my budget lines")]


class DateInput(forms.DateInput):
    input_type = "date"


class RequisitionFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("submitted_from") and data.get("submitted_to") and data["submitted_from"] > data["submitted_to"]:
            self.add_error("submitted_from", "The 'submitted from' date must be on or before the 'submitted to' date")
        low, high = data.get("value_min"), data.get("value_max")
        if low is not None and high is not None and low > high:
            self.add_error("value_min", "The lowest value must be less than or equal to the highest value")
        return data


class PickFilter(django_filters.ModelChoiceFilter):
    """A pick-list that refuses a tampered id ("not a valid choice")."""

    field_class = ModelChoiceField


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class PersonFilter(PickFilter):
    field_class = PersonChoiceField


def _lines(request):
    user = request.user if request else None
    return (
        BudgetLine.objects.visible_to(user).select_related("cost_centre").order_by("-year", "cost_centre__code", "code")
    )


def _suppliers(request):
    return selectors.suppliers()


def _categories(request):
    return selectors.categories()


def _requesters(request):
    return selectors.requesters()


def _money(label, lookup):
    return django_filters.NumberFilter(
        field_name="gross",
        lookup_expr=lookup,
        label=label,
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
    )


class RequisitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search references, descriptions or suppliers", max_length=200)
    status = django_filters.ChoiceFilter(choices=Status.choices, label="Status", empty_label="Any status")
    scope = django_filters.ChoiceFilter(
        choices=SCOPES, method="by_scope", label="Whose", empty_label="Everything I can see"
    )
    budget_line = PickFilter(queryset=_lines, label="Budget line", empty_label="Any budget line")
    supplier = PickFilter(queryset=_suppliers, label="Supplier", empty_label="Any supplier")
    category = PickFilter(queryset=_categories, label="Category", empty_label="Any category")
    requester = PersonFilter(queryset=_requesters, label="Requester", empty_label="Anyone")
    submitted_from = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label="Submitted from", widget=DateInput
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label="Submitted to", widget=DateInput
    )
    value_min = _money("Lowest value, including VAT (£)", "gte")
    value_max = _money("Highest value, including VAT (£)", "lte")
    ordering = django_filters.OrderingFilter(
        fields=(("reference", "reference"), ("needed_by", "needed"), ("gross", "value"), ("status", "status")),
        field_labels={"reference": "Reference", "needed_by": "Needed by", "gross": "Value", "status": "Status"},
        label="Sort by",
        empty_label="Newest first",
    )

    class Meta:
        form = RequisitionFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, what in (("status", "a status"), ("scope", "whose requisitions to show"), ("ordering", "an order")):
            self.filters[name].extra["error_messages"] = {"invalid_choice": f"Choose {what} from the list"}
        for name, what in (
            ("budget_line", "a budget line"),
            ("supplier", "a supplier"),
            ("category", "a category"),
            ("requester", "a requester"),
        ):
            self.filters[name].extra["error_messages"] = {"invalid_choice": f"Choose {what} from the list"}
        for name in ("submitted_from", "submitted_to"):
            self.filters[name].extra["error_messages"] = {"invalid": "Enter a real date"}
        for name in ("value_min", "value_max"):
            self.filters[name].extra["error_messages"] = {
                "invalid": "Enter the value as an amount in pounds, like 5000 or 5000.50",
                "min_value": "Enter a value of £0 or more",
                "max_value": "Enter a value of £99,999,999.99 or less",
                "max_digits": "Enter a value of £99,999,999.99 or less",
                "max_whole_digits": "Enter a value of £99,999,999.99 or less",
                "max_decimal_places": "Enter the value to the penny (two decimal places at most)",
            }

    def search(self, queryset, name, value):
        return matching(queryset, value, words=Requisition.search_words, also=("reference", "supplier__name"))

    def by_scope(self, queryset, name, value):
        user = self.request.user
        if value == "mine":
            return queryset.filter(requester=user)
        return queryset.filter(Q(budget_line__holder=user) | Q(budget_line__deputy=user))
