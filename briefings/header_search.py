"""What briefings give the header search (registered in apps.py): packs by title or reference, through the pack
list's own search, as the user may see them."""

from __future__ import annotations

from briefings.filters import PackFilter
from briefings.selectors.packs import pack_list
from mayoral_office.registry import SearchHit, SearchProvider
from mayoral_office.search import list_url, through_list


def _pack(pack) -> SearchHit:
    return SearchHit(str(pack), pack.get_absolute_url(), f"Due {pack.due_on:%-d %B %Y}" if pack.due_on else "")


def providers(allowed) -> list[SearchProvider]:
    find = through_list(PackFilter, pack_list, _pack)
    return [
        SearchProvider("briefings.pack", "Briefing packs", find, allowed, list_url("briefings:pack_list"), order=30)
    ]
