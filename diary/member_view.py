"""The diary's part of a member's home page (registered in apps.py): their next engagements, two weeks ahead."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from diary.models import Engagement, EngagementStatus
from mayoral_office.filters import start_of_day
from mayoral_office.registry import MemberLine, MemberViewSection

AHEAD_DAYS = 14
LINES = 8


def member_view(user, member, today: date) -> list[MemberViewSection]:
    engagements = (
        Engagement.objects.visible_to(user)
        .filter(members=member, starts_at__gte=start_of_day(today))
        .filter(starts_at__lt=start_of_day(today + timedelta(days=AHEAD_DAYS + 1)))
        .exclude(status=EngagementStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    return [
        MemberViewSection(
            f"Your engagements in the next {AHEAD_DAYS} days",
            tuple(
                MemberLine(e.title, reverse("diary:engagement", args=[e.pk]), e.local_start, e.location)
                for e in engagements.only("pk", "title", "starts_at", "location")[:LINES]
            ),
            engagements.count(),
            f"{reverse('diary:forward-look')}?member={member.pk}",
            empty="Nothing in your diary for the next two weeks.",
            order=20,
        )
    ]
