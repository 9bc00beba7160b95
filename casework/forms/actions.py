"""The forms of the actions on a case: allocate, move, hold, extend, timeline, documents, contributions,
drafts, approval, response, links."""

from __future__ import annotations

from datetime import datetime, time

from crispy_forms_gds.layout import Field
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.deadlines import contribution_due_problem, contribution_warnings
from casework.forms.fields import (
    UKDateField,
    VersionMixin,
    check_files,
)
from casework.models import (
    Case,
    CaseEvent,
    Channel,
    Extension,
)
from casework.selectors import allocatable_officers
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import Directorate


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
        return check_files([self.cleaned_data["file"]])[0]

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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_reference(self):
        """The other case, found through the same access rules as every list (a case the user cannot see is
        "not found", never "not allowed")."""
        other = Case.objects.visible_to(self.user).filter(reference__iexact=self.cleaned_data["reference"].strip())
        found = other.first()
        if found is None:
            raise ValidationError("There is no case with that reference that you can see")
        return found

    def layout_fields(self):
        return [Field.text("reference", field_width=20)]
