"""The authorising fetches of casework: every view gets its record through one of these (404 for a record the
user may not see; reads of confidential cases logged), and its `actions` from the policy."""

from __future__ import annotations

from casework import selectors, stakeholders
from casework.models import Case, Correspondent
from casework.policy import available_actions, require
from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError
from mayoral_office.lists import parse_pk


def case(request, pk, *, page: bool = False, action: str | None = None) -> Case:
    """The case, if the user may see it (404 otherwise); with `action`, only if they may do that to it now: a
    PermissionDenied (403), or a ServiceError that returns the officer to the case page with the reason."""
    queryset = selectors.cases_for_page() if page else selectors.cases_for_fetch()
    found = get_visible_or_404(request, queryset, pk=pk)
    if action is not None:
        try:
            require(request.user, action, found, seen=True)
        except ServiceError as exc:
            exc.redirect_to = found.get_absolute_url()
            raise
    return found


def contribution(request, pk):
    return get_visible_or_404(request, selectors.contributions_for_fetch(), pk=pk)


def correspondent(request, pk) -> Correspondent:
    return get_visible_or_404(request, Correspondent.objects.all(), pk=pk)


def known_correspondent(request) -> Correspondent | None:
    """The correspondent chosen for new correspondence (?correspondent=<id>), or None."""
    chosen = (request.POST.get("correspondent") or request.GET.get("correspondent") or "").strip()
    return correspondent(request, parse_pk(chosen) or 0) if chosen else None


def from_directory(request) -> dict:
    """New correspondence from someone in the stakeholder directory (?stakeholder=<id>, from their page): the intake
    form's correspondent details filled in from their entry, if the user may read it ({} otherwise)."""
    person = stakeholders.chosen(request.user, parse_pk(request.GET.get("stakeholder", "")))
    return stakeholders.details(person) if person is not None else {}


def version(request) -> int:
    """The case version a one-button form was loaded with; a tampered or missing one never matches, so the change
    is refused as a conflict."""
    value = parse_pk(request.POST.get("version", ""))
    return -1 if value is None else value


def actions(request, obj=None) -> set[str]:
    return available_actions(request.user, obj)
