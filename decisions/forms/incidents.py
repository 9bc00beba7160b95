"""Forms of the incident log: opening an incident, writing the next entry, confirming a close or a sign-off, and
the incident list's filters. Messages say what to do, in plain English."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import django_filters
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.db.models import Q
from django.utils import timezone

from decisions.models import Incident, IncidentEntry
from decisions.selectors import incidents as selectors
from mayoral_office.form_fields import date_field, text_field, time_field
from mayoral_office.forms import GovFormMixin

LONDON = ZoneInfo("Europe/London")


def _moment(data: dict, day: str, at: str) -> datetime | None:
    if data.get(day) and data.get(at):
        return datetime.combine(data[day], data[at], tzinfo=LONDON)
    return None


def _now_initial() -> dict:
    now = timezone.localtime()
    return {"day": now.date(), "time": now.strftime("%H:%M")}


class IncidentForm(GovFormMixin, forms.Form):
    submit_label = "Open the incident log"

    title = text_field(
        "Title",
        what="the title of the incident",
        limit=200,
        required=True,
        help_text="For example, Flooding on the Riverside estate",
    )
    location = text_field("Location", what="the location", limit=200, help_text="Where it is happening")
    started_on = date_field("Date it started")
    started_time = time_field("Time it started", required=True)
    commander = text_field(
        "Who leads the response", what="who leads the response", limit=150, help_text="For example, Gold: Jane Smith"
    )

    def __init__(self, *args, **kwargs):
        now = _now_initial()
        kwargs.setdefault("initial", {"started_on": now["day"], "started_time": now["time"]})
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.text("title"),
            Field.text("location"),
            Fieldset(
                Field("started_on"),
                Field.text("started_time", field_width=5),
                legend="When it started",
                legend_size=Size.SMALL,
            ),
            Field.text("commander"),
        ]

    def clean(self):
        data = super().clean()
        data["started_at"] = _moment(data, "started_on", "started_time")
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("title", "location", "started_at", "commander")}


class EntryForm(GovFormMixin, forms.Form):
    """The next entry of the log. What was written stays as it was: a mistake is put right by a correction."""

    submit_label = "Write this entry in the log"

    kind = forms.ChoiceField(
        label="Kind of entry",
        choices=IncidentEntry.Kind.choices,
        initial=IncidentEntry.Kind.EVENT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of entry", "invalid_choice": "Choose the kind of entry"},
    )
    corrects = forms.IntegerField(
        label="Number of the entry this corrects",
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Only for a correction: the earlier entry stays in the log, linked to this one",
        error_messages={
            "invalid": "Enter the number of the entry this corrects as a whole number, like 4",
            "min_value": "Enter the number of an entry in this log",
            "max_value": "Enter the number of an entry in this log",
        },
    )
    happened_on = date_field("Date of the event")
    happened_time = time_field("Time of the event", required=True)
    what_happened = text_field(
        "What happened", what="what happened", required=True, help_text="Facts as they were known at the time"
    )
    decision = text_field("Decision", what="the decision", help_text="If a decision was made: what it was")
    rationale = text_field("Rationale", what="the rationale", help_text="Why: the options considered and the reasons")
    by_whom = text_field(
        "By whom", what="who made the decision or gave the information", limit=150, help_text="Name and role"
    )
    source = text_field(
        "Source of information", what="the source of information", limit=200, help_text="For example, Police Silver"
    )

    def __init__(self, *args, incident: Incident, **kwargs):
        self.incident = incident
        now = _now_initial()
        kwargs.setdefault("initial", {"happened_on": now["day"], "happened_time": now["time"]})
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.radios("kind", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("corrects", field_width=4),
            Fieldset(
                Field("happened_on"),
                Field.text("happened_time", field_width=5),
                legend="When it happened",
                legend_size=Size.SMALL,
            ),
            Field.textarea("what_happened", rows=4),
            Field.textarea("decision", rows=3),
            Field.textarea("rationale", rows=3),
            Field.text("by_whom"),
            Field.text("source"),
        ]

    def clean(self):
        data = super().clean()
        data["happened_at"] = _moment(data, "happened_on", "happened_time")
        number, kind = data.get("corrects"), data.get("kind")
        data["corrects_entry"] = None
        if kind == IncidentEntry.Kind.CORRECTION and number is None and "corrects" not in self.errors:
            self.add_error("corrects", "Enter the number of the entry this corrects")
        elif number is not None and kind and kind != IncidentEntry.Kind.CORRECTION:
            self.add_error("kind", "Choose 'Correction' for an entry that corrects an earlier one")
        elif number is not None:
            data["corrects_entry"] = selectors.entry_by_number(self.incident, number)
            if data["corrects_entry"] is None:
                self.add_error("corrects", f"There is no entry {number} in this log")
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        fields = ("kind", "happened_at", "what_happened", "decision", "rationale", "by_whom", "source")
        return {**{k: d[k] for k in fields}, "corrects": d["corrects_entry"]}


class ConfirmForm(GovFormMixin, forms.Form):
    """A one-button confirmation (close the incident, sign off the log)."""

    def __init__(self, *args, submit_label: str, **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="A title, a place or who leads")
    status = django_filters.ChoiceFilter(choices=Incident.Status.choices, label="Status", empty_label="Any")
    ordering = django_filters.OrderingFilter(
        fields=(("started_at", "started"), ("title", "title")),
        label="Sort by",
        empty_label="Newest first",
    )

    class Meta:
        model = Incident
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        return queryset.filter(Q(title__icontains=value) | Q(location__icontains=value) | Q(commander__icontains=value))
