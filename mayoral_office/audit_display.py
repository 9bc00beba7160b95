"""The audit trail as a person reads it: record types in plain English ("Casework · case"), field labels instead of
column names, names (linked where the record has a page) instead of raw ids, choice labels instead of codes, and no
internal fields. Reads only; the related records of a page are fetched in one query per kind of record."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst

from mayoral_office import registry

# Fields kept for the machine, not the reader: search text, calendar sequence numbers and ids, locking counters,
# an authenticator's clock settings. Automatic timestamps are left out too: the entry has its own time.
INTERNAL_FIELDS = {
    "search_document",
    "search_vector",
    "sequence",
    "uid",
    "version",
    "token",
    "bin_key",
    "key",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
}
EMPTY = "(none)"


@dataclass
class Value:
    text: str
    url: str = ""


@dataclass
class Change:
    label: str
    old: Value | None  # None for a record created or deleted: only its values
    new: Value


@dataclass
class Row:
    entry: LogEntry
    record_type: str
    history_url: str = ""  # the record's own history, for the office's records (those with access rules)
    changes: list[Change] = field(default_factory=list)


def record_type(content_type) -> str:
    """ "Casework · case", "Diary · engagement": the app's name and the record's, as the office says them."""
    if content_type is None:
        return "Record"
    model = content_type.model_class()
    return capfirst(content_type.name) if model is None else record_type_of(model)


def record_type_of(model) -> str:
    return f"{model._meta.app_config.verbose_name} · {model._meta.verbose_name}"


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 (a field since removed: shown under its stored name)
        return None


def _changes(entry: LogEntry) -> dict:
    changes = entry.changes
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            return {}
    return changes or {}


def _shown(name: str, model_field) -> bool:
    if name in INTERNAL_FIELDS or model_field is None:
        return name not in INTERNAL_FIELDS
    automatic = getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    return not (model_field.auto_created or automatic)


def _is_link(model_field) -> bool:
    return isinstance(model_field, models.ForeignKey)  # one-to-one fields too


def _when(model_field, raw: str) -> str | None:
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(str(raw))
        if moment is not None:
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return date_format(moment, "j M Y H:i")
    elif isinstance(model_field, models.DateField):
        day = parse_date(str(raw))
        if day is not None:
            return date_format(day, "j M Y")
    return None


def _plain(model_field, raw) -> Value:
    if raw in (None, "None", ""):
        return Value(EMPTY)
    if model_field is not None and model_field.choices:
        labels = {str(key): label for key, label in model_field.flatchoices}
        return Value(str(labels.get(str(raw), raw)))
    if isinstance(model_field, models.BooleanField):
        return Value({"True": "Yes", "False": "No"}.get(str(raw), str(raw)))
    return Value(_when(model_field, raw) or str(raw))


def _related(rows_fields) -> dict:
    """{(related model, pk): Value}: one query per kind of related record on the page."""
    wanted = defaultdict(set)
    for model_field, raw in rows_fields:
        if raw not in (None, "None", "") and str(raw).isdigit():
            wanted[model_field.related_model].add(int(raw))
    found = {}
    for related_model, pks in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            found[(related_model, str(obj.pk))] = Value(str(obj), url)
    return found


def rows(entries) -> list[Row]:
    """The page's entries ready to show (entries with `content_type` selected)."""
    entries = list(entries)
    pending = []  # (row, label, model field, old, new, whether both sides are shown)
    fk_values = []
    out = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        row = Row(entry=entry, record_type=record_type(entry.content_type), history_url=history_url(model, entry))
        for name, change in _changes(entry).items():
            model_field = _model_field(model, name) if model else None
            if not _shown(name, model_field):
                continue
            label = capfirst(str(model_field.verbose_name if model_field is not None else name.replace("_", " ")))
            if isinstance(change, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
                verb = {"add": "added", "delete": "removed"}.get(change.get("operation"), change.get("operation", ""))
                objects = ", ".join(map(str, change.get("objects", [])))
                row.changes.append(Change(label, None, Value(f"{verb}: {objects}")))
                continue
            old, new = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
            if _is_link(model_field):
                fk_values += [(model_field, old), (model_field, new)]
            pending.append((row, label, model_field, old, new, entry.action == LogEntry.Action.UPDATE))
        out.append(row)
    related = _related(fk_values)

    def value(model_field, raw):
        if _is_link(model_field):
            if raw in (None, "None", ""):
                return Value(EMPTY)
            return related.get((model_field.related_model, str(raw)), Value(f"{raw} (since deleted)"))
        return _plain(model_field, raw)

    for row, label, model_field, old, new, both in pending:
        row.changes.append(Change(label, value(model_field, old) if both else None, value(model_field, new)))
    return out


def history_url(model, entry) -> str:
    if model is None or record_of(model._meta.app_label, model._meta.model_name) is None or not entry.object_id:
        return ""
    return reverse("record-history", args=[model._meta.app_label, model._meta.model_name, entry.object_id])


def history_url_for(obj) -> str:
    """The "History" link of a record's page."""
    return reverse("record-history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def record_of(app_label: str, model_name: str):
    """The model a history link names, or None: only record types an app has registered have a History page."""
    found = registry.record_history(app_label, model_name)
    return found[0] if found else None


def readable_records(model, user):
    """The records of this type whose history the user may read (as the app registered them)."""
    return registry.record_history(model._meta.app_label, model._meta.model_name)[1](user)
