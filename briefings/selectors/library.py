"""Reads of the speech library, always from `Passage.objects.visible_to(user)`: the list (searched and filtered by
forms/library.py's PassageFilter), a passage's page with where it was used (only in packs the user may open),
the passages offered for insertion into a section, and the section an insertion goes into. No HTTP, no writes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from briefings.models import Pack, Passage, PassageUse, Section

WHERE_USED_LIMIT = 50
INSERT_CHOICES = 20


def passages_for(user, retired: str = "") -> QuerySet:
    """The list: the passages the user may read, with their owners; retired ones only when asked for (the list's
    `retired` filter: "include" or "only")."""
    passages = Passage.objects.visible_to(user).select_related("owner")
    return passages if retired in ("include", "only") else passages.filter(retired=False)


def passage_for_page() -> QuerySet:
    return Passage.objects.select_related("owner")


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Passages whose title or text holds every word typed (up to ten words)."""
    condition = Q()
    for word in (text or "").split()[:10]:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return queryset.filter(condition)


def review_due_q(today=None) -> Q:
    """Past its review date: the rule `Passage.needs_review` applies to one passage."""
    return Q(review_on__lt=today or timezone.localdate())


def owners(user) -> QuerySet:
    """The filter's owners: the people keeping a passage the user may read."""
    keeping = Passage.objects.visible_to(user).values("owner_id")
    return get_user_model().objects.filter(pk__in=keeping).order_by("full_name", "pk")


def where_used(user, passage: Passage) -> list[PassageUse]:
    """The passage's uses in packs the user may open, newest first (one query)."""
    readable = Pack.objects.visible_to(user).values("pk")
    uses = PassageUse.objects.filter(passage=passage, section__pack__in=readable)
    return list(uses.select_related("section__pack", "used_by")[:WHERE_USED_LIMIT])


def insertable(user, text: str = "") -> QuerySet:
    """The passages offered for insertion: those the user may read and not retired, searched, by title."""
    passages = Passage.objects.visible_to(user).filter(retired=False).select_related("owner")
    return search(passages, text) if text.strip() else passages


def pack_for_insert() -> QuerySet:
    """The pack a passage is inserted into (fetched by one of its sections), with what the policy and the page read:
    its members, its sections and their commissions."""
    return Pack.objects.prefetch_related("members", "sections__commissions")


def section_of(pack: Pack, pk: int) -> Section | None:
    """One of the pack's sections, from the prefetched ones."""
    return next((section for section in pack.sections.all() if section.pk == pk), None)


def passage_text(passage: Passage) -> str:
    """What an insertion adds: the passage's text and, for a statistic (or any passage with a source), its source
    and date on a line of their own."""
    text = passage.body.strip()
    if passage.source or passage.source_date:
        when = f"{passage.source_date.day} {passage.source_date:%B %Y}" if passage.source_date else ""
        cited = ", ".join(part for part in (passage.source.strip(), when) if part)
        text += f"\n\nSource: {cited}"
    return text
