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
    return SearchHit(str(meeting), meeting.get_absolute_url(), meeting.place if hasattr(meeting, "place") else "")


def _decision(decision) -> SearchHit:
    return SearchHit(
        f"{decision.reference}: {decision.title}", decision.get_absolute_url(), f"{decision.taken_on:%-d %B %Y}"
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
