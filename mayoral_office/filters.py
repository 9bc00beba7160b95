from datetime import date, datetime, time, timedelta

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from mayoral_office import registry
from mayoral_office.models import AccessLog, Notification, User


class DateInput(forms.DateInput):
    input_type = "date"


def start_of_day(day: date) -> datetime:
    """Midnight at the start of a day in the council's time zone: a list filtered "from" or "to" a day compares its
    timestamps with this (an index serves that), not each timestamp cast to a date."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _record_types(request):
    return ContentType.objects.filter(app_label__in=["mayoral_office", *registry.app_labels()]).order_by(
        "app_label", "model"
    )


class AuditFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search records")
    actor = django_filters.ModelChoiceFilter(queryset=User.objects.all(), label="Who", empty_label="Anyone")
    content_type = django_filters.ModelChoiceFilter(queryset=_record_types, label="Record type", empty_label="Any")
    action = django_filters.ChoiceFilter(choices=LogEntry.Action.choices, label="Action", empty_label="Any")
    date_from = django_filters.DateFilter(method="on_or_after", label="From", widget=DateInput)
    date_to = django_filters.DateFilter(method="on_or_before", label="To", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(("timestamp", "when"), ("actor__full_name", "who")),
        label="Sort by",
        empty_label="Newest first",
    )

    class Meta:
        model = LogEntry
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(object_repr__icontains=value) | Q(changes_text__icontains=value))

    def on_or_after(self, queryset, name, value):
        return queryset.filter(timestamp__gte=start_of_day(value))

    def on_or_before(self, queryset, name, value):
        return queryset.filter(timestamp__lt=start_of_day(value + timedelta(days=1)))


class AccessLogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label="Search records")
    user = django_filters.ModelChoiceFilter(queryset=User.objects.all(), label="Who", empty_label="Anyone")
    date_from = django_filters.DateFilter(method="on_or_after", label="From", widget=DateInput)
    date_to = django_filters.DateFilter(method="on_or_before", label="To", widget=DateInput)

    class Meta:
        model = AccessLog
        fields = []

    def on_or_after(self, queryset, name, value):
        return queryset.filter(at__gte=start_of_day(value))

    def on_or_before(self, queryset, name, value):
        return queryset.filter(at__lt=start_of_day(value + timedelta(days=1)))


class OutboxFilter(django_filters.FilterSet):
    """The outbox page's filters. `kinds`: the kinds of email the outbox holds (selectors.outbox_summary), so the
    options cost no query of their own."""

    q = django_filters.CharFilter(method="search", label="Search by address or subject")
    status = django_filters.ChoiceFilter(choices=Notification.Status.choices, label="Status", empty_label="Any")
    kind = django_filters.ChoiceFilter(choices=[], label="Kind of email", empty_label="Any")

    class Meta:
        model = Notification
        fields = []

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["choices"] = [(kind, kind) for kind in kinds]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(subject__icontains=value) | Q(to__icontains=value)) if value else queryset
