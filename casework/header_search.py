"""What casework gives the header search (registered in apps.py): cases, through the case list's own search (the
full-text index on PostgreSQL), and correspondents by name or organisation (full-text on PostgreSQL too), email
or postcode; each only as the user may see them."""

from __future__ import annotations

from django.db.models import Q

from casework import selectors
from casework.filters import CaseFilter
from casework.models import Case, Correspondent
from mayoral_office.links import url_for_each
from mayoral_office.registry import SearchHit, SearchProvider
from mayoral_office.search import list_url, through_list
from mayoral_office.word_search import matching


def _case(case) -> SearchHit:
    return SearchHit(f"{case.reference}: {case.subject}", case.get_absolute_url(), case.correspondent.name)


# What a correspondent is found by: full-text on PostgreSQL, with the index of casework migration 0019.
CORRESPONDENT_WORDS = ("name", "organisation")


def correspondents(user, text: str, limit: int) -> tuple[list[SearchHit], int]:
    visible = Correspondent.objects.visible_to(user).order_by("name", "pk")
    if "@" in text:
        found = visible.filter(email__iexact=text.strip())
    else:
        found = matching(visible, text, words=CORRESPONDENT_WORDS)
        if len(text.replace(" ", "")) in (5, 6, 7) and any(c.isdigit() for c in text):
            found = found | visible.filter(postcode__iexact=text.strip())
    url = url_for_each("casework:correspondent")
    hits = [SearchHit(c.name, url(c.pk), ", ".join(filter(None, [c.organisation, c.postcode]))) for c in found[:limit]]
    return hits, found.count()


def providers(allowed) -> list[SearchProvider]:
    return [
        SearchProvider(
            "casework.case",
            "Cases",
            through_list(CaseFilter, selectors.list_cases, _case),
            allowed,
            list_url("casework:index", queue="all"),
            order=10,
        ),
        SearchProvider("casework.correspondent", "Correspondents", correspondents, allowed, order=11),
    ]


# --- the directory page's history (registered in apps.py) -------------------------------------------------------------
def directory_history(user, query) -> list:
    """The cases from the stakeholder: their correspondent has the stakeholder's email address, or their name or
    organisation is the stakeholder's name."""
    from mayoral_office.registry import MemberLine, history_section

    condition = Q(pk__in=[])
    for email in query.emails:
        condition |= Q(correspondent__email__iexact=email)
    for name in query.names:
        condition |= Q(correspondent__name__iexact=name) | Q(correspondent__organisation__iexact=name)
    cases = Case.objects.visible_to(user).filter(condition).select_related("correspondent").order_by("-received_at")

    def line(c):
        return MemberLine(f"{c.reference}: {c.subject}", c.get_absolute_url(), c.received_at, c.get_status_display())

    return [history_section("Cases", cases, line, order=10)]
