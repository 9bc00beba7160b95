"""Rows in bulk for the volume seeders (`manage.py seed_volume`), never for real records: on PostgreSQL through
COPY, which takes a million rows in a fraction of the time of INSERT statements (no SQL to compile for each batch,
no parameters to bind); elsewhere (SQLite, in the suite) through `bulk_create`.

COPY returns no ids, so a row without one takes the next values of its table's sequence first, as an INSERT would
have: afterwards every object has its primary key, and rows that refer to it (a case's timeline entries, their
audit entries) can be made."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models


def insert(objs: Sequence[models.Model], *, batch_size: int = 5000) -> None:
    """Write these new objects of one model, each with its primary key afterwards."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[DEFAULT_DB_ALIAS]  # not the proxy, which costs a look-up per value
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    meta = model._meta
    _number(objs, meta, connection)
    fields = meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _number(objs: Sequence[models.Model], meta, connection) -> None:
    """Give each object without a primary key the next values of its table's sequence, taken as one block (the
    seeders are the only writers while they run)."""
    unnumbered = [obj for obj in objs if obj.pk is None]
    if not unnumbered:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(seq::regclass, nextval(seq::regclass) + %s) FROM pg_get_serial_sequence(%s, %s) AS seq",
            [len(unnumbered) - 1, meta.db_table, meta.pk.column],
        )
        last = cursor.fetchone()[0]
    for pk, obj in enumerate(unnumbered, start=last - len(unnumbered) + 1):
        obj.pk = pk
