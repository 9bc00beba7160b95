"""The authorising fetches of the diary: every view gets its record through one of these (403 for someone with no
diary at all, 404 for a record the user may not see; reads of private engagements in full logged), and its
`actions` from the policy."""

from __future__ import annotations

from diary import policy, selectors
from diary.models import Engagement, FeedToken, Invitation
from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError
from mayoral_office.models import Member


def _check(request, action: str | None, found, page: str):
    """With `action`: only if the user may do that to it now. PermissionDenied (403), or a ServiceError that
    returns the officer to the record's page with the reason."""
    if action is not None:
        try:
            policy.require(request.user, action, found, seen=True)
        except ServiceError as exc:
            exc.redirect_to = page
            raise
    return found


def diary(request) -> None:
    """The diary at all: refused (403) to directorate contacts and anyone who neither is nor supports a member."""
    policy.require(request.user, "diary.view")


def engagement(request, pk, *, action: str | None = None, page: bool = False) -> Engagement:
    """The engagement, marked `masked` if the user sees it only as "Busy"."""
    diary(request)
    queryset = selectors.engagements_for_page() if page else selectors.engagements_for_fetch()
    found = get_visible_or_404(request, queryset, pk=pk, log_read=lambda e: policy.logs_read(request.user, e))
    found.masked = policy.masked(request.user, found)
    return _check(request, action, found, found.get_absolute_url())


def invitation(request, pk, *, action: str | None = None) -> Invitation:
    diary(request)
    found = get_visible_or_404(request, selectors.invitations_for_fetch(), pk=pk, log_read=lambda i: False)
    return _check(request, action, found, found.get_absolute_url())


def member(request, pk, *, action: str | None = None) -> Member:
    """A member whose diary the user may open (?member=, or the subscription page)."""
    diary(request)
    found = get_visible_or_404(request, selectors.DiaryMembers(), pk=pk, log_read=lambda m: False)
    return _check(request, action, found, "")


def feed_token(request, member_obj: Member, pk) -> FeedToken:
    """One of the member's working feed addresses (404 for another's, a turned-off one, or a tampered id)."""
    return get_visible_or_404(request, selectors.active_feed_tokens(member_obj), pk=pk, log_read=lambda t: False)


def actions(request, obj=None) -> set[str]:
    """What the user may do here: to the record shown (if any), and in the diary as a whole (the menu)."""
    found = policy.available_actions(request.user, None)
    return found | policy.available_actions(request.user, obj) if obj is not None else found
