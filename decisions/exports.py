"""The decisions app's lists as spreadsheets (CSV or Excel), with the same columns whatever the format. Pure: the
view decides which rows (always through `visible_to(user)` and the list's filters) and logs the export of
restricted records before the download starts.

Both formats stream, as casework's exports do: the rows are read `.iterator()` a chunk at a time with only the
columns exported; both formats go out as they are written (`mayoral_office.spreadsheets`). The query runs when
the download is read.

`mayoral_office.spreadsheets.download(rows, fmt, name, sheet)` takes any header-then-rows iterable, so other lists
of the app (the register, the Forward Plan) can add their own `*_rows` function beside `action_rows`."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from decisions.models import ActionStatus, Rag
from decisions.models.access import OPEN
from mayoral_office.spreadsheets import safe_cell

CHUNK_SIZE = 2000  # records per fetch from the database


def _label(choices):
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value)


def _day(value) -> str:
    return value.isoformat() if value else ""


def restricted(records):
    """The restricted (confidential or exempt) records of a list, with just what the access log records of each,
    for the view to log before the download starts."""
    return records.exclude(OPEN).select_related(None).order_by().only("pk", "description")


# --- actions ------------------------------------------------------------------------------------------------------
_status, _rag = _label(ActionStatus.choices), _label(Rag.choices)


def _meeting(action) -> str:
    if action.meeting is None:
        return ""
    return f"{action.meeting.body.name}, {timezone.localtime(action.meeting.starts_at).date().isoformat()}"


ACTION_COLUMNS = [
    ("Description", lambda a, today: a.description),
    ("Owner", lambda a, today: a.owner.full_name if a.owner else ""),
    ("Directorate", lambda a, today: a.owner_directorate.name if a.owner_directorate else ""),
    ("Due", lambda a, today: _day(a.due_on)),
    ("Status", lambda a, today: _status(a.status)),
    ("RAG rating", lambda a, today: _rag(a.rag)),
    ("Overdue", lambda a, today: "Yes" if a.is_overdue(today) else "No"),
    ("Completed", lambda a, today: _day(a.completed_on)),
    ("Arising from", lambda a, today: _meeting(a)),
    ("Restricted", lambda a, today: "Yes" if a.is_restricted else "No"),
]
# What ACTION_COLUMNS read, and nothing else (anything more would cost a query per row).
ACTION_RELATED = ("owner", "owner_directorate", "meeting__body")
ACTION_FIELDS = (
    "description",
    "due_on",
    "status",
    "rag",
    "completed_on",
    "confidential",
    "exempt_category",
    "owner__full_name",
    "owner_directorate__name",
    "meeting__starts_at",
    "meeting__body__name",
)


def action_rows(actions) -> Iterable[list]:
    """The header, then one row of safe cells per action, read a chunk at a time."""
    today = timezone.localdate()
    yield [title for title, _ in ACTION_COLUMNS]
    rows = actions.select_related(None).select_related(*ACTION_RELATED).only(*ACTION_FIELDS)
    for action in rows.iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(get(action, today)) for _, get in ACTION_COLUMNS]
