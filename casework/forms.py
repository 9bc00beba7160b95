"""Casework forms: GOV.UK components through crispy-forms-gds, with plain-English messages."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models import (
    Case,
    CaseEvent,
    CaseType,
    Channel,
    Correspondent,
    Extension,
    Priority,
    Sensitivity,
)
from casework.selectors import allocatable_officers, members_for
from casework.services import RECEIVED_MAX_YEARS, years_ago
from mayoral_office.access import may_see_sensitive
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import Directorate, Portfolio, Ward

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


def _check_files(files):
    from casework.services import CaseworkError, check_upload

    errors = []
    for upload in files:
        try:
            check_upload(upload)
        except CaseworkError as exc:
            errors.append(str(exc))
    if errors:
        raise ValidationError(errors)
    return files


def _parse_time(value: str) -> time | None:
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


CORRESPONDENT_FORM_FIELDS = ["kind", "name", "organisation", "address", "postcode", "ward", "email", "phone"]


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseIntakeForm(GovFormMixin, forms.Form):
    submit_label = "Log the case"

    case_type = ModelChoiceField(
        queryset=CaseType.objects.none(),
        label="Type of case",
        empty_label="Choose a type",
        error_messages={
            "required": "Choose the type of case",
            "invalid_choice": "Choose a type from the list",
        },
    )
    channel = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Channel.choices,
        label="How did it arrive?",
        error_messages={"required": "Choose how the correspondence arrived"},
    )
    received_date = UKDateField(
        what="the date received",
        past_only=True,
        max_years_past=RECEIVED_MAX_YEARS,
        label="Date received",
        help_text="For example, 27 3 2026",
    )
    received_time = forms.CharField(
        label="Time received (optional)", required=False, help_text="For example, 9:30 or 14:05", max_length=8
    )
    member = ModelChoiceField(
        queryset=None,
        label="Addressed to",
        empty_label="Choose a member",
        error_messages={
            "required": "Choose the member it is addressed to",
            "invalid_choice": "Choose a member",
        },
    )
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        initial=Correspondent.Kind.RESIDENT,
        choices=Correspondent.Kind.choices,
        label="Type of correspondent",
        error_messages={"required": "Choose the type of correspondent"},
    )
    name = forms.CharField(
        label="Correspondent's name",
        max_length=150,
        error_messages={"required": "Enter the correspondent's name"},
    )
    organisation = forms.CharField(label="Organisation (optional)", max_length=150, required=False)
    address = forms.CharField(
        label="Address (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Without postcode",
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        max_length=10,
        required=False,
        error_messages={"max_length": "Enter a real postcode, like E14 2BG"},
    )
    ward = ModelChoiceField(
        queryset=Ward.objects.all(),
        label="Ward (optional)",
        required=False,
        empty_label="Not known",
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        help_text="For example, 020 7946 0000 or 07700 900 123",
        error_messages={"max_length": PHONE_MESSAGE},
    )
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences an officer or directorate can act on.",
    )
    body = forms.CharField(
        label="Full text (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Paste the email or type the letter.",
    )
    portfolio = ModelChoiceField(
        queryset=Portfolio.objects.all(),
        label="Portfolio (optional)",
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a portfolio from the list"},
    )
    sensitivity = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        label="Sensitivity",
        error_messages={"invalid_choice": "Choose a sensitivity from the list"},
    )
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.NORMAL, label="Priority", widget=forms.RadioSelect
    )
    officer = ModelChoiceField(
        queryset=None,
        label="Allocate to (optional)",
        required=False,
        empty_label="Leave unallocated",
        error_messages={"invalid_choice": "Choose an officer from the list"},
    )
    attachments = MultipleFileField(
        label="Attachments (optional)",
        required=False,
        help_text="PDF, images, Word documents or email files, up to 20 MB each.",
    )

    correspondent = ModelChoiceField(
        queryset=Correspondent.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose the correspondent again from their page"},
    )

    def __init__(self, *args, user, correspondent: Correspondent | None = None, **kwargs):
        # Logging new correspondence from a known correspondent: their details are kept, not asked again.
        self.known_correspondent = correspondent
        if correspondent is not None:
            kwargs.setdefault("initial", {})["correspondent"] = correspondent.pk
        super().__init__(*args, **kwargs)
        self.user = user
        if correspondent is not None:
            for name in CORRESPONDENT_FORM_FIELDS:
                del self.fields[name]
            self.fields["correspondent"].queryset = Correspondent.objects.filter(pk=correspondent.pk)
        self.fields["case_type"].queryset = CaseType.objects.filter(is_active=True)
        self.fields["member"].queryset = members_for(user)
        self.fields["officer"].queryset = allocatable_officers()
        if not may_see_sensitive(user):
            self.fields["sensitivity"].choices = [(Sensitivity.STANDARD, "Standard")]

    def layout_fields(self):
        first = Fieldset(
            Field.select("case_type"),
            Field.radios("channel", inline=True, small=True),
            Field("received_date"),
            Field.text("received_time", field_width=5),
            Field.select("member"),
            legend="The correspondence",
            legend_size=Size.MEDIUM,
        )
        correspondent = (
            []
            if self.known_correspondent is not None
            else [
                Fieldset(
                    Field.radios("kind", inline=True, small=True),
                    Field.text("name"),
                    Field.text("organisation"),
                    Field.textarea("address", rows=3),
                    Field.text("postcode", field_width=10),
                    Field.select("ward"),
                    Field.text("email"),
                    Field.text("phone", field_width=20),
                    legend="Correspondent",
                    legend_size=Size.MEDIUM,
                )
            ]
        )
        return [
            Field("correspondent"),
            first,
            *correspondent,
            Fieldset(
                Field.text("subject"),
                Field.textarea("summary", rows=3),
                Field.textarea("body", rows=6),
                Field.select("portfolio"),
                Field.radios("sensitivity", inline=True),
                Field.radios("priority", inline=True),
                Field.select("officer"),
                Field("attachments"),
                legend="The case",
                legend_size=Size.MEDIUM,
            ),
        ]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_phone(self):
        return clean_uk_phone(self.cleaned_data["phone"])

    def clean_received_time(self):
        return _parse_time(self.cleaned_data["received_time"])

    def clean_attachments(self):
        return _check_files(self.cleaned_data["attachments"])

    def clean(self):
        data = super().clean()
        day = data.get("received_date")
        if day and "received_time" not in self.errors:
            moment = timezone.make_aware(datetime.combine(day, data.get("received_time") or time(9, 0)))
            if moment > timezone.now():
                if data.get("received_time"):
                    self.add_error("received_time", "The time received must be in the past")
                else:
                    moment = timezone.now()
            data["received_at"] = moment
        return data

    def correspondent_details(self) -> dict:
        if self.known_correspondent is not None:
            return {}
        return {
            k: self.cleaned_data[k]
            for k in ["kind", "name", "organisation", "address", "postcode", "ward", "email", "phone"]
        }


class CaseEditForm(GovFormMixin, VersionMixin):
    submit_label = "Save changes"

    case_type = ModelChoiceField(
        queryset=CaseType.objects.none(),
        label="Type of case",
        error_messages={
            "required": "Choose the type of case",
            "invalid_choice": "Choose a type from the list",
        },
    )
    channel = forms.ChoiceField(choices=Channel.choices, label="How did it arrive?", widget=forms.RadioSelect)
    received_date = UKDateField(
        what="the date received",
        past_only=True,
        max_years_past=RECEIVED_MAX_YEARS,
        label="Date received",
        help_text="For example, 27 3 2026",
    )
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences.",
    )
    body = forms.CharField(
        label="Full text (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The correspondence.",
    )
    portfolio = ModelChoiceField(queryset=Portfolio.objects.all(), label="Portfolio (optional)", required=False)
    ward = ModelChoiceField(
        queryset=Ward.objects.all(),
        label="Ward (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )
    sensitivity = forms.ChoiceField(choices=Sensitivity.choices, label="Sensitivity", widget=forms.RadioSelect)
    priority = forms.ChoiceField(choices=Priority.choices, label="Priority", widget=forms.RadioSelect)

    def __init__(self, *args, user, case: Case, **kwargs):
        initial = {
            "version": case.version,
            "case_type": case.case_type_id,
            "channel": case.channel,
            "received_date": case.received_on,
            "subject": case.subject,
            "summary": case.summary,
            "body": case.body,
            "portfolio": case.portfolio_id,
            "ward": case.ward_id,
            "sensitivity": case.sensitivity,
            "priority": case.priority,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.case = case
        if case.received_on < years_ago(timezone.localdate(), RECEIVED_MAX_YEARS):
            # an old case can still be edited; a changed date is checked by the service (services.case_update)
            self.fields["received_date"].max_years_past = None
        self.fields["case_type"].queryset = CaseType.objects.filter(is_active=True) | CaseType.objects.filter(
            pk=case.case_type_id
        )
        if not may_see_sensitive(user):
            self.fields["sensitivity"].choices = [(Sensitivity.STANDARD, "Standard")]

    def layout_fields(self):
        return [
            Field("version"),
            Field.select("case_type"),
            Field.radios("channel"),
            Field("received_date"),
            Field.text("subject"),
            Field.textarea("summary", rows=3),
            Field.textarea("body", rows=6),
            Field.select("portfolio"),
            Field.select("ward"),
            Field.radios("sensitivity", inline=True),
            Field.radios("priority", inline=True),
        ]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        received_date = data.pop("received_date")
        if received_date != self.case.received_on:
            local = timezone.localtime(self.case.received_at)
            data["received_at"] = timezone.make_aware(datetime.combine(received_date, local.time()))
            if data["received_at"] > timezone.now():
                data["received_at"] = timezone.now()
        return data


class AllocateForm(GovFormMixin, VersionMixin):
    submit_label = "Allocate"
    officer = ModelChoiceField(
        queryset=None,
        label="Officer",
        empty_label="Choose an officer",
        error_messages={"required": "Choose an officer", "invalid_choice": "Choose an officer from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = allocatable_officers()

    def layout_fields(self):
        return [Field("version"), Field.select("officer")]


class BulkAllocateForm(forms.Form):
    officer = ModelChoiceField(
        queryset=None,
        label="Allocate the selected cases to",
        empty_label="Choose an officer",
        error_messages={"required": "Choose an officer", "invalid_choice": "Choose an officer from the list"},
    )
    cases = ModelMultipleChoiceField(
        queryset=Case.objects.none(),
        error_messages={
            "required": "Select at least one case",
            "invalid_choice": "Select cases from the list",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = allocatable_officers()
        self.fields["cases"].queryset = Case.objects.visible_to(user).open()


class ReasonForm(GovFormMixin, VersionMixin):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is recorded in the case history.",
        error_messages={"required": "Enter the reason"},
    )

    def __init__(self, *args, submit_label="Continue", required=True, label="Reason", **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        self.fields["reason"].label = label

    def layout_fields(self):
        return [Field("version"), Field.textarea("reason", rows=3)]


class ExtensionForm(GovFormMixin, forms.Form):
    submit_label = "Extend the target"
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Extension.Kind.choices,
        label="Type of extension",
        error_messages={"required": "Choose the type"},
    )
    working_days = forms.IntegerField(
        label="Extra working days",
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "Enter the number of working days as a whole number, like 5",
            "min_value": "The extension must be at least 1 working day",
            "max_value": "The extension must be 60 working days or fewer",
        },
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Tell the correspondent too.",
        error_messages={"required": "Enter the reason for the extension"},
    )

    def layout_fields(self):
        return [
            Field.radios("kind"),
            Field.text("working_days", field_width=3),
            Field.textarea("reason", rows=3),
        ]


class EventForm(GovFormMixin, forms.Form):
    submit_label = "Add to the timeline"
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[
            (CaseEvent.Kind.NOTE, "Note"),
            (CaseEvent.Kind.CALL, "Phone call"),
            (CaseEvent.Kind.MEETING, "Meeting with the correspondent"),
            (CaseEvent.Kind.EMAIL, "Email"),
        ],
        label="What happened?",
        error_messages={"required": "Choose what kind of entry this is"},
    )
    on = UKDateField(
        what="the date it happened",
        past_only=True,
        required=False,
        label="Date (optional)",
        help_text="Leave empty for now. For example, 27 3 2026",
    )
    text = forms.CharField(
        label="Details",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who, what and any agreed next step.",
        error_messages={"required": "Enter the details"},
    )

    def layout_fields(self):
        return [Field.radios("kind"), Field("on"), Field.textarea("text", rows=4)]

    def moment(self):
        day = self.cleaned_data.get("on")
        if not day or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.combine(day, time(12, 0)))


class AttachmentForm(GovFormMixin, forms.Form):
    submit_label = "Upload"
    file = forms.FileField(
        label="File",
        help_text="PDF, images, Word documents or email files, up to 20 MB.",
        error_messages={"required": "Choose a file to upload", "empty": "The chosen file is empty"},
    )
    description = forms.CharField(label="Description (optional)", max_length=200, required=False)

    def clean_file(self):
        return _check_files([self.cleaned_data["file"]])[0]

    def layout_fields(self):
        return [Field("file"), Field.text("description")]


class ContributionForm(GovFormMixin, forms.Form):
    submit_label = "Send the request"
    directorate = ModelChoiceField(
        queryset=Directorate.objects.filter(is_active=True),
        label="Directorate",
        empty_label="Choose a directorate",
        error_messages={
            "required": "Choose the directorate",
            "invalid_choice": "Choose a directorate from the list",
        },
    )
    question = forms.CharField(
        label="What do you need from them?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="They will see this and the case summary only.",
        error_messages={"required": "Enter what you need from the directorate"},
    )
    due_on = UKDateField(
        what="the date the contribution is due",
        future_only=True,
        label="Due by",
        help_text="A working day, before the response is due. For example, 27 3 2026",
    )
    confirm = forms.BooleanField(
        required=False,
        label="Send the request anyway",
        help_text="Tick this if you have checked the warning above and still want to send the request.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        self.show_confirm = False
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("confirm"):
            self._show_confirm()

    def _show_confirm(self):
        if not self.show_confirm:
            self.show_confirm = True
            self.helper.layout.insert(len(self.helper.layout) - 1, Field.checkbox("confirm", small=True))

    def layout_fields(self):
        return [Field.select("directorate"), Field.textarea("question", rows=5), Field("due_on")]

    def clean(self):
        from casework.services import contribution_due_problem, contribution_warnings

        data = super().clean()
        due_on, directorate = data.get("due_on"), data.get("directorate")
        if due_on and "due_on" not in self.errors:
            problem = contribution_due_problem(self.case, due_on)
            if problem:
                self.add_error("due_on", problem)
            elif directorate and not data.get("confirm"):
                warnings = contribution_warnings(self.case, directorate, due_on)
                for warning in warnings:
                    field = "directorate" if "already has an open request" in warning else "due_on"
                    self.add_error(field, warning)
                if warnings:
                    self._show_confirm()
        return data


class ContributionAnswerForm(GovFormMixin, forms.Form):
    submit_label = "Send your contribution"
    answer = forms.CharField(
        label="Your contribution",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The Mayor's Office will use this to draft the member's response.",
        error_messages={"required": "Enter your contribution"},
    )

    def layout_fields(self):
        return [Field.textarea("answer", rows=8)]


class DraftForm(GovFormMixin, forms.Form):
    submit_label = "Save draft"
    body = forms.CharField(
        label="Draft response",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="The letter adds the greeting (Dear …), the sign-off (Yours sincerely) and the member's "
        "signature block, so you do not need to type them. Saving makes a new version; earlier versions are kept.",
        error_messages={"required": "Enter the draft response"},
    )

    def layout_fields(self):
        return [Field.textarea("body", rows=14)]


class ReviewForm(GovFormMixin, forms.Form):
    submit_label = "Send decision"
    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[("approve", "Approve the response"), ("return", "Return it with comments")],
        label="Your decision",
        error_messages={"required": "Choose whether to approve the response or return it"},
    )
    comments = forms.CharField(
        label="Comments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when you return the draft.",
    )

    def layout_fields(self):
        return [Field.radios("decision"), Field.textarea("comments", rows=4)]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comments", "").strip():
            self.add_error("comments", "Enter your comments for the officer")
        return data


class ResponseForm(GovFormMixin, VersionMixin):
    submit_label = "Record the response"
    sent_on = UKDateField(
        what="the date the response was sent",
        past_only=True,
        label="Date sent",
        help_text="For example, 27 3 2026",
    )
    method = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[
            (Channel.LETTER, "Letter"),
            (Channel.EMAIL, "Email"),
            (Channel.PHONE, "Phone call"),
            (Channel.IN_PERSON, "In person"),
        ],
        label="How was it sent?",
        error_messages={"required": "Choose how the response was sent"},
    )

    def layout_fields(self):
        return [Field("version"), Field("sent_on"), Field.radios("method")]


class LinkForm(GovFormMixin, forms.Form):
    submit_label = "Link the cases"
    reference = forms.CharField(
        label="Reference of the other case",
        max_length=20,
        help_text="For example, MO/2026/00042",
        error_messages={"required": "Enter the reference of the other case"},
    )

    def layout_fields(self):
        return [Field.text("reference", field_width=20)]


def today() -> date:
    return timezone.localdate()
