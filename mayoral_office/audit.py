"""Audit: who changed what, and who read what (docs/decisions/0002-audit.md).

- `@service` makes a function a service: keyword-only, one transaction, and every audit entry written inside it
  attributed to its `actor` (a User, or None for a scheduled job, shown as "System").
- django-auditlog writes an entry for every model save and delete inside a service.
- `record_change` writes the entry explicitly where no model save happens: bulk changes made with
  `QuerySet.update()`, exports, retention. A service never changes rows without one of the two.
- `log_access` records reads of confidential records (the access log), with the client address resolved the way the
  rest of the office resolves it (`client_ip`, trusting only PROXY_COUNT proxies); `log_access_of` records every
  record of a queryset (an export) in one statement, none of them read into Python.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from functools import partial

from auditlog.context import _set_extra_data, auditlog_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_save

from mayoral_office.bulk import insert


@contextmanager
def acting_as(actor, remote_addr: str | None = None):
    """Attribute every audit entry written inside the block to `actor` (a User; None leaves the entries as they
    would be: the signed-in user of the request, or the system). Inside a request the client address is kept.

    django-auditlog's own `set_actor` neither nests nor resets its context when it ends (a later block with the
    same user would attribute nothing), so this is the same mechanism with a token: the outer context is put back
    exactly on the way out."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        yield
        return
    outer = auditlog_value.get(None) or {}
    duid = ("acting_as", uuid.uuid4().hex)
    data = {"actor": actor, "remote_addr": remote_addr or outer.get("remote_addr"), "signal_duid": duid}
    token = auditlog_value.set(data)
    pre_save.connect(partial(_set_extra_data, signal_duid=duid), sender=LogEntry, dispatch_uid=duid, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(sender=LogEntry, dispatch_uid=duid)
        auditlog_value.reset(token)


def service(fn):
    """A write: called with keyword arguments only (`actor=` first), run in one transaction (nothing is
    half-saved), every audit entry inside it attributed to the actor."""

    @functools.wraps(fn)
    def run(*, actor, **kwargs):
        with transaction.atomic(), acting_as(actor):
            return fn(actor=actor, **kwargs)

    run.is_service = True
    return run


def record_change(*, actor, obj, changes: dict, note: str = "", action: str = "update"):
    """An explicit audit entry for a change no model save recorded (a bulk update, an export, a retention run).
    `changes` is {field: [old, new]}; `note` says what happened in words."""
    actions = {"create": LogEntry.Action.CREATE, "update": LogEntry.Action.UPDATE, "access": LogEntry.Action.ACCESS}
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=actions[action],
        changes={name: [str(old), str(new)] for name, (old, new) in changes.items()},
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        additional_data={"note": note} if note else None,
    )


def bulk_history(entries: Iterable[tuple], *, batch_size: int = 5000) -> int:
    """Audit entries for records a volume seeder made in bulk (`manage.py seed_volume`; never real records, whose
    entries come from the services): (record, "create" or "update", actor id, when, {field: [old, new]}) each, so
    the audit trail is measured at the size years of work give it. Returns how many were written."""
    actions = {"create": LogEntry.Action.CREATE, "update": LogEntry.Action.UPDATE}
    types: dict[type, ContentType] = {}
    rows = []
    for obj, action, actor_id, at, changes in entries:
        content_type = types.get(type(obj)) or types.setdefault(type(obj), ContentType.objects.get_for_model(obj))
        rows.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:200],
                action=actions[action],
                changes={name: [str(old), str(new)] for name, (old, new) in changes.items()},
                actor_id=actor_id,
                timestamp=at,
            )
        )
    insert(rows, batch_size=batch_size)
    return len(rows)


def client_ip(request) -> str | None:
    """The client's address. Behind PROXY_COUNT trusted proxies, the address the outermost of them saw (the
    PROXY_COUNT-th entry from the right of X-Forwarded-For); the header is ignored when no proxy is trusted."""
    if request is None:
        return None
    from django.conf import settings

    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR")


def log_access(*, user, objs: Iterable, request=None, action: str = "viewed") -> int:
    """Record that `user` read these confidential records (one row each, in one query). Returns how many."""
    from mayoral_office.models import AccessLog

    objs = list(objs)
    if not objs:
        return 0
    ip = client_ip(request)
    who = user if user is not None and user.is_authenticated else None
    content_types = ContentType.objects.get_for_models(*{type(obj) for obj in objs})
    AccessLog.objects.bulk_create(
        AccessLog(
            user=who,
            ip_address=ip,
            content_type=content_types[type(obj)],
            object_id=str(obj.pk),
            object_repr=str(obj)[:250],
            action=action,
        )
        for obj in objs
    )
    return len(objs)


def log_access_of(*, user, records, describe, request=None, action: str = "exported") -> int:
    """`log_access` for every record of a queryset (the confidential cases of an export: hundreds), in one INSERT
    ... SELECT: nothing is read into Python, so the download starts at once. `describe` is the database expression
    of what `str(record)` says. Returns how many were logged."""
    from django.db import connection
    from django.db.models import CharField, DateTimeField, GenericIPAddressField, IntegerField, Value
    from django.db.models.functions import Cast, Left
    from django.utils import timezone

    from mayoral_office.models import AccessLog

    who = user.pk if user is not None and user.is_authenticated else None
    rows = records.order_by().values_list(
        Value(who, output_field=IntegerField()),
        Value(timezone.now(), output_field=DateTimeField()),
        Value(client_ip(request), output_field=GenericIPAddressField()),
        Value(ContentType.objects.get_for_model(records.model).pk, output_field=IntegerField()),
        Cast("pk", output_field=CharField()),
        Left(describe, 250),
        Value(action, output_field=CharField()),
    )
    select, params = rows.query.sql_with_params()
    columns = ", ".join(
        connection.ops.quote_name(AccessLog._meta.get_field(name).column)
        for name in ("user", "at", "ip_address", "content_type", "object_id", "object_repr", "action")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(AccessLog._meta.db_table)} ({columns}) {select}", params
        )
        return cursor.rowcount
