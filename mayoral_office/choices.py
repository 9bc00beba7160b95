"""The options of a filter panel's selects (case types, members, wards, directorates, the office's officers), kept in
the cache between requests.

Every list page shows a filter panel, and each of its selects read its whole table on every request: five queries
and the records built from them, a tenth of a work queue page. These tables change a few times a year, so their
options are kept under a key made of what they are read with (the query, the day, how a record is labelled) and
of a version that any change to the kept tables, or to who holds which role, replaces. An edit in the admin or by
a service is therefore in the very next page; nothing is ever out of date.

Only models registered with `register` are kept (the core registers its own; an app registers its reference
tables from its AppConfig.ready()). The version lives in the cache itself, so every process sees a change: with
no shared cache (production without Redis, several processes each with their own memory) nothing is kept."""

from __future__ import annotations

import hashlib
import uuid
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "choices:version"
KEEP_SECONDS = 24 * 60 * 60
_kept: set[str] = set()  # model labels


def register(*models) -> None:
    """Keep the options of these models' selects; any save or delete of one of them (or change of its many-to-many
    links) makes every kept list be read again."""
    for model in models:
        if model._meta.label in _kept:
            continue
        _kept.add(model._meta.label)
        uid = f"choices:{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=uid, weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(changed, sender=field.remote_field.through, dispatch_uid=uid, weak=False)


def changed(**kwargs) -> None:
    """A kept table changed. Inside a transaction, until it commits, the kept tables are read under a version of the
    transaction's own: it reads what it wrote, never what another process kept meanwhile from the committed rows, and
    no other process reads what it keeps (a rollback leaves nothing behind). Once it commits, a new version for every
    process."""
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return  # a sign-in: nothing kept reads when a user last signed in
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        connection.kept_version = uuid.uuid4().hex
        transaction.on_commit(partial(_committed, connection))
    else:
        _new_version()


def _committed(connection) -> None:
    connection.kept_version = None
    _new_version()


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def shared_cache() -> bool:
    """Whether every process reads the same cache (not so for local memory in production, where gunicorn runs
    several processes)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not (settings.PRODUCTION and backend.endswith("LocMemCache"))


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    connection = transaction.get_connection()
    own = getattr(connection, "kept_version", None)
    if own and not connection.in_atomic_block:  # its transaction is over (committed, or rolled back)
        own = connection.kept_version = None
    return f"{version}:{own}" if own else version


def kept(name: str, read):
    """What `read()` returns about the kept tables (a user's roles, their permissions), from the cache while none of
    them has changed since it was read."""
    if not shared_cache():
        return read()
    key = "choices:" + hashlib.sha256(repr((current_version(), name)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, KEEP_SECONDS)
    return found


def options(formfield, read) -> list[tuple[str, str]]:
    """The (value, label) options of a model choice field, from the cache when its model is kept; `read(formfield)`
    reads them from the database."""
    queryset = formfield.queryset
    if queryset.model._meta.label not in _kept or not shared_cache():
        return read(formfield)
    version = current_version()
    query = queryset.query  # what it is read with, without compiling its SQL (a millisecond a select)
    read_with = (str(query.where), query.order_by, query.distinct, query.low_mark, query.high_mark)
    labelled_by = f"{type(formfield).__module__}.{type(formfield).__qualname__}"
    what = repr((version, timezone.localdate(), labelled_by, queryset.model._meta.label, read_with))
    key = "choices:" + hashlib.sha256(what.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = read(formfield)
        cache.set(key, found, KEEP_SECONDS)
    return found
