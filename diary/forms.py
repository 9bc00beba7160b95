"""Diary forms (crispy-forms-gds). The template owns the <form> tag; every form shows a GOV.UK error summary.
Messages say what to do, in plain English."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from diary import selectors
from diary.data import EngagementData
from diary.models import (
    LONDON,
    BriefingStatus,
    EngagementKind,
    EngagementStatus,
    Frequency,
    InvitationAsk,
)
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import Member, SupportAssignment
from mayoral_office.roles import Role

UNKNOWN_MEMBER = "Select members from the list: one of those chosen is not a member whose diary you keep"
OFFICER_ROLES = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]


MIN_YEAR, MAX_YEAR = 2000, 2100


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


class DiaryDateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes), as the casework forms use, with messages naming the
    date, and only the years a diary can sensibly hold (far-off years would overflow date arithmetic). The
    casework field is that app's own, so the diary keeps this small equivalent rather than importing it."""

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
    return DiaryDateField(label=label, required=required, help_text=help_text)


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


class DiaryTimeField(forms.Field):
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
    return DiaryTimeField(label=label, required=required)


class MemberChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.title}"


def _officer_label(user) -> str:
    return f"{user.full_name}, {user.job_title}" if user.job_title else str(user)


class OfficerChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _officer_label(obj)


class OfficerChoice(ModelChoiceField):
    def label_from_instance(self, obj):
        return _officer_label(obj)


def officers(user, *, also=()):
    """The officers who can be asked along: those with an office role who support a member whose diary this user
    keeps, and the Head of Mayor's Office; plus `also` (those already on an engagement), so an edit never
    drops them. A short list, so it can be checkboxes."""
    member_ids = selectors.diary_members(user).values("pk")
    supporting = SupportAssignment.objects.current().filter(member__in=member_ids).values("officer_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OFFICER_ROLES)
        .filter(Q(pk__in=supporting) | Q(groups__name=Role.HEAD_OF_OFFICE.label) | Q(pk__in=[u.pk for u in also]))
        .distinct()
        .order_by("full_name")
    )


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
        help_text="One guest a line, with organisation. Add an email address to send them the invitation.",
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
        required=False, help_text="A briefing is then due a set number of working days before"
    )
    briefing_status = forms.ChoiceField(
        choices=BriefingStatus.choices, required=False, help_text="Where the briefing has got to"
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
        if engagement is not None:
            del self.fields["repeat"]
            del self.fields["repeat_until"]

    def layout_fields(self):
        fields = [
            Field.text("title"),
            Field.select("kind"),
            Field.checkboxes("members", legend_size=Size.SMALL, small=True),
            Fieldset(
                Field.checkbox("all_day", small=True),
                Field("start_date"),
                Field.text("start_time", field_width=5),
                Field("end_date"),
                Field.text("end_time", field_width=5),
                legend="When",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("location"),
                Field.text("online_link"),
                Field.text("organiser"),
                Field.text("contact_name"),
                Field.text("contact_phone", field_width=20),
                Field.text("contact_email"),
                legend="Where and who",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("attendee_officers", legend_size=Size.SMALL, small=True),
                Field.textarea("external_guests", rows=3),
                Field.select("lead_officer"),
                legend="Attendees",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("status", legend_size=Size.SMALL, small=True, inline=True),
                Field.checkbox("is_private", small=True),
                Field.checkbox("briefing_required", small=True),
                Field.select("briefing_status"),
                Field.checkbox("speech_required", small=True),
                Field.textarea("notes", rows=4),
                legend="Status and preparation",
                legend_size=Size.MEDIUM,
            ),
        ]
        if "repeat" in self.fields:
            fields.append(
                Fieldset(
                    Field.select("repeat"),
                    Field("repeat_until"),
                    legend="Repeats",
                    legend_size=Size.MEDIUM,
                )
            )
        fields.append(Field.textarea("conflict_reason", rows=3))
        return fields

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
            briefing_status=d.get("briefing_status") or None,
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
            "external_guests": engagement.external_guests,
            "lead_officer": engagement.lead_officer,
            "status": engagement.status,
            "is_private": engagement.is_private,
            "briefing_required": engagement.briefing_required,
            "briefing_status": engagement.briefing_status,
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
        help_text="Needed to decline; it goes in the reply letter",
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
