"""The pack list's filters (django-filter), over `selectors.pack_list(user)`, so a filter only narrows what the
user may see: search by title or reference ("BP00012"), stage (late included), member, lead officer, marking,
what the pack is for, due dates; sort by due date, title or last change. Withdrawn packs are left out of the list
unless asked for (`selectors.pack_list(user, withdrawn=...)`)."""

from __future__ import annotations

import re
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from briefings.models import Marking, Pack, PackStatus, Stage
from briefings.selectors import packs as selectors
from mayoral_office.filters import start_of_day
from mayoral_office.forms import ModelChoiceField
from mayoral_office.word_search import matching

WITHDRAWN = "withdrawn"
STAGES = [
    (Stage.IN_DRAFT, "In draft"),
    (Stage.COMMISSIONED, "Commissioned"),
    (Stage.LATE, "Late"),
    (Stage.CLEARED, "Cleared"),
    (Stage.ISSUED, "Issued"),
    (WITHDRAWN, "Withdrawn"),
]
KINDS = [("engagement", "An engagement"), ("meeting", "A meeting"), ("standalone", "Standalone")]
REFERENCE = re.compile(r"^bp0*(\d{1,12})$", re.IGNORECASE)
PREPARING = (PackStatus.DRAFT, PackStatus.CLEARED)


class DateInput(forms.DateInput):
    input_type = "date"


class PackFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        for start, end, what in (("due_from", "due_to", "'due from'"), ("date_from", "date_to", "'from'")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(start, f"The {what} date must be before the {what.replace('from', 'to')} date")
        return data


class PickFilter(django_filters.ModelChoiceFilter):
    """A pick-list that refuses a tampered id ("not a valid choice")."""

    field_class = ModelChoiceField


def _members(request):
    return selectors.possible_members()


def _leads(request):
    return selectors.possible_leads()


class PackFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search titles or references", max_length=200)
    stage = django_filters.ChoiceFilter(
        choices=STAGES, method="by_stage", label="Stage", empty_label="Any (not withdrawn)"
    )
    member = PickFilter(queryset=_members, method="by_member", label="Member", empty_label="Any member")
    lead_officer = PickFilter(queryset=_leads, label="Lead officer", empty_label="Anyone")
    marking = django_filters.ChoiceFilter(choices=Marking.choices, label="Marking", empty_label="Any")
    kind = django_filters.ChoiceFilter(choices=KINDS, method="by_kind", label="For", empty_label="Anything")
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Due from", widget=DateInput)
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due to", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(("due_on", "due"), ("title", "title"), ("updated_at", "updated")),
        field_labels={"due_on": "Due date", "title": "Title", "updated_at": "Last changed"},
        label="Sort by",
        empty_label="Soonest due first",
    )

    class Meta:
        form = PackFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, what in (("stage", "stage"), ("marking", "marking"), ("kind", "what the pack is for")):
            self.filters[name].extra["error_messages"] = {"invalid_choice": f"Choose a {what} from the list"}
        self.filters["member"].extra["error_messages"] = {"invalid_choice": "Choose a member from the list"}
        self.filters["lead_officer"].extra["error_messages"] = {"invalid_choice": "Choose an officer from the list"}
        for name in ("due_from", "due_to"):
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def search(self, queryset, name, value):
        value = value.strip()
        reference = REFERENCE.match(value.replace(" ", ""))
        if reference:
            return queryset.filter(pk=int(reference[1]))
        return matching(queryset, value, words=Pack.search_words)

    def by_stage(self, queryset, name, value):
        today = timezone.localdate()
        late = Q(status__in=PREPARING, due_on__lt=today)
        if value == WITHDRAWN:
            return queryset.filter(status=PackStatus.WITHDRAWN)
        if value == Stage.ISSUED:
            return queryset.filter(status=PackStatus.ISSUED)
        if value == Stage.LATE:
            return queryset.filter(late)
        if value == Stage.CLEARED:
            return queryset.filter(status=PackStatus.CLEARED).exclude(late)
        drafting = queryset.filter(status=PackStatus.DRAFT).exclude(late)
        if value == Stage.COMMISSIONED:
            return drafting.filter(open_commissions__gt=0)
        return drafting.filter(open_commissions=0)

    def by_member(self, queryset, name, value):
        return queryset.filter(pk__in=value.briefing_packs.values("pk"))

    def by_kind(self, queryset, name, value):
        if value == "engagement":
            return queryset.filter(engagement__isnull=False)
        if value == "meeting":
            return queryset.filter(meeting__isnull=False)
        return queryset.filter(engagement__isnull=True, meeting__isnull=True)


NOT_CLEARED = "not_cleared"
CLEARED = "cleared"


class EngagementBriefingFilter(django_filters.FilterSet):
    """The engagements needing a briefing, from `selectors.engagements_to_brief(user)`: by dates, member, and whether
    a pack is cleared (or issued) for them yet."""

    date_from = django_filters.DateFilter(method="on_or_after", label="From", widget=DateInput)
    date_to = django_filters.DateFilter(method="on_or_before", label="To", widget=DateInput)
    briefing = django_filters.ChoiceFilter(
        choices=[(NOT_CLEARED, "No cleared briefing yet"), (CLEARED, "Briefing cleared or issued")],
        method="by_briefing",
        label="Briefing",
        empty_label="Any",
    )
    member = PickFilter(queryset=_members, field_name="members", label="Member", empty_label="Any member")

    class Meta:
        form = PackFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def on_or_after(self, queryset, name, value):
        return queryset.filter(starts_at__gte=start_of_day(value))

    def on_or_before(self, queryset, name, value):
        return queryset.filter(starts_at__lt=start_of_day(value + timedelta(days=1)))

    def by_briefing(self, queryset, name, value):
        return queryset.filter(briefing_cleared=value == CLEARED)
