import django_filters
from django import forms
from django.db.models import Q

from diary import policy, selectors
from diary.models import Engagement, EngagementKind, EngagementStatus, InvitationStatus
from mayoral_office.models import Member
from mayoral_office.word_search import matching


class DateInput(forms.DateInput):
    input_type = "date"


def _members(request):
    return selectors.diary_members(request.user) if request else Member.objects.none()


class EngagementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    member = django_filters.ModelChoiceFilter(
        queryset=_members, field_name="members", label="Member", empty_label="All members"
    )
    kind = django_filters.ChoiceFilter(choices=EngagementKind.choices, label="Type", empty_label="Any")
    status = django_filters.ChoiceFilter(choices=EngagementStatus.choices, label="Status", empty_label="Any")
    briefing = django_filters.ChoiceFilter(
        choices=[("needed", "Briefing needed"), ("none", "No briefing needed")],
        method="briefing_needed",
        label="Briefing",
        empty_label="Any",
    )
    date_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label="From", widget=DateInput
    )
    date_to = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", label="To", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(("starts_at", "when"), ("title", "title"), ("kind", "type")),
        label="Sort by",
        empty_label="Soonest first",
    )

    def briefing_needed(self, queryset, name, value):
        return queryset.filter(briefing_required=value == "needed")

    def search(self, queryset, name, value):
        matches = matching(queryset, value, words=Engagement.search_words)
        # A private item shown as "Busy" must never be found by its hidden title or place.
        return matches.exclude(policy.hidden_details_q(self.request.user))


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    member = django_filters.ModelChoiceFilter(queryset=_members, label="Member", empty_label="All members")
    status = django_filters.ChoiceFilter(choices=InvitationStatus.choices, label="Status", empty_label="Any")
    date_from = django_filters.DateFilter(
        field_name="event_date", lookup_expr="gte", label="Event from", widget=DateInput
    )
    date_to = django_filters.DateFilter(field_name="event_date", lookup_expr="lte", label="Event to", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(("event_date", "date"), ("received_on", "received"), ("organisation", "organisation")),
        label="Sort by",
        empty_label="Event date",
    )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value) | Q(event_name__icontains=value) | Q(organisation__icontains=value)
        )
