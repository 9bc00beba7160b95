"""Recording an invitation, and the decision on it."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone

from diary import selectors
from diary.forms.fields import (
    date_field,
    time_field,
)
from diary.models import (
    InvitationAsk,
)
from mayoral_office.forms import GovFormMixin, ModelChoiceField
from mayoral_office.models import Member


class InvitationForm(GovFormMixin, forms.Form):
    submit_label = "Record invitation"

    member = ModelChoiceField(
        label="Who is invited",
        queryset=Member.objects.none(),
        empty_label="Choose a member",
        error_messages={
            "required": "Choose the member who is invited",
            "invalid_choice": ("Choose a member from the list: the one chosen is not a member whose diary you keep"),
        },
    )
    organisation = forms.CharField(max_length=200, error_messages={"required": "Enter the organisation inviting"})
    event_name = forms.CharField(
        label="Event", max_length=200, error_messages={"required": "Enter the name of the event"}
    )
    event_date = date_field("Event date")
    start_time = time_field("Start time", required=True)
    end_time = time_field("End time", required=True)
    location = forms.CharField(max_length=250, required=False, help_text="Address of the venue")
    asks = forms.MultipleChoiceField(
        label="What is the member asked to do?",
        choices=InvitationAsk.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select what the member is asked to do"},
    )
    received_on = date_field("Date received", help_text="The day the invitation arrived, for the notice check")
    contact_name = forms.CharField(max_length=150, required=False, help_text="Who sent the invitation")
    contact_email = forms.EmailField(
        required=False,
        help_text="Where the reply goes",
        error_messages={"invalid": "Enter the contact's email address in the correct format, like name@example.org"},
    )
    contact_address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Postal address for the reply letter",
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Audience, dress code, anything else",
    )
    short_notice_reason = forms.CharField(
        label="Reason to consider it at short notice",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only if it gives less than the minimum notice",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = selectors.diary_members(user)
        self.fields["received_on"].initial = timezone.localdate()

    def layout_fields(self):
        return [
            Field.select("member"),
            Field.text("organisation"),
            Field.text("event_name"),
            Field("event_date"),
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("location"),
            Field.checkboxes("asks", legend_size=Size.SMALL, small=True),
            Field("received_on"),
            Field.text("contact_name"),
            Field.text("contact_email"),
            Field.textarea("contact_address", rows=3),
            Field.textarea("details", rows=4),
            Field.textarea("short_notice_reason", rows=3),
        ]

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", "The end time must be after the start time")
        return data


DECISIONS = {
    "accept": "Accept: put it in the diary",
    "decline": "Decline",
    "delegate": "Delegate to a Deputy Mayor or Cabinet Member",
}


class DecisionForm(GovFormMixin, forms.Form):
    """Accept, decline or delegate: the choices offered are the decisions the policy allows (each radio button is
    marked with its action, `invitation.accept` and so on)."""

    submit_label = "Record decision"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=list(DECISIONS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose accept, decline or delegate"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "Needed to decline. The reply letter says the member is unable to accept because of it, for example "
            "'a prior engagement'"
        ),
    )
    delegate = ModelChoiceField(
        label="Delegate to",
        queryset=Member.objects.none(),
        required=False,
        empty_label="Choose a member",
        help_text="Only if delegating",
        error_messages={"invalid_choice": "Choose a Deputy Mayor or Cabinet Member from the list"},
    )
    briefing_required = forms.BooleanField(
        required=False, initial=True, help_text="A briefing will be due before the engagement"
    )
    conflict_reason = forms.CharField(
        label="Reason for going ahead despite the conflict",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Only if the diary shows a conflict",
    )

    def __init__(self, *args, invitation, decisions=tuple(DECISIONS), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(name, DECISIONS[name]) for name in decisions]
        self.fields["delegate"].queryset = (
            Member.objects.current().exclude(office=Member.Office.MAYOR).exclude(pk=invitation.member_id)
        )

    def layout_fields(self):
        return [
            Field.radios("decision", legend_size=Size.MEDIUM, template="diary/forms/decision_field.html"),
            Field.textarea("reason", rows=3),
            Field.select("delegate"),
            Field.checkbox("briefing_required", small=True),
            Field.textarea("conflict_reason", rows=3),
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give the reason for declining")
        if data.get("decision") == "delegate" and not data.get("delegate"):
            self.add_error("delegate", "Choose who to delegate to")
        return data
