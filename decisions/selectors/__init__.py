"""Every read of the decisions app that matters, always starting from `visible_to(user)`; split by area like the
services (meetings.py, actions.py, pathway.py, incidents.py). No HTTP."""

from __future__ import annotations

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
