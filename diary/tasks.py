"""Scheduled diary jobs. Each takes plain values and calls a service or job; each is also a management command."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from diary import week_ahead


def next_monday(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


@shared_task
def send_week_ahead(week_start: str | None = None) -> int:
    """Email each member and their officers the coming week (schedule: Fridays at 15:00)."""
    start = date.fromisoformat(week_start) if week_start else next_monday()
    return week_ahead.week_ahead_send(week_start=start)
