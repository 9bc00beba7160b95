"""Filters for casework lists (django-filter). Every list, queue and export uses CaseFilter."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import F, Q

from casework.models import Case, CaseType, ContributionRequest, Sensitivity, Status
from casework.search import search_cases
from casework.selectors import allocatable_officers
from mayoral_office.filters import start_of_day
from mayoral_office.models import Directorate, Member, Ward


class DateInput(forms.DateInput):
    input_type = "date"


DATE_RANGES = [
    ("received_from", "received_to"),
    ("due_from", "due_to"),
    ("closed_from", "closed_to"),
    ("answered_from", "answered_to"),
]
IN_TARGET = "in_target"
LATE = "late"


def answered_q(which: str, prefix: str = "") -> Q:
    """Answered (a response sent) within its target date, or after it. A case with no target date is within it.
    `prefix`: the path to the case from the model filtered ("case__")."""
    answered = Q(**{f"{prefix}response_sent_on__isnull": False})
    due = f"{prefix}response_due"
    late = Q(**{f"{due}__isnull": False, f"{prefix}response_sent_on__gt": F(due)})
    return answered & (late if which == LATE else ~late)


class CaseFilterForm(forms.Form):
    """The filter form: a 'from' date after its 'to' date is an error, not an empty list."""

    def clean(self):
        data = super().clean()
        for start, end in DATE_RANGES:
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(start, "The 'from' date must be before the 'to' date")
        return data


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=Status.choices, label="Stage", empty_label="Any")
    case_type = django_filters.ModelChoiceFilter(queryset=CaseType.objects.all(), label="Type", empty_label="Any")
    member = django_filters.ModelChoiceFilter(queryset=Member.objects.all(), label="Member", empty_label="Any")
    officer = django_filters.ModelChoiceFilter(
        queryset=lambda request: allocatable_officers(), label="Officer", empty_label="Anyone"
    )
    directorate = django_filters.ModelChoiceFilter(
        queryset=Directorate.objects.all(),
        label="Directorate asked",
        empty_label="Any",
        method="by_directorate",
    )
    ward = django_filters.ModelChoiceFilter(queryset=Ward.objects.all(), label="Ward", empty_label="Any")
    sensitivity = django_filters.ChoiceFilter(choices=Sensitivity.choices, label="Sensitivity", empty_label="Any")
    received_from = django_filters.DateFilter(method="received_on_or_after", label="Received from", widget=DateInput)
    received_to = django_filters.DateFilter(method="received_on_or_before", label="Received to", widget=DateInput)
    due_from = django_filters.DateFilter(
        field_name="response_due", lookup_expr="gte", label="Due from", widget=DateInput
    )
    due_to = django_filters.DateFilter(field_name="response_due", lookup_expr="lte", label="Due to", widget=DateInput)
    closed_from = django_filters.DateFilter(method="closed_on_or_after", label="Closed from", widget=DateInput)
    closed_to = django_filters.DateFilter(method="closed_on_or_before", label="Closed to", widget=DateInput)
    answered_from = django_filters.DateFilter(
        field_name="response_sent_on", lookup_expr="gte", label="Answered from", widget=DateInput
    )
    answered_to = django_filters.DateFilter(
        field_name="response_sent_on", lookup_expr="lte", label="Answered to", widget=DateInput
    )
    answered = django_filters.ChoiceFilter(
        choices=[(IN_TARGET, "Within target"), (LATE, "After the target date")],
        method="by_answered",
        label="Answered",
        empty_label="Any",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("reference", "reference"),
            ("received_at", "received"),
            ("response_due", "due"),
            ("subject", "subject"),
            ("status", "status"),
            ("member__name", "member"),
            ("officer__full_name", "officer"),
        ),
        label="Sort by",
        empty_label="Default",
    )

    class Meta:
        model = Case
        fields = []
        form = CaseFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for pair in DATE_RANGES for name in pair]:
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def search(self, queryset, name, value):
        return search_cases(queryset, value)

    # From the start of the local day: received_at >= midnight in London can use an index on received_at, where
    # received_at::date >= day (a cast of every row) cannot.
    def received_on_or_after(self, queryset, name, value):
        return queryset.filter(received_at__gte=start_of_day(value))

    def received_on_or_before(self, queryset, name, value):
        return queryset.filter(received_at__lt=start_of_day(value + timedelta(days=1)))

    def closed_on_or_after(self, queryset, name, value):
        return queryset.filter(closed_at__gte=start_of_day(value))

    def closed_on_or_before(self, queryset, name, value):
        return queryset.filter(closed_at__lt=start_of_day(value + timedelta(days=1)))

    def by_answered(self, queryset, name, value):
        return queryset.filter(answered_q(value))

    def by_directorate(self, queryset, name, value):
        return queryset.filter(pk__in=ContributionRequest.objects.filter(directorate=value).values("case_id"))


class ContributionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    state = django_filters.ChoiceFilter(
        choices=[("due", "Due"), ("overdue", "Overdue"), ("received", "Answered"), ("not_needed", "No longer needed")],
        method="by_state",
        label="State",
        empty_label="Any",
    )
    directorate = django_filters.ModelChoiceFilter(
        queryset=Directorate.objects.all(), label="Directorate", empty_label="Any"
    )
    ordering = django_filters.OrderingFilter(
        fields=(("due_on", "due"), ("requested_at", "requested"), ("case__reference", "reference")),
        label="Sort by",
        empty_label="Default",
    )

    class Meta:
        model = ContributionRequest
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(case__reference__icontains=value) | queryset.filter(case__subject__icontains=value)

    def by_state(self, queryset, name, value):
        return queryset.in_state(value)
