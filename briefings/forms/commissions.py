"""Commissioning forms: asking someone for a section, writing it, returning it with comments and cancelling the
commission; and the commission list's filters (django-filter). Plain-English messages; long text is refused with
a message, never cut."""

from __future__ import annotations

import re

import django_filters
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.db.models import Q
from django.utils import timezone

from briefings.models import CommissionState
from briefings.models.commissions import OPEN_STATES
from briefings.selectors import commissions as selectors
from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField

BODY_LIMIT = 100_000


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AssigneeChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        where = obj.directorate.name if getattr(obj, "directorate", None) else obj.primary_role
        return f"{obj.full_name or obj.email} ({where})"


class CommissionForm(GovFormMixin, forms.Form):
    """Ask someone for a section: who, what, and by when (the default shown)."""

    submit_label = "Send the request"

    assignee = AssigneeChoiceField(
        label="Who should write it?",
        queryset=None,
        empty_label="Choose a person",
        help_text="A directorate contact or an officer of the Mayor's Office",
        error_messages={
            "required": "Choose who to ask for the section",
            "invalid_choice": "Choose a person from the list",
        },
    )
    brief = text_field(
        "What are you asking for?",
        what="what you are asking for",
        called="the brief",
        required=True,
        help_text="What the section should cover, how long it should be, and anything to avoid",
        rows=5,
    )
    due_on = date_field("Due date", help_text="A working day on or before the pack's due date, for example 7 12 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.possible_assignees()

    def layout_fields(self):
        return [Field.select("assignee"), Field.textarea("brief", rows=5), Field("due_on")]

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


class DraftForm(GovFormMixin, VersionMixin):
    """The section's text, in Markdown."""

    submit_label = "Save draft"

    body = text_field(
        "Section text",
        what="the section text",
        required=False,
        limit=BODY_LIMIT,
        help_text="Write in Markdown: a blank line between paragraphs, ## for a heading, - for a bullet point, "
        "**bold**. HTML is removed when it is saved.",
        rows=18,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *self.layout_fields(),
            Button.secondary("preview", "Preview"),
            Button("submit", self.submit_label),
        )

    def layout_fields(self):
        return [Field("version"), Field.textarea("body", rows=18)]


class ReturnForm(GovFormMixin, VersionMixin):
    submit_label = "Return with comments"

    comments = text_field(
        "What needs to change?",
        what="what needs to change",
        called="the comments",
        required=True,
        help_text="These are emailed to the person who wrote the section and shown on its page",
        rows=5,
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("comments", rows=5)]


class CancelForm(GovFormMixin, VersionMixin):
    submit_label = "Cancel the commission"

    reason = text_field(
        "Why is it no longer needed?",
        what="why the commission is cancelled",
        called="the reason",
        required=True,
        help_text="This is emailed to the person asked",
        rows=3,
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("reason", rows=3)]


# --- the list's filters -------------------------------------------------------------------------------------------
MINE, LATE, OPEN = "mine", "late", "open"
PACK_REFERENCE = re.compile(r"^(?:BP)?0*([0-9]{1,12})$", re.IGNORECASE)


class DateInput(forms.DateInput):
    input_type = "date"


class CommissionFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            self.add_error("due_from", "The 'due from' date must be before the 'due to' date")
        if data.get("pack") and not PACK_REFERENCE.match(data["pack"].strip()):
            self.add_error("pack", "Enter a pack reference like BP00012")
        return data


class AssigneeFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def _assignees(request):
    return selectors.filter_assignees(request.user)


class CommissionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search pack, section and brief")
    scope = django_filters.ChoiceFilter(choices=[], method="by_scope", label="Show", empty_label="All I can see")
    state = django_filters.ChoiceFilter(
        choices=[(OPEN, "Open (not yet accepted or cancelled)"), *CommissionState.choices],
        method="by_state",
        label="State",
        empty_label="Any",
    )
    late = django_filters.ChoiceFilter(
        choices=[("yes", "Late"), ("no", "Not late")], method="by_late", label="Late", empty_label="Any"
    )
    pack = django_filters.CharFilter(method="by_pack", label="Pack reference", help_text="For example BP00012")
    assignee = AssigneeFilter(queryset=_assignees, label="Asked of", empty_label="Anyone")
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Due from", widget=DateInput)
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due to", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("due_on", "due"),
            ("section__pack__title", "pack"),
            ("section__title", "section"),
            ("assignee__full_name", "assignee"),
            ("state", "state"),
        ),
        label="Sort by",
        empty_label="Soonest due first",
    )

    class Meta:
        form = CommissionFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        scopes = [(MINE, "Asked of you")]
        if selectors.late_q(user) is not None:
            scopes.append((LATE, "Late (for you to chase)"))
        self.filters["scope"].extra["choices"] = scopes
        self.filters["scope"].extra["error_messages"] = {"invalid_choice": "Choose what to show from the list"}
        self.filters["assignee"].extra["error_messages"] = {"invalid_choice": "Choose a person from the list"}
        for name in ("due_from", "due_to"):
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:10]:
            condition &= (
                Q(section__pack__title__icontains=word) | Q(section__title__icontains=word) | Q(brief__icontains=word)
            )
        return queryset.filter(condition)

    def by_scope(self, queryset, name, value):
        if value == MINE:
            return queryset.filter(assignee_id=self.request.user.pk)
        whose = selectors.late_q(self.request.user)
        return queryset.late().filter(whose).exclude(section__pack__status="withdrawn")

    def by_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=OPEN_STATES)
        return queryset.filter(state=value)

    def by_late(self, queryset, name, value):
        late = queryset.late().values("pk")
        return queryset.filter(pk__in=late) if value == "yes" else queryset.exclude(pk__in=late)

    def by_pack(self, queryset, name, value):
        return queryset.filter(section__pack_id=int(PACK_REFERENCE.match(value.strip())[1]))
