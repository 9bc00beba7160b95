"""The speech library's forms: a passage (adding or changing one), choosing a passage to insert into a section,
and the list's filters (django-filter). Plain-English messages; long text is refused with a message, never cut."""

from __future__ import annotations

import django_filters
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.utils import timezone

from briefings.models import PassageKind
from briefings.selectors import library as selectors
from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField

BODY_LIMIT = 20_000


class PassageForm(GovFormMixin, forms.Form):
    submit_label = "Save the passage"

    title = text_field(
        "Title",
        what="a title for the passage",
        called="the title",
        required=True,
        limit=200,
        help_text="What it is about, as you would search for it, for example 'Housing: new homes since 2022'",
    )
    kind = forms.ChoiceField(
        label="Kind of passage",
        choices=PassageKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of passage it is",
            "invalid_choice": "Choose a kind from the list",
        },
    )
    body = text_field(
        "Text",
        what="the text of the passage",
        called="the text",
        required=True,
        limit=BODY_LIMIT,
        rows=8,
        help_text="Markdown: *italic*, **bold**, a blank line between paragraphs. HTML is removed.",
    )
    source = text_field(
        "Source (for a statistic)",
        what="the source",
        called="the source",
        limit=300,
        help_text="Where the figure comes from, for example 'ONS mid-year population estimates'",
    )
    source_date = date_field("Date of the figure", required=False, help_text="For example, 30 6 2026")
    review_on = date_field("Review by", help_text="When to check it is still right, for example 1 6 2027")

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.submit_label = "Save changes"
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return [
            Field.text("title"),
            Field.radios("kind", legend_size="s"),
            Field.textarea("body", rows=8),
            Field.text("source"),
            Field("source_date"),
            Field("review_on"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == PassageKind.STATISTIC:  # every missing part named at once
            if "source" not in self.errors and not (data.get("source") or "").strip():
                self.add_error("source", "Enter where the statistic comes from")
            if "source_date" not in self.errors and not data.get("source_date"):
                self.add_error("source_date", "Enter the date of the figure")
        if data.get("source_date") and data["source_date"] > timezone.localdate():
            self.add_error("source_date", "The date of the figure must be today or in the past")
        return data


class PassageChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class InsertForm(GovFormMixin, forms.Form):
    """The passage to insert (a radio list of the passages found), with the section's version."""

    submit_label = "Insert the passage"

    passage = PassageChoiceField(
        label="Passage",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a passage to insert", "invalid_choice": "Choose a passage from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passage"].queryset = selectors.insertable(user)


class PassageFilterForm(forms.Form):
    """The list's filter panel (the FilterSet's form)."""


class PickFilter(django_filters.ModelChoiceFilter):
    """A pick-list that refuses a tampered id ("not a valid choice"), like every pick-list of the office."""

    field_class = ModelChoiceField


class PassageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_text", label="Search titles and text")
    kind = django_filters.ChoiceFilter(choices=PassageKind.choices, label="Kind", empty_label="Any")
    review = django_filters.ChoiceFilter(
        choices=[("due", "Review due"), ("current", "Not yet due")],
        method="by_review",
        label="Review",
        empty_label="Any",
    )
    owner = PickFilter(
        queryset=lambda request: selectors.owners(request.user if request else None),
        label="Kept by",
        empty_label="Anyone",
    )
    retired = django_filters.ChoiceFilter(
        choices=[("include", "Include retired passages"), ("only", "Only retired passages")],
        method="by_retired",
        label="Retired passages",
        empty_label="Leave out",
    )
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("kind", "kind"), ("review_on", "review"), ("updated_at", "updated")),
        label="Sort by",
        empty_label="Title",
    )

    class Meta:
        form = PassageFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].extra["error_messages"] = {"invalid_choice": "Choose someone from the list"}
        self.filters["kind"].extra["error_messages"] = {"invalid_choice": "Choose a kind from the list"}

    def by_text(self, queryset, name, value):
        return selectors.search(queryset, value)

    def by_review(self, queryset, name, value):
        due = selectors.review_due_q()
        return queryset.filter(due) if value == "due" else queryset.exclude(due)

    def by_retired(self, queryset, name, value):
        """Retired passages are left out unless asked for (`selectors.passages_for`); "only" keeps just them."""
        return queryset.filter(retired=True) if value == "only" else queryset
