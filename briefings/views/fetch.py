"""The authorising fetches of briefings: every view gets its record through `record` (404 for a record the user
may not see, reads of OFFICIAL-SENSITIVE packs logged in the access log), and its `actions` from the policy."""

from __future__ import annotations

from briefings import policy
from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError


def section(request) -> None:
    """The section at all: refused (403) to anyone with no part in it."""
    policy.require(request.user, "briefings.view")


def record(request, queryset, *, action: str | None = None, page: str = "", whole_section: bool = True, **lookup):
    """The record from `queryset.visible_to(user)` (404 otherwise). With `action`: only if the user may do that to
    it now: PermissionDenied (403), or a ServiceError that returns the officer to `page` with the reason.
    `whole_section=False` for commissions, which a contributor outside the section opens."""
    if whole_section:
        section(request)
    found = get_visible_or_404(request, queryset, **lookup)
    if action is not None:
        try:
            policy.require(request.user, action, found, seen=True)
        except ServiceError as exc:
            exc.redirect_to = page or getattr(found, "get_absolute_url", lambda: "")()
            raise
    return found


def actions(request, obj=None) -> set[str]:
    """What the user may do to the record shown (if any), and in briefings as a whole (the menu)."""
    found = policy.available_actions(request.user, None)
    if obj is not None:
        found |= policy.available_actions(request.user, obj)
    return found
