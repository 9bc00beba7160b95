"""The action tracker's filters (django-filter): the list, its export and its bulk change all read through
ActionFilter, over `Action.objects.visible_to(user)`, so a filter can only narrow what the user may see.

`?mine=1` is the user's own actions; `?directorate=me` their directorate's (a directorate contact's usual view)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from decisions.forms.actions import MeetingChoiceField
from decisions.models import Action, ActionStatus, Rag
from decisions.models.actions import OPEN_ACTION_STATUSES
from decisions.selectors import actions as selectors
from mayoral_office.forms import ModelChoiceField
from mayoral_office.word_search import matching

STILL_OPEN = "still_open"
MY_DIRECTORATE = "me"


class DateInput(forms.DateInput):
    input_type = "date"


class ActionFilterForm(forms.Form):
    """A 'due from' date after the 'due to' date is an error, not an empty list."""

    def clean(self):
        data = super().clean()
        if data.get("due_from") and data.get("due_to") and data["due_from"] > data["due_to"]:
            self.add_error("due_from", "The 'due from' date must be before the 'due to' date")
        return data


class PickFilter(django_filters.ModelChoiceFilter):
    """A pick-list that refuses a tampered id ("not a valid choice"), like every pick-list of the office."""

    field_class = ModelChoiceField


class MeetingFilter(PickFilter):
    field_class = MeetingChoiceField


def _owners(request):
    return selectors.filter_owners(request.user)


def _bodies(request):
    return selectors.filter_bodies(request.user)


def _meetings(request):
    return selectors.filter_meetings(request.user)


def _directorate_choices(user):
    """The directorates owning actions the user may see, and "My directorate" for a user who has one: a function
    (a field copies its choices; a function is not copied), reading them once however often it is called."""
    found: list[tuple[str, str]] = []

    def choices():
        if not found and user is not None:
            own = getattr(user, "directorate", None)
            if own:
                found.append((MY_DIRECTORATE, f"My directorate ({own})"))
            found.extend((str(pk), name) for pk, name in selectors.filter_directorates(user).values_list("pk", "name"))
        return found

    return choices


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search descriptions")
    mine = django_filters.ChoiceFilter(
        choices=[("1", "Only my actions")], method="only_mine", label="Whose", empty_label="All I can see"
    )
    status = django_filters.ChoiceFilter(
        choices=[(STILL_OPEN, "Still open (not started or in progress)"), *ActionStatus.choices],
        method="by_status",
        label="Status",
        empty_label="Any",
    )
    rag = django_filters.ChoiceFilter(choices=Rag.choices, label="RAG rating", empty_label="Any")
    overdue = django_filters.ChoiceFilter(
        choices=[("yes", "Overdue"), ("no", "Not overdue")], method="by_overdue", label="Overdue", empty_label="Any"
    )
    owner = PickFilter(queryset=_owners, label="Owner", empty_label="Anyone")
    directorate = django_filters.ChoiceFilter(
        choices=[], method="by_directorate", label="Directorate", empty_label="Any"
    )
    body = PickFilter(queryset=_bodies, field_name="meeting__body", label="Meeting of", empty_label="Any body")
    meeting = MeetingFilter(queryset=_meetings, label="Meeting", empty_label="Any meeting")
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Due from", widget=DateInput)
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="Due to", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("due_on", "due"),
            ("description", "description"),
            ("owner__full_name", "owner"),
            ("owner_directorate__name", "directorate"),
            ("status", "status"),
            ("rag", "rag"),
            ("meeting__starts_at", "meeting"),
        ),
        label="Sort by",
        empty_label="Soonest due first",
    )

    class Meta:
        form = ActionFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["directorate"].extra["choices"] = _directorate_choices(self.request.user if self.request else None)
        self.filters["directorate"].extra["error_messages"] = {"invalid_choice": "Choose a directorate from the list"}
        for name in ("due_from", "due_to"):
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def search(self, queryset, name, value):
        return matching(queryset, value, words=Action.search_words)

    def only_mine(self, queryset, name, value):
        return queryset.filter(owner_id=self.request.user.pk) if value else queryset

    def by_status(self, queryset, name, value):
        if value == STILL_OPEN:
            return queryset.filter(status__in=OPEN_ACTION_STATUSES)
        return queryset.filter(status=value)

    def by_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def by_directorate(self, queryset, name, value):
        if value == MY_DIRECTORATE:
            return queryset.filter(owner_directorate_id=getattr(self.request.user, "directorate_id", None) or -1)
        return queryset.filter(owner_directorate_id=int(value))
