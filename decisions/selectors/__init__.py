"""Every read of the decisions app that matters, always starting from `visible_to(user)`; split by area like the
services (meetings.py, actions.py, pathway.py, incidents.py). No HTTP."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from decisions.models import Action, Meeting, MeetingStatus


def landing(user) -> dict:
    """The section's landing page: the next meetings and the user's open actions."""
    now = timezone.now()
    upcoming = (
        Meeting.objects.visible_to(user)
        .filter(starts_at__gte=now, status=MeetingStatus.SCHEDULED)
        .select_related("body")
        .order_by("starts_at")[:8]
    )
    mine = Action.objects.visible_to(user).still_open().filter(owner=user).order_by("due_on")[:8]
    return {"upcoming": list(upcoming), "my_actions": list(mine), "today": timezone.localdate()}


def home_work(user) -> list:
    """The user's decisions to-do for the home page: their open actions, and how many are overdue."""
    from django.urls import reverse

    from mayoral_office.registry import WorkItem

    mine = Action.objects.visible_to(user).still_open().filter(owner=user)
    today = timezone.localdate()
    counts = mine.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    url = reverse("decisions:actions") + "?mine=1&status=still_open"
    items = []
    if counts["overdue"]:
        items.append(WorkItem("Your overdue actions", counts["overdue"], url))
    if counts["open"]:
        items.append(WorkItem("Your open actions", counts["open"], url))
    return items
