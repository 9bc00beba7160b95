"""Searching a list by the words typed, the same way in every app (and so in the header search, which runs each
list's own search).

On PostgreSQL: full-text search in English over the list's text fields (so "housing" finds "houses", and the
websearch syntax works: "a quoted phrase", `or`, `-word`), answered from a GIN index on the same expression
(`search_index`, added by each app's migration); and, so that part of a word, a reference or a name still finds
what it always did, a record with every word in one of its fields ("contains") is found too. On SQLite (`make run`,
the quick suite): the "contains" part only."""

from __future__ import annotations

from django.db import connection, migrations
from django.db.models import Q, QuerySet

CONFIG = "english"
MAX_WORDS = 10


def contains_words(text: str, fields: tuple[str, ...]) -> Q:
    """Every word (up to ten) in one of the fields, capitals ignored."""
    condition = Q()
    for word in text.split()[:MAX_WORDS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def _vector(fields: tuple[str, ...]):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*fields, config=CONFIG)


def matching(queryset: QuerySet, text: str, *, words: tuple[str, ...], also: tuple[str, ...] = ()) -> QuerySet:
    """The rows of the queryset that have the words: full-text over `words` (the model's own text fields, as its
    search index has them) on PostgreSQL, or every word contained in one of `words` and `also` (fields of related
    rows, a reference)."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    condition = contains_words(text, words + also)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        found = queryset.model._base_manager.alias(_words=_vector(words)).filter(_words=query).values("pk")
        # the set from the GIN index, then the list's own rules and order; the "contains" half still reads the
        # list's rows (ILIKE), as every list's search did before
        condition |= Q(pk__in=found)
    return queryset.filter(condition)


def search_index(app_label: str, model_name: str, name: str, words: tuple[str, ...]) -> migrations.RunPython:
    """A migration operation: the GIN index `matching` reads for these fields, on PostgreSQL only (the expression
    must be the one `matching` builds, or the planner cannot use it)."""

    def index(schema_editor):
        from django.contrib.postgres.indexes import GinIndex

        return GinIndex(_vector(words), name=name)

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(app_label, model_name), index(schema_editor))

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(app_label, model_name), index(schema_editor))

    return migrations.RunPython(create, drop)
