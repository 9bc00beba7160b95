"""Budget forms: the budget list's and transfer list's filters (django-filter), giving money to a line, asking to
move money between lines and deciding a transfer, and the reports' choices of year (and quarter, for the
Transparency Code's spend). Plain-English messages; a tampered id is "not a valid choice"."""

from __future__ import annotations

import django_filters
from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.db.models import Q
from django.http import QueryDict

from mayoral_office.form_fields import text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField
from procurement.models import BudgetTransfer
from procurement.money import MAX_AMOUNT, gbp, to_amount, year_label
from procurement.selectors import budgets as selectors
from procurement.selectors.reports import QUARTERS


class PickFilter(django_filters.ModelChoiceFilter):
    """A pick-list that refuses a tampered id ("not a valid choice")."""

    field_class = ModelChoiceField


def _year_choices(request):
    return [(str(y), year_label(y)) for y in selectors.years(request.user)]


def _cost_centres(request):
    return selectors.cost_centres()


def _holders(request):
    return selectors.holders(request.user)


class YearDefaultFilterSet(django_filters.FilterSet):
    """A FilterSet whose `year` is this financial year unless the address names one (`?year=` for every year)."""

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if "year" not in data:
            data["year"] = str(selectors.this_year())
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(kwargs.get("request"))
        self.filters["year"].extra["error_messages"] = {"invalid_choice": "Choose a financial year from the list"}


class BudgetFilter(YearDefaultFilterSet):
    q = django_filters.CharFilter(method="search", label="Search lines", max_length=200)
    year = django_filters.ChoiceFilter(label="Financial year", empty_label="Every year", choices=[])
    cost_centre = PickFilter(queryset=_cost_centres, label="Cost centre", empty_label="Any cost centre")
    holder = PickFilter(queryset=_holders, label="Budget holder", empty_label="Anyone")
    ordering = django_filters.OrderingFilter(
        fields=(("cost_centre__code", "centre"), ("name", "name"), ("allocated", "allocated"), ("left", "remaining")),
        field_labels={
            "cost_centre__code": "Cost centre",
            "name": "Line name",
            "allocated": "Allocation",
            "left": "Remaining",
        },
        label="Sort by",
        empty_label="Year, cost centre and code",
    )

    class Meta:
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cost_centre"].extra["error_messages"] = {"invalid_choice": "Choose a cost centre from the list"}
        self.filters["holder"].extra["error_messages"] = {"invalid_choice": "Choose a budget holder from the list"}

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:10]:
            condition &= (
                Q(name__icontains=word)
                | Q(code__icontains=word)
                | Q(cost_centre__code__icontains=word)
                | Q(cost_centre__name__icontains=word)
                | Q(holder__full_name__icontains=word)
            )
        return queryset.filter(condition)


TRANSFER_STATES = [(BudgetTransfer.State.REQUESTED, "Waiting for approval"), ("decided", "Decided")]


class TransferFilter(YearDefaultFilterSet):
    year = django_filters.ChoiceFilter(
        label="Financial year", empty_label="Every year", choices=[], field_name="from_line__year"
    )
    state = django_filters.ChoiceFilter(choices=TRANSFER_STATES, method="by_state", label="State", empty_label="Any")

    class Meta:
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["state"].extra["error_messages"] = {"invalid_choice": "Choose a state from the list"}

    def by_state(self, queryset, name, value):
        if value == BudgetTransfer.State.REQUESTED:
            return queryset.filter(state=BudgetTransfer.State.REQUESTED)
        return queryset.exclude(state=BudgetTransfer.State.REQUESTED)


class AmountField(forms.CharField):
    """Pounds as officers type them ("£1,200.50", "1200.5"), to the penny, from £0.01 to the most a line holds."""

    def __init__(self, *, label: str, what: str, help_text: str = ""):
        self.what = what
        super().__init__(
            label=label,
            max_length=20,
            help_text=help_text,
            error_messages={"required": f"Enter {what}", "max_length": f"Enter {what} as a number, like 1200.50"},
        )

    def clean(self, value):
        value = super().clean(value)
        amount = to_amount(value)
        if amount is None:
            raise forms.ValidationError(f"Enter {self.what} as a number, like 1200.50")
        if amount != amount.quantize(amount.__class__("0.01")):
            raise forms.ValidationError(f"Enter {self.what} to the penny (two decimal places at most)")
        if not 0 < amount <= MAX_AMOUNT:
            raise forms.ValidationError(f"Enter {self.what} between £0.01 and {gbp(MAX_AMOUNT)}")
        return amount


class AllocateForm(GovFormMixin, forms.Form):
    submit_label = "Allocate"

    amount = AmountField(label="Amount to allocate", what="the amount to allocate", help_text="In pounds, like 5000")
    note = text_field("Note (optional)", what="a note", limit=250, help_text="For example, 'Budget set by Council'")

    def layout_fields(self):
        return [Field.text("amount", field_width=Fixed.TEN), Field.text("note")]


class LineChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TransferRequestForm(GovFormMixin, forms.Form):
    submit_label = "Ask for the transfer"

    from_line = LineChoiceField(
        label="From which line?",
        queryset=None,
        empty_label="Choose a line",
        error_messages={
            "required": "Choose the line the money comes from",
            "invalid_choice": "Choose a line from the list",
        },
    )
    to_line = LineChoiceField(
        label="To which line?",
        queryset=None,
        empty_label="Choose a line",
        help_text="A line of the same financial year",
        error_messages={
            "required": "Choose the line the money goes to",
            "invalid_choice": "Choose a line from the list",
        },
    )
    amount = AmountField(label="Amount", what="the amount to move", help_text="In pounds, like 1500")
    reason = text_field("Why is the money needed?", what="why the money is needed", required=True, limit=5000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_line"].queryset = selectors.lines_to_give(user)
        self.fields["to_line"].queryset = selectors.open_lines()

    def layout_fields(self):
        return [
            Field.select("from_line"),
            Field.select("to_line"),
            Field.text("amount", field_width=Fixed.TEN),
            Field.textarea("reason", rows=4),
        ]


class TransferDecideForm(GovFormMixin, forms.Form):
    submit_label = "Record the decision"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve: move the money"), ("reject", "Reject: nothing moves")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or reject the transfer"},
    )

    def layout_fields(self):
        return [Field("version"), Field.radios("decision", legend_size=Size.SMALL)]


class YearForm(forms.Form):
    """A report's financial year (this year when none is chosen)."""

    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        choices=[],
        error_messages={"invalid_choice": "Choose a financial year from the list"},
    )

    def __init__(self, data, *, user):
        data = data.copy()
        data.setdefault("year", str(selectors.this_year()))
        super().__init__(data)
        self.fields["year"].choices = [(y, year_label(y)) for y in selectors.years(user)]

    @property
    def chosen(self) -> int:
        return self.cleaned_data["year"] if self.is_valid() else selectors.this_year()


class TransparencyForm(GovFormMixin, forms.Form):
    submit_label = "Download the CSV"

    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose the financial year",
            "invalid_choice": "Choose a financial year from the list",
        },
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        choices=[(q, f"Quarter {q}: {months}") for q, months in QUARTERS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the quarter", "invalid_choice": "Choose a quarter from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Choose a year")] + [(y, year_label(y)) for y in selectors.years(user)]

    def layout_fields(self):
        return [Field.select("year"), Field.radios("quarter", legend_size=Size.SMALL)]
