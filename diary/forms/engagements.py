"""The engagement form (one engagement or a repeating series) and the cancel form."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from crispy_forms.layout import HTML
from crispy_forms_gds.layout import Button, Div, Field, Fieldset, Layout, Size
from django import forms
from django.contrib.auth import get_user_model

from diary import selectors
from diary.data import EngagementData
from diary.forms.fields import (
    UNKNOWN_MEMBER,
    MemberChoices,
    OfficerChoice,
    OfficerChoices,
    date_field,
    officers,
    time_field,
)
from diary.forms.layout import Details
from diary.guests import validate_guest_emails
from diary.models import (
    LONDON,
    EngagementKind,
    EngagementStatus,
    Frequency,
)
from mayoral_office.forms import GovFormMixin, ModelMultipleChoiceField
from mayoral_office.models import Member, Stakeholder


class EngagementForm(GovFormMixin, forms.Form):
    submit_label = "Save engagement"

    title = forms.CharField(max_length=200, error_messages={"required": "Enter the title of the engagement"})
    kind = forms.ChoiceField(
        label="Type",
        choices=[("", "Choose a type")] + EngagementKind.choices,
        error_messages={"required": "Choose the type of engagement"},
    )
    members = MemberChoices(
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Whose diary it goes in. Select all that apply.",
        error_messages={
            "required": "Select at least one member",
            "invalid_choice": UNKNOWN_MEMBER,
            "invalid_pk_value": UNKNOWN_MEMBER,
        },
    )
    all_day = forms.BooleanField(label="All day", required=False, help_text="No start or end time")
    start_date = date_field("Start date")
    start_time = time_field("Start time")
    end_date = date_field("End date", required=False, help_text="Leave blank if it ends on the day it starts")
    end_time = time_field("End time")
    location = forms.CharField(max_length=250, required=False, help_text="Address or room")
    online_link = forms.URLField(
        label="Online meeting link",
        assume_scheme="https",
        # A GOV.UK text input (crispy-forms-gds styles TextInput, not URLInput), with the phone keyboard for web
        # addresses.
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false", "autocomplete": "off"}),
        max_length=500,
        required=False,
        help_text="For example a Teams link",
        error_messages={"invalid": "Enter the online meeting link as a full web address starting https://"},
    )
    organiser = forms.CharField(max_length=200, required=False, help_text="The organisation or person hosting it")
    contact_name = forms.CharField(max_length=150, required=False, help_text="Who to call on the day")
    contact_phone = forms.CharField(max_length=40, required=False, help_text="For example 020 7946 0000")
    contact_email = forms.EmailField(
        required=False,
        help_text="For example events@example.org",
        error_messages={"invalid": "Enter the contact's email address in the correct format, like name@example.org"},
    )
    attendee_officers = OfficerChoices(
        label="Officers attending",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They receive the calendar invitation and any changes. Select all that apply.",
        error_messages={"invalid_choice": "Select officers from the list"},
    )
    external_guests = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=[validate_guest_emails],
        help_text="One guest a line, with organisation. Add an email address to send them the invitation.",
    )
    stakeholders = ModelMultipleChoiceField(
        label="People from the directory (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who else attends, from the stakeholder directory: the engagement is then in their history.",
        error_messages={"invalid_choice": "Select people from the directory's list"},
    )
    lead_officer = OfficerChoice(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="None",
        help_text="The officer responsible for arrangements",
        error_messages={"invalid_choice": "Select the lead officer from the list"},
    )
    status = forms.ChoiceField(
        choices=[c for c in EngagementStatus.choices if c[0] != EngagementStatus.CANCELLED],
        initial=EngagementStatus.CONFIRMED,
        widget=forms.RadioSelect,
        help_text="Confirmed engagements are sent to the member's and attendees' calendars",
        error_messages={"required": "Choose whether it is provisional or confirmed"},
    )
    is_private = forms.BooleanField(
        label="Private", required=False, help_text="Shown as 'Busy' to anyone without the right to see it"
    )
    briefing_required = forms.BooleanField(
        required=False, help_text="The diary then shows where its briefing pack has got to"
    )
    speech_required = forms.BooleanField(required=False, help_text="A speech or speaking notes are needed")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Anything else")
    repeat = forms.ChoiceField(
        label="Repeats",
        choices=[("", "Does not repeat")] + Frequency.choices,
        required=False,
        help_text="For a ward surgery or a monthly meeting. You can cancel single occurrences later.",
    )
    repeat_until = date_field("Repeat until", required=False, help_text="The last date it can fall on")
    skip_days_off = forms.BooleanField(
        label="Leave out bank holidays and council closure days",
        required=False,
        help_text="Occurrences that fall on them are not added (calendars show them as skipped)",
    )
    conflict_reason = forms.CharField(
        label="Reason for going ahead despite the conflict",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Recorded on the engagement",
    )

    def __init__(self, *args, user, engagement=None, **kwargs):
        self.user = user
        self.engagement = engagement
        self.show_conflict_reason = False
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.diary_members(user)
        already = []
        if engagement is not None:
            already = [
                *engagement.attendee_officers.all(),
                *([engagement.lead_officer] if engagement.lead_officer else []),
            ]
        self.fields["attendee_officers"].queryset = officers(user, also=already)
        self.fields["lead_officer"].queryset = officers(user, also=already)
        self.fields["stakeholders"].queryset = Stakeholder.objects.visible_to(user).select_related("organisation")
        self.fields["stakeholders"].label_from_instance = lambda p: (
            f"{p.name}, {p.organisation}" if p.organisation else p.name
        )
        if engagement is not None:  # a change is to one engagement: no repeats
            for name in ("repeat", "repeat_until", "skip_days_off"):
                del self.fields[name]
            self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        """Short groups: what, when and where (open); who; briefing needs; notes. The reason for going ahead
        despite a conflict is not here: the conflict check shows it, only when there is a conflict
        (diary/includes/conflict_check.html)."""
        when = [
            Field.checkbox("all_day", small=True),
            Field("start_date"),
            Field.text("start_time", field_width=5),
            Field("end_date"),
            Field.text("end_time", field_width=5),
        ]
        if "repeat" in self.fields:
            when += [Field.select("repeat"), Field("repeat_until"), Field.checkbox("skip_days_off", small=True)]
        return [
            Div(
                HTML('<h2 class="govuk-heading-m">What, when and where</h2>'),
                Field.text("title"),
                Field.select("kind"),
                Div(Field.checkboxes("members", legend_size=Size.SMALL, small=True), css_id="engagement-members"),
                Fieldset(*when, legend="When", legend_size=Size.SMALL, css_id="engagement-when"),
                Field.text("location"),
                Field.text("online_link"),
                Field.radios("status", legend_size=Size.SMALL, small=True, inline=True),
                Field.checkbox("is_private", small=True),
                css_id="engagement-what",
            ),
            Details(
                "Who: organiser, contact, officers and guests",
                Field.text("organiser"),
                Field.text("contact_name"),
                Field.text("contact_phone", field_width=20),
                Field.text("contact_email"),
                Field.checkboxes("attendee_officers", legend_size=Size.SMALL, small=True),
                Field.textarea("external_guests", rows=3),
                Field.checkboxes("stakeholders", legend_size=Size.SMALL, small=True),
                Field.select("lead_officer"),
                css_id="engagement-who",
            ),
            Details(
                "Briefing needs",
                Field.checkbox("briefing_required", small=True),
                Field.checkbox("speech_required", small=True),
                css_id="engagement-briefing",
            ),
            Details("Notes", Field.textarea("notes", rows=4), css_id="engagement-notes"),
            HTML('{% include "diary/includes/conflict_region.html" %}'),
        ]

    def clean(self):
        data = super().clean()
        start_date, end_date = data.get("start_date"), data.get("end_date") or data.get("start_date")
        if not start_date:
            return data
        if data.get("all_day"):
            starts = datetime.combine(start_date, time.min, tzinfo=LONDON)
            ends = datetime.combine(end_date + timedelta(days=1), time.min, tzinfo=LONDON)
        else:
            if not data.get("start_time") and "start_time" not in self.errors:
                self.add_error("start_time", "Enter the start time, or tick 'All day'")
            if not data.get("end_time") and "end_time" not in self.errors:
                self.add_error("end_time", "Enter the end time, or tick 'All day'")
            if not (data.get("start_time") and data.get("end_time")):
                return data
            starts = datetime.combine(start_date, data["start_time"], tzinfo=LONDON)
            ends = datetime.combine(end_date, data["end_time"], tzinfo=LONDON)
        if ends <= starts:
            self.add_error("end_time" if not data.get("all_day") else "end_date", "The end must be after the start")
            return data
        if ends - starts > timedelta(days=31):
            self.add_error("end_date", "An engagement can last up to 31 days")
            return data
        data["starts_at"], data["ends_at"] = starts, ends
        if data.get("repeat") and not data.get("repeat_until"):
            self.add_error("repeat_until", "Enter the date the repeats end")
        return data

    def engagement_data(self) -> EngagementData:
        d = self.cleaned_data
        return EngagementData(
            title=d["title"].strip(),
            kind=d["kind"],
            starts_at=d["starts_at"],
            ends_at=d["ends_at"],
            all_day=d["all_day"],
            location=d["location"],
            online_link=d["online_link"],
            organiser=d["organiser"],
            contact_name=d["contact_name"],
            contact_phone=d["contact_phone"],
            contact_email=d["contact_email"],
            external_guests=d["external_guests"],
            lead_officer=d["lead_officer"],
            status=d["status"],
            is_private=d["is_private"],
            briefing_required=d["briefing_required"],
            speech_required=d["speech_required"],
            notes=d["notes"],
        )

    @classmethod
    def initial_for(cls, engagement):
        start, end = engagement.local_start, engagement.local_end
        end_date = engagement.last_day
        return {
            "title": engagement.title,
            "kind": engagement.kind,
            "members": list(engagement.members.all()),
            "all_day": engagement.all_day,
            "start_date": start.date(),
            "start_time": None if engagement.all_day else start.time(),
            "end_date": end_date if end_date != start.date() else None,
            "end_time": None if engagement.all_day else end.time(),
            "location": engagement.location,
            "online_link": engagement.online_link,
            "organiser": engagement.organiser,
            "contact_name": engagement.contact_name,
            "contact_phone": engagement.contact_phone,
            "contact_email": engagement.contact_email,
            "attendee_officers": list(engagement.attendee_officers.all()),
            "stakeholders": list(engagement.stakeholders.all()),
            "external_guests": engagement.external_guests,
            "lead_officer": engagement.lead_officer,
            "status": engagement.status,
            "is_private": engagement.is_private,
            "briefing_required": engagement.briefing_required,
            "speech_required": engagement.speech_required,
            "notes": engagement.notes,
        }


class CancelForm(GovFormMixin, forms.Form):
    submit_label = "Cancel engagement"
    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=250,
        required=False,
        help_text="Optional. Sent with the cancellation.",
    )

    and_later = forms.BooleanField(
        label="Also cancel every later occurrence in this series",
        required=False,
        help_text="For example when the surgery moves or stops. Earlier occurrences are kept.",
    )

    def __init__(self, *args, repeats=False, **kwargs):
        """`repeats`: the series can be cancelled from here on (the policy's `engagement.cancel_series`)."""
        self.repeats = repeats
        super().__init__(*args, **kwargs)
        if not repeats:
            del self.fields["and_later"]

    def layout_fields(self):
        fields = [Field.text("reason")]
        if self.repeats:
            fields.append(Field.checkbox("and_later", small=True, data_action="engagement.cancel_series"))
        return fields


class PreferenceForm(GovFormMixin, forms.Form):
    submit_label = "Save"
    officers_see_private_titles = forms.BooleanField(
        label="Let the officers who keep this diary see the titles and details of private engagements",
        required=False,
        help_text="Otherwise they see only 'Busy' at that time. The Head of Mayor's Office always sees them.",
    )

    def layout_fields(self):
        return [Field.checkbox("officers_see_private_titles", small=True)]
