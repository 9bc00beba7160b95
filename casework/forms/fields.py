"""Fields the casework forms share: the GOV.UK date input, postcodes, UK phone numbers, times, uploads."""

from __future__ import annotations

import re
from datetime import time

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.deadlines import years_ago
from casework.uploads import check_upload
from mayoral_office.errors import ServiceError

POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]+$")
PHONE_MESSAGE = "Enter a UK phone number, like 020 7946 0000 or 07700 900 123"


def normalise_postcode(value: str) -> str:
    """A postcode in its standard form, whatever the spacing or capitals: 'e16an' -> 'E1 6AN'. Raises
    ValidationError if it is not a real postcode."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    if not compact:
        return ""
    standard = f"{compact[:-3]} {compact[-3:]}"
    if not POSTCODE_RE.match(standard):
        raise ValidationError("Enter a real postcode, like E14 2BG")
    return standard


def clean_uk_phone(value: str) -> str:
    """A UK phone number, checked loosely: digits, spaces, '+', brackets and hyphens, with 10 to 13 digits."""
    value = re.sub(r"\s+", " ", (value or "").strip())
    if not value:
        return ""
    digits = sum(ch.isdigit() for ch in value)
    if not (value.isascii() and PHONE_RE.match(value)) or not 10 <= digits <= 13:
        raise ValidationError(PHONE_MESSAGE)
    return value


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
