"""The authorising fetches of procurement: every view gets its requisition through `requisition` (404 for one the
user may not see: a requester never learns another's exists), and its `actions` from the policy."""

from __future__ import annotations

from django.http import Http404

from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError
from mayoral_office.lists import parse_pk
from procurement import policy
from procurement.models import Quote, Requisition
from procurement.selectors import requisitions as selectors


def section(request) -> None:
    """Procurement at all: refused (403) to anyone with no part in it (members, interns, directorate contacts)."""
    policy.require(request.user, "procurement.view")


def requisition(request, pk, *, action: str | None = None) -> Requisition:
    """The requisition from `visible_to(user)` with what its page reads (404 otherwise). With `action`: only if the
    user may do that to it now: PermissionDenied (403), or a ServiceError that returns the officer to its page with
    the reason."""
    section(request)
    found = get_visible_or_404(request, selectors.detail_queryset(), pk=pk)
    if action is not None:
        try:
            policy.require(request.user, action, found, seen=True)
        except ServiceError as exc:
            exc.redirect_to = found.get_absolute_url()
            raise
    return found


def quote(request, pk) -> Quote:
    """A quote, only to those who may see its requisition (404 otherwise)."""
    section(request)
    found = (
        Quote.objects.filter(pk=pk).only("pk", "requisition_id", "file", "file_name").first() if parse_pk(pk) else None
    )
    if found is None:
        raise Http404("Not found")
    get_visible_or_404(request, Requisition.objects.only("pk"), pk=found.requisition_id)
    return found


def actions(request, obj=None) -> set[str]:
    """What the user may do to the requisition shown (if any), and in procurement as a whole (the menu)."""
    found = policy.available_actions(request.user, None)
    if obj is not None:
        found |= policy.available_actions(request.user, obj)
    return found
