"""Finding cases: by reference however it is typed, by phone number, by ward, and by words (PostgreSQL full-text
search with a GIN index; a simple 'contains' search on SQLite). Pure query-building: no writes, no models of
this app imported (models.py uses it for `Case.objects.search`)."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from mayoral_office.models import Ward

SEARCH_CONFIG = "english"
SEARCH_INDEX_NAME = "casework_case_search_gin"


NO_LIMIT = 10**12
REFERENCE_YEARS_BACK = 30  # "42" finds MO/<year>/00042 for this year and the 30 before it
REFERENCE_RE = re.compile(r"^(?:MO\s*/\s*)?(\d{4})\s*/\s*0*(\d{1,7})$", re.IGNORECASE)


def reference_condition(text: str) -> Q | None:
    """A reference however it is typed: 'MO/2026/00042', 'mo/2026/42', '2026/42', or just '42' (any year)."""
    text = text.strip()
    match = REFERENCE_RE.match(text)
    if match:
        return Q(reference=f"MO/{match[1]}/{int(match[2]):05d}")
    if text.isascii() and text.isdigit() and len(text) <= 7 and int(text) > 0:
        # that number in each year a case can have been logged: equalities the unique index answers (an
        # 'ends with' would read every reference ever issued)
        this_year = timezone.localdate().year
        years = range(this_year - REFERENCE_YEARS_BACK, this_year + 1)
        return Q(reference__in=[f"MO/{year}/{int(text):05d}" for year in years])
    return None


def search_cases(qs, text: str):
    """Full-text search over subject, summary, body and correspondent (PostgreSQL, with a GIN index); a simple
    'contains' search on SQLite. Also finds a case by its reference however it is typed, by the correspondent's
    phone number (however it is typed) and by ward name."""
    text = (text or "").strip()
    if not text:
        return qs
    by_reference = reference_condition(text)
    if by_reference is not None and (REFERENCE_RE.match(text) or qs.filter(by_reference).exists()):
        return qs.filter(by_reference)  # a whole reference is only ever a reference, even if no case is visible
    if text.upper().startswith("MO/"):
        return qs.filter(reference="".join(text.upper().split()))  # references are stored in capitals
    digits = national_digits(text)
    if len(digits) >= 6 and re.fullmatch(r"[0-9 ()+\-.]+", text):
        # a phone number: stored in E.164 ('+442079460000'), so its national digits are a plain substring of it,
        # and '020 7946 0000', '+44 (0)20 7946 0000' and '7946 0000' all find it
        return qs.filter(correspondent__phone__contains=digits)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        words = qs.order_by().alias(_search=SearchVector("search_document", config=SEARCH_CONFIG))
        matching = words.filter(_search=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))
        # The matching cases from the GIN index as a set, then the list in its own order among them. The LIMIT (of
        # more rows than any table holds) keeps the planner from folding the subquery back in: filtered in place,
        # it walks the due-date index computing each case's tsvector (60 ms for a common surname at 200,000). The
        # set is taken from the list's own rows (who may see them, the queue), so the matches are checked against
        # those rules as the index finds them; from every case, the set was joined against every case the user
        # may see (55,000 for a Cabinet Support Officer: 60 ms, now 13 ms to count and 16 ms to order).
        condition = Q(pk__in=matching.values("pk")[:NO_LIMIT])
    else:
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(search_document__icontains=word)
    ward_ids = list(Ward.objects.filter(name__iexact=text).values_list("pk", flat=True))
    if ward_ids:  # a ward's name: its cases too (only then an OR, so a word search keeps to the index)
        condition |= Q(ward_id__in=ward_ids)
    return qs.filter(condition)


def phone_digits(value: str) -> str:
    """A phone number as its digits only, so '020 7946 0000' and '(020) 79460000' compare equal."""
    return "".join(ch for ch in (value or "") if ch.isascii() and ch.isdigit())


def national_digits(value: str) -> str:
    """The part of a UK number that is the same however it is written: '+44 (0)20 7946 0000', '0044 20 7946 0000'
    and '020 7946 0000' all give '2079460000'."""
    digits = phone_digits(value)
    text = (value or "").strip()
    if text.startswith("+44"):
        digits = digits[2:]
    elif digits.startswith("0044"):
        digits = digits[4:]
    return digits.lstrip("0")
