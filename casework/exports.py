"""The casework list as a spreadsheet (CSV or Excel), with the same columns whatever the format. Pure: the view
logs the export of confidential cases (`confidential`, before the download starts).

Both formats stream, so an export of the whole office's ten years costs the same memory as one of ten cases: the
cases are read `.iterator()`, 2,000 at a time, with only the columns exported (never the body, summary or search
document); both formats go out as they are written (`mayoral_office.spreadsheets`). The query runs when the
download is read, not when the view returns."""

from __future__ import annotations

from django.db.models import CharField, Value
from django.db.models.functions import Concat

from casework.models import Channel, Correspondent, Priority, Sensitivity, Status
from mayoral_office.spreadsheets import download, safe_cell


def _label(choices):
    """`get_<field>_display()` as one dictionary look-up: Django's costs a second per 50,000 cases per column."""
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value)


_stage, _channel, _kind = _label(Status.choices), _label(Channel.choices), _label(Correspondent.Kind.choices)
_sensitivity, _priority = _label(Sensitivity.choices), _label(Priority.choices)

COLUMNS = [
    ("Reference", lambda c: c.reference),
    ("Type", lambda c: c.case_type.name),
    ("Stage", lambda c: _stage(c.status)),
    ("Received", lambda c: c.received_on.isoformat()),
    ("Channel", lambda c: _channel(c.channel)),
    ("Member", lambda c: c.member.name),
    ("Correspondent", lambda c: str(c.correspondent)),
    ("Correspondent type", lambda c: _kind(c.correspondent.kind)),
    ("Ward", lambda c: c.ward.name if c.ward else ""),
    ("Subject", lambda c: c.subject),
    ("Officer", lambda c: c.officer.full_name if c.officer else ""),
    ("Sensitivity", lambda c: _sensitivity(c.sensitivity)),
    ("Priority", lambda c: _priority(c.priority)),
    ("Acknowledge by", lambda c: c.acknowledge_due.isoformat() if c.acknowledge_due else ""),
    ("Respond by", lambda c: c.response_due.isoformat() if c.response_due else ""),
    ("Response sent", lambda c: c.response_sent_on.isoformat() if c.response_sent_on else ""),
    ("Overdue", lambda c: "Yes" if c.is_overdue() else "No"),
]
# What COLUMNS read, and nothing else: `is_overdue` reads status and response_due; a correspondent's name is their
# name and organisation. Anything read that is not listed here would cost a query per row (the tests count them).
RELATED = ("case_type", "member", "correspondent", "officer", "ward")
FIELDS = (
    "reference",
    "status",
    "received_at",
    "channel",
    "subject",
    "sensitivity",
    "priority",
    "acknowledge_due",
    "response_due",
    "response_sent_on",
    "case_type__name",
    "member__name",
    "correspondent__name",
    "correspondent__organisation",
    "correspondent__kind",
    "ward__name",
    "officer__full_name",
)
CHUNK_SIZE = 2000  # cases per fetch from the database


DESCRIBE = Concat("reference", Value(": "), "subject", output_field=CharField())  # a case as `Case.__str__` says


def confidential(cases):
    """The confidential cases of a list, for the view to log before the download starts (`DESCRIBE` says what the
    access log records of each)."""
    return cases.filter(sensitivity=Sensitivity.CONFIDENTIAL).select_related(None)


def rows(cases):
    """The header, then one row of safe cells per case, read from the database a chunk at a time."""
    yield [title for title, _ in COLUMNS]
    for case in cases.select_related(None).select_related(*RELATED).only(*FIELDS).iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(get(case)) for _, get in COLUMNS]


def spreadsheet(cases, fmt: str, name: str):
    """The cases (a queryset) as a CSV or an Excel download that streams (`mayoral_office.spreadsheets`)."""
    return download(rows(cases), fmt, name, sheet="Cases")
