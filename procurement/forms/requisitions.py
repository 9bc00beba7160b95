"""A requisition's form (raising one and changing it), with its lines as rows that need no JavaScript ("Add another
line" posts the form back with one more row), the quote form, and the submit and cancel forms. Plain-English messages
that name the line and the box; the services check everything again."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.layout import Button, Field, Fieldset, Fixed, Layout, Size
from django import forms
from django.forms.utils import ErrorDict

from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField
from procurement.money import MAX_AMOUNT, MAX_QUANTITY, VatRate, gbp, to_amount
from procurement.selectors import requisitions as selectors

ROWS = 5  # line rows on a new requisition
MAX_ROWS = 50
LINE_PARTS = ("description", "quantity", "unit_price", "vat_rate")
MAX_QUOTE_BYTES = 20 * 1024 * 1024


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BudgetLineChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.cost_centre.code}/{obj.code} {obj.name} ({obj.year_label})"


def money(raw, *, what: str, lowest: Decimal = Decimal("0"), most: Decimal = MAX_AMOUNT) -> Decimal:
    """A typed amount ("£1,200.50") as pounds, or a ValidationError naming `what`."""
    value = to_amount(raw)
    if value is None:
        raise forms.ValidationError(f"Enter {what} as an amount in pounds, like 12.50")
    if value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(f"Enter {what} to the penny (two decimal places at most)")
    if value < lowest:
        raise forms.ValidationError(f"{what[0].upper()}{what[1:]} must be {gbp(lowest)} or more")
    if value > most:
        raise forms.ValidationError(f"{what[0].upper()}{what[1:]} must be {gbp(most)} or less")
    return value.quantize(Decimal("0.01"))


class MoneyField(forms.CharField):
    """An amount in pounds typed as text ("£1,200.50"), cleaned to a Decimal to the penny: never a float."""

    def __init__(self, *, label: str, what: str, lowest="0", required: bool = True, **kwargs):
        self.what, self.lowest = what, Decimal(lowest)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(
            label=label, required=required, max_length=20, error_messages={"required": f"Enter {what}"}, **kwargs
        )
        self.error_messages["max_length"] = f"Enter {what} as an amount in pounds, like 12.50"

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return money(value, what=self.what, lowest=self.lowest)


class RequisitionForm(GovFormMixin, VersionMixin):
    """`rows`: how many line rows to show (from the posted form, one more after "Add another line")."""

    submit_label = "Save the requisition"

    budget_line = BudgetLineChoiceField(
        queryset=None,
        label="Budget line",
        empty_label="Choose a budget line",
        help_text="Lines of this financial year that you may charge",
        error_messages={
            "required": "Choose the budget line to charge",
            "invalid_choice": "Choose a budget line of this financial year from the list",
        },
    )
    supplier = ModelChoiceField(
        queryset=None,
        label="Supplier",
        empty_label="Choose a supplier",
        error_messages={"required": "Choose the supplier", "invalid_choice": "Choose a supplier from the list"},
    )
    category = ModelChoiceField(
        queryset=None,
        label="Category",
        empty_label="Choose a category",
        error_messages={"required": "Choose the category", "invalid_choice": "Choose a category from the list"},
    )
    description = text_field(
        "What is the requisition for?",
        what="what the requisition is for",
        called="the description",
        required=True,
        limit=200,
    )
    justification = text_field(
        "Why is it needed?", what="why it is needed", called="the justification", required=True, limit=5000, rows=4
    )
    needed_by = date_field(
        "Needed-by date", help_text="The date the goods or services are needed by, for example 15 1 2027"
    )
    contract_reference = text_field(
        "Contract reference (optional)",
        what="the contract reference",
        limit=50,
        help_text="If the purchase is made under an existing contract or framework",
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, rows: int = ROWS, creating: bool = True, **kwargs):
        data = args[0] if args else kwargs.get("data")
        self.adding = bool(data and "add_line" in data)
        if data:
            posted = _int(data.get("rows"), rows)
            rows = posted + 1 if self.adding else posted
        self.row_count = max(1, min(rows, MAX_ROWS))
        if not creating:
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
        self.fields["budget_line"].queryset = selectors.chargeable_lines(user)
        self.fields["supplier"].queryset = selectors.suppliers()
        self.fields["category"].queryset = selectors.categories()
        self.initial["rows"] = self.row_count
        for n in range(self.row_count):
            self._add_row(n)
        self.helper.layout = Layout(*self.layout_fields(), *self._buttons())
        if self.adding:
            self._errors = ErrorDict(renderer=self.renderer)  # kept as typed, not checked: the officer has not finished

    def _add_row(self, n: int) -> None:
        where = f"line {n + 1}"
        self.fields[f"line_{n}_description"] = forms.CharField(
            label="Description",
            required=False,
            max_length=200,
            error_messages={"max_length": f"What is being bought on {where} must be 200 characters or fewer"},
        )
        self.fields[f"line_{n}_quantity"] = forms.CharField(
            label="Quantity", required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
        self.fields[f"line_{n}_unit_price"] = forms.CharField(
            label="Unit price before VAT (£)",
            required=False,
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
        self.fields[f"line_{n}_vat_rate"] = forms.ChoiceField(
            label="VAT rate",
            required=False,
            choices=[("", "Choose a rate"), *VatRate.choices],
            error_messages={"invalid_choice": f"Choose the VAT rate of {where} from the list"},
        )

    def layout_fields(self):
        fields = [
            Field("version"),
            Field("rows"),
            Field.select("budget_line"),
            Field.select("supplier"),
            Field.select("category"),
            Field.text("description"),
            Field.textarea("justification", rows=4),
            Field("needed_by"),
            Field.text("contract_reference", field_width=Fixed.TWENTY),
        ]
        fields = [f for f in fields if f.fields[0] in self.fields]
        for n in range(getattr(self, "row_count", 0)):
            fields.append(
                Fieldset(
                    Field.text(f"line_{n}_description"),
                    Field.text(f"line_{n}_quantity", field_width=Fixed.FIVE),
                    Field.text(f"line_{n}_unit_price", field_width=Fixed.TEN),
                    Field.select(f"line_{n}_vat_rate"),
                    legend=f"Line {n + 1}",
                    legend_size=Size.SMALL,
                )
            )
        return fields

    def _buttons(self):
        return [
            Button("add_line", "Add another line", css_class="govuk-button--secondary"),
            Button("submit", self.submit_label),
        ]

    def clean(self):
        data = super().clean()
        lines = []
        for n in range(self.row_count):
            line = self._clean_line(n)
            if line:
                lines.append(line)
        if not lines and not self.errors.get("line_0_description"):
            self.add_error("line_0_description", "Add at least one line: what you are buying, how many, and the price")
        gross = sum((line["net"] + line["vat"] for line in lines), Decimal("0"))
        if gross > MAX_AMOUNT:
            self.add_error(None, f"The requisition's total must be {gbp(MAX_AMOUNT)} or less")
        data["lines"] = [{k: line[k] for k in LINE_PARTS} for line in lines]
        return data

    def _clean_line(self, n: int) -> dict | None:
        from procurement.money import line_figures

        raw = {part: (self.cleaned_data.get(f"line_{n}_{part}") or "").strip() for part in LINE_PARTS}
        if not any(raw.values()) and not any(self.errors.get(f"line_{n}_{p}") for p in LINE_PARTS):
            return None
        where = f"line {n + 1}"
        checked = {"description": raw["description"], "vat_rate": raw["vat_rate"]}
        if not raw["description"]:
            self._line_error(n, "description", f"Enter what is being bought on {where}")
        checked["quantity"] = self._number(n, "quantity", f"the quantity on {where}", MAX_QUANTITY, positive=True)
        checked["unit_price"] = self._number(n, "unit_price", f"the unit price on {where}", MAX_AMOUNT)
        if not raw["vat_rate"] and not self.errors.get(f"line_{n}_vat_rate"):
            self._line_error(n, "vat_rate", f"Choose the VAT rate of {where}")
        if any(self.errors.get(f"line_{n}_{p}") for p in LINE_PARTS):
            return None
        figures = line_figures(checked["quantity"], checked["unit_price"], checked["vat_rate"])
        return {**checked, "net": figures.net, "vat": figures.vat}

    def _line_error(self, n: int, part: str, message: str) -> None:
        if not self.errors.get(f"line_{n}_{part}"):
            self.add_error(f"line_{n}_{part}", message)

    def _number(self, n: int, part: str, what: str, most: Decimal, *, positive: bool = False):
        raw = (self.cleaned_data.get(f"line_{n}_{part}") or "").strip()
        if not raw:
            self._line_error(n, part, f"Enter {what}")
            return None
        value = to_amount(raw)
        sentence = what[0].upper() + what[1:]
        if value is None:
            message = f"Enter {what} as a number, like 12.50"
        elif value != value.quantize(Decimal("0.01")):
            message = f"Enter {what} to two decimal places at most"
        elif positive and value <= 0:
            message = f"{sentence} must be more than 0"
        elif value < 0:
            message = f"{sentence} cannot be negative"
        elif value > most:
            message = f"{sentence} must be {gbp(most) if part == 'unit_price' else f'{most:,}'} or less"
        else:
            return value.quantize(Decimal("0.01"))
        self._line_error(n, part, message)
        return None

    def service_data(self) -> dict:
        data = self.cleaned_data
        names = ("budget_line", "supplier", "category", "description", "justification", "needed_by")
        return {
            **{name: data[name] for name in names},
            "contract_reference": data.get("contract_reference") or "",
            "lines": data["lines"],
        }

    @classmethod
    def initial_for(cls, requisition) -> dict:
        initial = {
            "version": requisition.version,
            "budget_line": requisition.budget_line_id,
            "supplier": requisition.supplier_id,
            "category": requisition.category_id,
            "description": requisition.description,
            "justification": requisition.justification,
            "needed_by": requisition.needed_by,
            "contract_reference": requisition.contract_reference,
        }
        for n, line in enumerate(requisition.lines.all()):
            initial.update(
                {
                    f"line_{n}_description": line.description,
                    f"line_{n}_quantity": f"{line.quantity.normalize():f}",
                    f"line_{n}_unit_price": f"{line.unit_price:.2f}",
                    f"line_{n}_vat_rate": line.vat_rate,
                }
            )
        return initial


def _int(raw, default: int) -> int:
    try:
        return int(str(raw))
    except (TypeError, ValueError):
        return default


class QuoteForm(GovFormMixin, forms.Form):
    submit_label = "Add the quote"

    supplier_name = text_field(
        "Who gave the quote?", what="who gave the quote", called="the name", required=True, limit=200
    )
    amount = MoneyField(label="Amount including VAT (£)", what="the quote's amount", lowest="0.01")
    file = forms.FileField(
        label="The quote (PDF, optional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text="A PDF of up to 20 MB",
        error_messages={"empty": "The file is empty: choose the PDF again"},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_QUOTE_BYTES:
            raise forms.ValidationError("The quote must be 20 MB or smaller")
        upload.seek(0)
        start = upload.read(1024)
        upload.seek(0)
        if not start.lstrip(b"\r\n\t ").startswith(b"%PDF-"):
            raise forms.ValidationError("The quote must be a PDF")
        return upload

    def layout_fields(self):
        return [Field.text("supplier_name"), Field.text("amount", field_width=Fixed.TEN), Field("file")]


class SubmitForm(GovFormMixin, VersionMixin):
    """`split`: the splitting warning applies, so the requester gives the reason these are separate purchases."""

    submit_label = "Submit for approval"

    split_reason = text_field(
        "Why are these separate purchases?",
        what="the reason these are separate purchases",
        called="the reason",
        required=True,
        limit=5000,
        help_text="The approvers see the related requisitions and your reason",
    )

    def __init__(self, *args, split: bool = False, **kwargs):
        self.split = split
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        if not self.split:
            del self.fields["split_reason"]
            return [Field("version")]
        return [Field("version"), Field.textarea("split_reason", rows=4)]


class CancelForm(GovFormMixin, VersionMixin):
    submit_label = "Cancel the requisition"

    reason = text_field(
        "Why is it cancelled?", what="why it is cancelled", called="the reason", required=True, limit=5000, rows=3
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("reason", rows=3)]
