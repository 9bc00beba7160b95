"""seed_demo fills eight weeks of diaries with a recurring surgery, invitations and one conflict; running it
again changes nothing."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from diary.models import Engagement, Invitation, RecurringSeries

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_eight_weeks_and_is_idempotent(small_demo):
    call_command("seed_demo", stdout=io.StringIO())
    count = Engagement.objects.count()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    assert Engagement.objects.filter(starts_at__date__gte=monday + timedelta(weeks=7)).exists()
    weekly = RecurringSeries.objects.get(frequency="weekly")
    assert weekly.occurrences.filter(status="cancelled").count() == 1
    assert weekly.occurrences.count() == 8
    assert set(Invitation.objects.values_list("status", flat=True)) == {
        "received",
        "accepted",
        "declined",
        "delegated",
    }
    conflict = Engagement.objects.get(title__startswith="BBC London")
    assert "Reason for going ahead" in conflict.conflict_reason
    assert Engagement.objects.filter(is_private=True).exists()

    call_command("seed_demo", stdout=io.StringIO())
    assert Engagement.objects.count() == count
