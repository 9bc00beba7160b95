"""Addresses of records, for pages that link hundreds of them (the diary's week, the dashboard's figures) and the
chase's digests (thousands of items).

Django's `reverse()` matches the URL pattern and quotes its arguments on every call, about 20 microseconds: a week of
every member's diary links each engagement and its briefing pack, a few milliseconds a page. A record's address is
its pattern with its key put in, so each pattern is reversed once (with a marker for the key, per URLconf and script
prefix) and the key put in its place. The address is the one `reverse()` gives (tests/mayoral_office/test_links.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = "2147483647"  # a key no record has: the largest a PostgreSQL integer key may be
_patterns: dict[tuple, tuple[str, str]] = {}


def record_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a pattern whose one argument is a record's integer key."""
    before, after = _parts(name)
    return f"{before}{int(pk)}{after}"


def url_for_each(name: str) -> Callable[[int], str]:
    """`record_url` for thousands of records of one pattern (a chase kind's items): the pattern looked up once."""
    before, after = _parts(name)
    return lambda pk: f"{before}{int(pk)}{after}"


def _parts(name: str) -> tuple[str, str]:
    """The address of a record of this pattern before and after its key."""
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    parts = _patterns.get(key)
    if parts is None:
        before, _, after = reverse(name, args=[int(MARKER)]).partition(MARKER)
        parts = _patterns[key] = (before, after)
    return parts


def plain_url(name: str) -> str:
    """`reverse(name)` for a pattern without arguments (a list's address, before its filters)."""
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    parts = _patterns.get(key)
    if parts is None:
        parts = _patterns[key] = (reverse(name), "")
    return parts[0]
