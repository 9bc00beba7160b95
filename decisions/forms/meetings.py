"""Forms for meetings, agenda items and minutes (crispy-forms-gds, plain-English messages)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from decisions.models import Body, Meeting, PathwayItem, PathwayStatus
from decisions.models.meetings import EXEMPT_CATEGORIES
from decisions.schedule import MONTHLY
from mayoral_office.form_fields import date_field, text_field, time_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import Portfolio


def _active_people():
    return get_user_model().objects.filter(is_active=True).order_by("full_name")


class OfficerChoice(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.job_title}" if obj.job_title else obj.full_name


class PeopleChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.job_title}" if obj.job_title else obj.full_name


def _london(day, at) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_default_timezone())


class MeetingForm(GovFormMixin, forms.Form):
    submit_label = "Save meeting"

    body = ModelChoiceField(
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        error_messages={"required": "Choose which body is meeting", "invalid_choice": "Choose a body from the list"},
    )
    day = date_field("Date")
    start = time_field("Start time", required=True)
    end = time_field("End time", required=False)
    place = forms.CharField(max_length=200, required=False, help_text="Leave blank for the body's usual room")
    online_link = forms.URLField(
        label="Online meeting link",
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"}),
        max_length=500,
        required=False,
        error_messages={"invalid": "Enter the online meeting link as a full web address starting https://"},
    )

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the meeting as the page showed it

    def __init__(self, *args, bodies=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.filter(is_active=True)
        if editing:
            del self.fields["body"]
        else:
            del self.fields["version"]

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        return {
            "day": meeting.day,
            "start": timezone.localtime(meeting.starts_at).time(),
            "end": timezone.localtime(meeting.ends_at).time(),
            "place": meeting.place,
            "online_link": meeting.online_link,
            "version": meeting.version,
        }

    @staticmethod
    def when_where(data: dict) -> dict:
        return {name: data[name] for name in ("starts_at", "ends_at", "place", "online_link")}

    def clean(self):
        data = super().clean()
        day, start = data.get("day"), data.get("start")
        if day and start:
            data["starts_at"] = _london(day, start)
            body = data.get("body")
            minutes = body.default_minutes if body else 120
            data["ends_at"] = (
                _london(day, data["end"]) if data.get("end") else data["starts_at"] + timedelta(minutes=minutes)
            )
        return data


class SeriesForm(GovFormMixin, forms.Form):
    submit_label = "Schedule the meetings"

    body = ModelChoiceField(
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        error_messages={"required": "Choose which body is meeting", "invalid_choice": "Choose a body from the list"},
    )
    first = date_field("Date of the first meeting")
    until = date_field("Schedule up to", help_text="At most a year after the first, for example 31 12 2027")
    every_weeks = forms.TypedChoiceField(
        label="How often",
        coerce=int,
        choices=[
            (1, "Every week"),
            (2, "Every other week"),
            (4, "Every four weeks"),
            (MONTHLY, "Every month, on the same weekday as the first (for example the second Wednesday)"),
        ],
        initial=2,
        widget=forms.RadioSelect,
    )
    start = time_field("Start time", required=True)
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=15,
        max_value=600,
        initial=120,
        error_messages={
            "required": "Enter how long each meeting lasts, in minutes",
            "invalid": "Enter the length as a number of minutes, like 90",
            "min_value": "A meeting lasts at least 15 minutes",
            "max_value": "A meeting lasts at most 600 minutes",
        },
    )
    place = forms.CharField(max_length=200, required=False, help_text="Leave blank for the body's usual room")

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.filter(is_active=True)


ITEM_FIELDS = (
    "pathway_item",
    "title",
    "purpose",
    "lead_officer",
    "portfolio",
    "paper_due",
    "minutes_allowed",
    "exempt_category",
    "confidential",
)


class AgendaItemForm(GovFormMixin, forms.Form):
    submit_label = "Save item"
    field_order = [
        "title",
        "purpose",
        "lead_officer",
        "portfolio",
        "pathway_item",
        "paper_due",
        "minutes_allowed",
        "exempt_category",
        "confidential",
    ]

    @staticmethod
    def initial_for(item) -> dict:
        return {name: getattr(item, name) for name in ITEM_FIELDS}

    pathway_item = ModelChoiceField(
        label="Decision Pathway proposal",
        queryset=PathwayItem.objects.none(),
        required=False,
        empty_label="Not a Decision Pathway proposal",
        help_text="The proposal this item considers: its decisions go on the proposal's record",
        error_messages={"invalid_choice": "Choose a proposal from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        proposals = PathwayItem.objects.visible_to(user).exclude(status=PathwayStatus.WITHDRAWN)
        self.fields["pathway_item"].queryset = proposals.order_by("-created_at")

    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the item's title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    purpose = text_field("What the meeting is asked to do", what="what the meeting is asked to do")
    lead_officer = OfficerChoice(
        queryset=_active_people(),
        required=False,
        empty_label="No lead officer",
        error_messages={"invalid_choice": "Choose the lead officer from the list"},
    )
    portfolio = ModelChoiceField(
        queryset=Portfolio.objects.order_by("name"),
        required=False,
        empty_label="No portfolio",
        error_messages={"invalid_choice": "Choose a portfolio from the list"},
    )
    paper_due = date_field("Paper due", required=False, help_text="When the paper is due to the office")
    minutes_allowed = forms.IntegerField(
        label="Time allowed (minutes)",
        required=False,
        min_value=1,
        max_value=480,
        error_messages={
            "invalid": "Enter the time allowed as a number of minutes, like 15",
            "min_value": "Allow at least 1 minute",
            "max_value": "Allow at most 480 minutes",
        },
    )
    exempt_category = forms.TypedChoiceField(
        label="Exempt from publication",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Open: not exempt")] + EXEMPT_CATEGORIES,
        help_text="The category of Schedule 12A to the Local Government Act 1972 that makes it exempt",
    )
    confidential = forms.BooleanField(
        label="Confidential",
        required=False,
        help_text="Seen only by the lead officer, the portfolio's members and the Head of Mayor's Office",
    )


class AttendanceForm(GovFormMixin, forms.Form):
    submit_label = "Save attendance"

    attendees = PeopleChoices(queryset=_active_people(), required=False, widget=forms.CheckboxSelectMultiple)
    apologies = PeopleChoices(queryset=_active_people(), required=False, widget=forms.CheckboxSelectMultiple)
    others_present = text_field("Others present", what="others present", limit=2000, help_text="One a line")

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["attendees"].queryset = people
            self.fields["apologies"].queryset = people


class DiscussionForm(GovFormMixin, forms.Form):
    submit_label = "Save the minutes of this item"

    discussion = text_field("Discussion", what="the discussion", help_text="A summary of what was said")


class DecisionForm(GovFormMixin, forms.Form):
    submit_label = "Record the decision"

    title = forms.CharField(
        label="Decision title",
        max_length=200,
        error_messages={
            "required": "Enter the decision's title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    text = text_field("Decision", what="the decision", required=True, help_text="As the meeting took it")


class ApproveForm(GovFormMixin, forms.Form):
    submit_label = "Approve the minutes"

    at_meeting = ModelChoiceField(
        label="Approved at",
        queryset=Meeting.objects.none(),
        empty_label="Choose the meeting",
        error_messages={
            "required": "Choose the meeting that approved the minutes",
            "invalid_choice": "Choose a meeting from the list",
        },
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["at_meeting"].queryset = meetings


class PaperForm(GovFormMixin, forms.Form):
    submit_label = "Upload the paper"

    paper = forms.FileField(
        label="Paper (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"required": "Choose the paper to upload"},
    )
