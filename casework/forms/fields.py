"""Fields the casework forms share: the GOV.UK date input, postcodes (django-localflavor), UK phone numbers
(django-phonenumber-field), times, uploads."""

from __future__ import annotations

import re
from datetime import time

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField
from phonenumber_field.formfields import PhoneNumberField

from casework.deadlines import years_ago
from casework.uploads import check_upload
from mayoral_office.errors import ServiceError

PHONE_MESSAGE = "Enter a UK phone number, like 020 7946 0000 or +44 20 7946 0000"
POSTCODE_MESSAGE = "Enter a real postcode, like SW1A 1AA"


class UKPhoneNumberField(PhoneNumberField):
    """A phone number however it is typed ('020 7946 0000', '(020) 7946-0000', '+44 (0)20 7946 0000'), parsed by
    `phonenumbers` as a UK number (or an international one with its +code) and checked to be a real one. Cleans to
    a PhoneNumber, which the model stores in E.164 ('+442079460000'). An extension is refused: E.164 has none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {}).setdefault("invalid", PHONE_MESSAGE)
        # A GOV.UK text input (crispy-forms-gds styles TextInput, not the library's type="tel" widget), with the
        # phone keypad on a touch screen.
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(region="GB", **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number and number.extension:
            raise ValidationError("Enter a UK phone number without an extension, like 020 7946 0000", code="invalid")
        return number


class UKPostcodeField(GBPostcodeField):
    """A UK postcode in its standard form, whatever the spacing or capitals ('sw1a1aa' -> 'SW1A 1AA'), checked by
    django-localflavor against the BS7666 pattern."""

    default_error_messages = {"invalid": POSTCODE_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {}).setdefault("max_length", POSTCODE_MESSAGE)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")

    def clean(self, value):
        return super().clean(" ".join((value or "").split()))


def phone_or_none(value: str) -> str:
    """A typed phone number in E.164 if it is a real one, else '' (for matching as the officer types)."""
    try:
        number = UKPhoneNumberField(required=False).clean(value)
    except ValidationError:
        return ""
    return number.as_e164 if number else ""


def postcode_or_none(value: str) -> str:
    """A typed postcode in its standard form if it is a real one, else ''."""
    try:
        return UKPostcodeField(required=False).clean(value)
    except ValidationError:
        return ""


class UKDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages naming the date."""

    def __init__(
        self,
        *,
        what: str,
        past_only: bool = False,
        future_only: bool = False,
        max_years_past: int | None = None,
        **kwargs,
    ):
        self.what = what
        self.past_only = past_only
        self.future_only = future_only
        self.max_years_past = max_years_past
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"{what[0].upper()}{what[1:]} must include a day, month and year"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as exc:
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be a real date") from exc

    def clean(self, value):
        year = value[2] if isinstance(value, (list, tuple)) and len(value) > 2 else None
        year = str(year).strip() if year is not None else ""
        if year.isascii() and year.isdigit() and len(year) != 4:
            raise ValidationError(f"Enter the year as 4 digits, for example {timezone.localdate().year}")
        try:
            result = super().clean(value)
        except (OverflowError, ValueError) as exc:  # a day or month too large for the date parser
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be a real date") from exc
        except ValidationError as exc:
            messages = set(exc.messages)
            if messages & {"Enter a valid date", "Enter a valid month", "Enter a valid year"}:
                raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be a real date") from exc
            raise
        if result and result.year < 1900:
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be a real date")
        today = timezone.localdate()
        if result and self.past_only and result > today:
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be today or in the past")
        if result and self.future_only and result < today:
            raise ValidationError(f"{self.what[0].upper()}{self.what[1:]} must be today or in the future")
        if result and self.max_years_past and result < years_ago(today, self.max_years_past):
            raise ValidationError(
                f"{self.what[0].upper()}{self.what[1:]} must be within the last {self.max_years_past} years"
            )
        return result


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def check_files(files):
    errors = []
    for upload in files:
        try:
            check_upload(upload)
        except ServiceError as exc:
            errors.append(exc.message)
    if errors:
        raise ValidationError(errors)
    return files


def parse_time(value: str) -> time | None:
    value = (value or "").strip().lower().replace(".", ":")
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", value)
    if not match:
        raise ValidationError("Enter the time received like 9:30 or 14:05")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise ValidationError("Enter a real time, like 9:30 or 14:05")
    return time(hour, minute)
