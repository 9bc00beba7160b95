import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from decisions.models import Body, MeetingStatus, MinutesStatus
from mayoral_office.word_search import matching


class DateInput(forms.DateInput):
    input_type = "date"


def _bodies(request):
    return Body.objects.visible_to(request.user).order_by("name") if request else Body.objects.none()


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="A body, a place or an item's title")
    body = django_filters.ModelChoiceFilter(queryset=_bodies, label="Body", empty_label="All bodies")
    when = django_filters.ChoiceFilter(
        method="by_when", label="When", choices=[("coming", "Still to come"), ("past", "Past")], empty_label="Any time"
    )
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label="Status", empty_label="Any")
    minutes_status = django_filters.ChoiceFilter(choices=MinutesStatus.choices, label="Minutes", empty_label="Any")
    date_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label="From", widget=DateInput
    )
    date_to = django_filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", label="To", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(("starts_at", "when"), ("body__name", "body")), label="Sort by", empty_label="Soonest first"
    )

    def by_when(self, queryset, name, value):
        now = timezone.now()
        if value == "coming":
            return queryset.filter(starts_at__gte=now)
        return queryset.filter(starts_at__lt=now).order_by("-starts_at")

    def search(self, queryset, name, value):
        from decisions.models import AgendaItem

        items = matching(AgendaItem.objects.visible_to(self.request.user), value, words=AgendaItem.search_words)
        held = matching(queryset, value, words=("place",), also=("body__name",))
        return queryset.filter(Q(pk__in=held.values("pk")) | Q(pk__in=items.values("meeting_id")))
