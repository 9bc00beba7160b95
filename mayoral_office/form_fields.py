"""GOV.UK form fields every app uses: a date as three boxes (day, month, year) with messages that name the date,
and a time typed as text ("14:30", "2:30pm")."""

from __future__ import annotations

import re
from datetime import time

from crispy_forms_gds.fields import DateInputField
from django import forms

MIN_YEAR, MAX_YEAR = 2000, 2100


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


class GovDateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes), with messages naming the date, and only the years an
    office record can sensibly hold (far-off years would overflow date arithmetic)."""

    def __init__(self, *, label: str, required: bool = True, help_text: str = ""):
        self.what = f"the {label.lower()}"
        super().__init__(
            label=label,
            required=required,
            help_text=help_text or "For example, 3 4 2026",
            require_all_fields=False,  # a blank box is named: "The start date must include a month"
        )
        self.error_messages["required"] = f"Enter {self.what}"
        self.error_messages["incomplete"] = f"{_sentence(self.what)} must include a day, month and year"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"{_sentence(self.what)} must include a {name}"

    def _not_real(self):
        return forms.ValidationError(f"{_sentence(self.what)} must be a real date, for example 3 4 2026")

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except (forms.ValidationError, OverflowError) as exc:  # 31 2 2026; a year too long for a C int
            raise self._not_real() from exc

    def clean(self, value):
        try:
            result = super().clean(value)
        except forms.ValidationError as exc:
            if set(exc.messages) & {"Enter a valid date", "Enter a valid month", "Enter a valid year"}:
                raise self._not_real() from exc
            raise
        if result and not (MIN_YEAR <= result.year <= MAX_YEAR):
            raise forms.ValidationError(f"{_sentence(self.what)} must be in a year from {MIN_YEAR} to {MAX_YEAR}")
        return result


def date_field(label, *, required=True, help_text=""):
    return GovDateField(label=label, required=required, help_text=help_text)


def parse_time(value: str) -> time | None:
    """A clock time as officers type it: "14:30", "14.30", "1430", "9", "2:30pm", "2.30 p.m.", "noon"."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if value in ("noon", "midday", "12 noon"):
        return time(12, 0)
    match = re.fullmatch(r"([0-9]{1,2})(?:[:.]?([0-9]{2}))?\s*(?:([ap])\.?m\.?)?", value)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class GovTimeField(forms.Field):
    """A time typed into a plain GOV.UK text input: no browser time picker with its own (sometimes 12-hour)
    format. A plain TextInput, so crispy-forms-gds styles it and marks it in error."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, label: str, required: bool = False):
        self.what = f"the {label.lower()}"
        super().__init__(
            label=label,
            required=required,
            help_text="For example, 14:30 or 2:30pm",
            error_messages={"required": f"Enter {self.what}"},
        )

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, time) else value

    def to_python(self, value):
        if isinstance(value, time):
            return value
        if not (value or "").strip():
            return None
        parsed = parse_time(value)
        if parsed is None:
            raise forms.ValidationError(
                f"Enter {self.what} as a time on the clock, like 14:30 or 2:30pm", code="invalid"
            )
        return parsed


def time_field(label, *, required=False):
    return GovTimeField(label=label, required=required)


LONG_TEXT = 20_000  # the most a free-text box takes: a minute, a rationale, a reason


def text_field(label, *, what, required=False, limit=LONG_TEXT, help_text="", rows=4, called=""):
    """A text input (a text area when it may hold more than 200 characters) whose messages name it: "Enter
    `what`" and "`called` (or `what`) must be N characters or fewer", so a long paste is refused, not cut."""
    called = called or what
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if limit > 200 else forms.TextInput,
        help_text=help_text,
        error_messages={
            "required": f"Enter {what}",
            "max_length": f"{_sentence(called)} must be {limit:,} characters or fewer",
        },
    )
