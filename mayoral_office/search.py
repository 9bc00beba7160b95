"""The header search: one box that looks through every kind of record the apps register (`registry.SearchProvider`),
each through the app's own `visible_to` and the search of its own list, so a hit is never a record the user may not
open and "see all" opens the same list searched for the same words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.http import QueryDict

from mayoral_office import registry
from mayoral_office.dashboard import link

PER_KIND = 5
MAX_LENGTH = 200


@dataclass(frozen=True)
class Group:
    label: str
    hits: list[registry.SearchHit]
    total: int
    more_url: str


def results(user, text: str) -> list[Group]:
    """What each kind of record the user may see has for the words, kinds with nothing left out."""
    groups = []
    for provider in registry.search_providers(user):
        hits, total = provider.find(user, text, PER_KIND)
        if hits:
            more = provider.more_url(text) if provider.more_url else ""
            groups.append(Group(provider.label, hits, total, more))
    return groups


def through_list(
    filterset_class, queryset: Callable[[object], object], hit: Callable[[object], registry.SearchHit], **params
) -> Callable[[object, str, int], tuple[list[registry.SearchHit], int]]:
    """A provider's `find` that runs the app's own list filter (its `q` search) over the app's own list query for
    the user: the hits are the list's first rows and the count is the list's."""

    def find(user, text: str, limit: int) -> tuple[list[registry.SearchHit], int]:
        request = SimpleNamespace(user=user, GET=QueryDict())
        filterset = filterset_class({"q": text, **params}, queryset=queryset(user), request=request)
        if not filterset.is_valid():
            return [], 0
        found = filterset.qs
        hits = [hit(record) for record in found[:limit]]
        return hits, found.count()  # counted even when fewer than the limit: the same queries whatever the data

    return find


def list_url(url_name: str, **params) -> Callable[[str], str]:
    """A provider's `more_url`: the app's list searched for the words."""
    return lambda text: link(url_name, q=text, **params)
