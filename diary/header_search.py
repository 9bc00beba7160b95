"""What the diary gives the header search (registered in apps.py): engagements by title, place or organiser,
through the engagement list's own search, which never finds a private engagement shown to this user as "Busy"."""

from __future__ import annotations

from django.utils import timezone

from diary.filters import EngagementFilter
from diary.models import Engagement
from mayoral_office.registry import SearchHit, SearchProvider
from mayoral_office.search import through_list


def _engagement(engagement) -> SearchHit:
    when = timezone.localtime(engagement.starts_at)
    return SearchHit(engagement.title, engagement.get_absolute_url(), f"{when:%-d %B %Y, %H:%M}")


def _engagements(user):
    return Engagement.objects.visible_to(user).order_by("-starts_at", "-pk")


def providers(allowed) -> list[SearchProvider]:
    return [
        SearchProvider(
            "diary.engagement",
            "Engagements",
            through_list(EngagementFilter, _engagements, _engagement),
            allowed,
            order=20,
        )
    ]
