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


def directory_history(user, query) -> list:
    """The engagements the stakeholder attends (picked from the directory), organised or is named in (never one shown
    to this user as "Busy")."""
    from django.db.models import Q

    from diary import policy
    from mayoral_office.registry import MemberLine, history_section

    attended = Engagement.stakeholders.through.objects.filter(stakeholder_id__in=query.people).values("engagement_id")
    condition = Q(pk__in=attended) if query.people else Q(pk__in=[])
    for name in query.names:
        condition |= Q(organiser__icontains=name) | Q(title__icontains=name)
    found = _engagements(user).filter(condition).exclude(policy.hidden_details_q(user))
    line = lambda e: MemberLine(e.title, e.get_absolute_url(), e.starts_at, e.organiser or "")  # noqa: E731
    return [history_section("Engagements", found, line, order=20)]
