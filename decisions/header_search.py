"""What decisions give the header search (registered in apps.py): meetings, decisions and actions, each through
its list's own search, as the user may see them."""

from __future__ import annotations

from decisions.filters_actions import ActionFilter
from decisions.filters_meetings import MeetingFilter
from decisions.forms.pathway import RegisterFilter
from decisions.selectors import meetings as read
from decisions.selectors.actions import actions_for
from decisions.selectors.pathway import register
from mayoral_office.registry import SearchHit, SearchProvider
from mayoral_office.search import list_url, through_list


def _meeting(meeting) -> SearchHit:
    return SearchHit(str(meeting), meeting.get_absolute_url(), meeting.place)


def _decision(decision) -> SearchHit:
    return SearchHit(
        f"{decision.reference}: {decision.title}", decision.get_absolute_url(), f"Taken {decision.taken_on:%-d %B %Y}"
    )


def _action(action) -> SearchHit:
    due = f"Due {action.due_on:%-d %B %Y}" if action.due_on else ""
    return SearchHit(str(action), action.get_absolute_url(), due)


def providers(allowed) -> list[SearchProvider]:
    return [
        SearchProvider(
            "decisions.meeting",
            "Meetings",
            through_list(MeetingFilter, lambda user: read.meetings(user).order_by("-starts_at", "-pk"), _meeting),
            allowed,
            list_url("decisions:meetings"),
            order=40,
        ),
        SearchProvider(
            "decisions.decision",
            "Decisions",
            through_list(RegisterFilter, register, _decision),
            allowed,
            list_url("decisions:register"),
            order=41,
        ),
        SearchProvider(
            "decisions.action",
            "Actions",
            through_list(ActionFilter, actions_for, _action),
            allowed,
            list_url("decisions:actions"),
            order=42,
        ),
    ]


def directory_history(user, query) -> list:
    """The actions that name the stakeholder (to write to them, meet them, agree something with them)."""
    from django.db.models import Q

    from mayoral_office.registry import MemberLine, history_section

    condition = Q(pk__in=[])
    for name in query.names:
        condition |= Q(description__icontains=name)
    found = actions_for(user).filter(condition)
    line = lambda a: MemberLine(str(a), a.get_absolute_url(), a.due_on, a.get_status_display())  # noqa: E731
    return [history_section("Actions", found, line, order=30)]
