"""A pack's form (making one for an engagement, a meeting or standalone, and changing it) and withdrawing it.
Plain-English messages; long text is refused with a message, never cut."""

from __future__ import annotations

from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from briefings.models import Marking, SectionKind
from briefings.selectors import packs as selectors
from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class LeadChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class PackForm(GovFormMixin, VersionMixin):
    """`kind`: "engagement", "meeting" or "standalone" (only a standalone pack has a due date to type);
    `creating`: the starting sections are chosen."""

    submit_label = "Create the pack"

    title = text_field("Title", what="the pack's title", called="the title", required=True, limit=200)
    members = ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Who is the pack for?",
        error_messages={
            "required": "Choose at least one member the pack is for",
            "invalid_choice": "Choose members from the list",
            "invalid_pk_value": "Choose members from the list",
        },
    )
    marking = forms.ChoiceField(
        label="Protective marking",
        choices=Marking.choices,
        widget=forms.RadioSelect,
        initial=Marking.OFFICIAL,
        help_text="OFFICIAL-SENSITIVE packs are seen only by their lead officer, the officers supporting their "
        "members and the Head of Mayor's Office, and every reading is logged",
        error_messages={
            "required": "Choose the protective marking",
            "invalid_choice": "Choose a marking from the list",
        },
    )
    lead_officer = LeadChoiceField(
        queryset=None,
        label="Lead officer",
        empty_label="Choose an officer",
        error_messages={"required": "Choose the lead officer", "invalid_choice": "Choose an officer from the list"},
    )
    due_on = date_field("Due date", help_text="When the member needs the pack, for example 14 12 2026")
    purpose = text_field(
        "What does the member need from the pack?", what="what the member needs", called="the purpose", rows=3
    )
    ward = ModelChoiceField(
        queryset=None,
        required=False,
        label="Ward",
        empty_label="No particular ward",
        help_text="The background looks for the office's cases and actions in this ward",
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )
    organisations = text_field(
        "Organisations attending",
        what="the organisations attending",
        called="the organisations",
        limit=300,
        help_text="Separated by commas. The background looks for the office's history with them",
    )
    section_kinds = forms.MultipleChoiceField(
        label="Sections to start with",
        choices=SectionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can add, move and remove sections later",
        error_messages={"invalid_choice": "Choose sections from the list"},
    )

    def __init__(self, *args, kind: str = "standalone", creating: bool = True, **kwargs):
        self.kind = kind
        self.creating = creating
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.possible_members()
        self.fields["lead_officer"].queryset = selectors.possible_leads()
        self.fields["ward"].queryset = selectors.wards()
        if kind != "standalone":
            del self.fields["due_on"]
        if not creating:
            del self.fields["section_kinds"]
            self.submit_label = "Save changes"
        else:
            del self.fields["version"]
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        fields = [
            Field("version"),
            Field.text("title"),
            Field.checkboxes("members", legend_size=Size.SMALL, small=True),
            Field.radios("marking", legend_size=Size.SMALL),
            Field.select("lead_officer"),
            Field("due_on"),
            Field.textarea("purpose", rows=3),
            Field.select("ward"),
            Field.text("organisations"),
            Field.checkboxes("section_kinds", legend_size=Size.SMALL, small=True),
        ]
        return [f for f in fields if f.fields[0] in self.fields]

    @classmethod
    def initial_for(cls, pack) -> dict:
        return {
            "version": pack.version,
            "title": pack.title,
            "members": [m.pk for m in pack.members.all()],
            "marking": pack.marking,
            "lead_officer": pack.lead_officer_id,
            "due_on": pack.due_on,
            "purpose": pack.purpose,
            "ward": pack.ward_id,
            "organisations": pack.organisations,
        }


class WithdrawForm(GovFormMixin, VersionMixin):
    submit_label = "Withdraw the pack"

    reason = text_field(
        "Why is the pack withdrawn?",
        what="why the pack is withdrawn",
        called="the reason",
        required=True,
        limit=250,
        help_text="For example, the engagement was cancelled. Anyone asked for a section is told",
    )

    def layout_fields(self):
        return [Field("version"), Field.text("reason")]
