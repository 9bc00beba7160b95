"""Chasing: each working day, one digest email per person of everything due or overdue for them, across the apps,
with escalations up the ladder; and, for those who ask, an alert as soon as something new is due.

The apps declare what they chase (`registry.ChaseKind`, in each app's `chases.py`); this module never imports an
app. For each item it works out the stage from the item's due date and the chasing rules (`ChaseSettings`):

- due within `remind_before_days` working days: "before due", to the person responsible;
- due today: "due"; past due: "overdue" (chased every working day until it is done, when its app stops
  returning it);
- `lead_after_days` working days overdue: also to the person's team lead (`User.reports_to`);
- `head_after_days` working days overdue: also to the Head of Mayor's Office. Nobody can opt out.

Exactly once: a day's chase locks that day's `ChaseRun` row, so two workers running it at once write the digests
once, and a second run finds the day done; each digest also carries an idempotency key (recipient and working
day), and each line of it a `ChaseEntry` unique on (kind, record, recipient, stage, working day). The emails go
through the outbox (mayoral_office.mailer): sent after the commit, retried with backoff when the mail server fails.

Never out of hours: no digest is written on a weekend, a bank holiday or a closure day, nor before the digest time;
the first digest after a day off holds everything due or overdue by then, since it lists what is open, not what
changed. Scheduled jobs, not a user's action: the outbox and the chase ledger are their own record, so no audit.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mayoral_office import absences, registry
from mayoral_office.models import ChaseEntry, ChaseRun, ChaseSettings, Notification, User
from mayoral_office.roles import Role
from mayoral_office.working_days import WorkingDaySpan, add_working_days, is_working_day

Stage = ChaseEntry.Stage
OWN_STAGES = (Stage.BEFORE, Stage.DUE, Stage.OVERDUE)
DIGEST_KIND = "chase.digest"
ALERT_KIND = "chase.alert"


@dataclass
class Line:
    """One item in one person's digest (or on their home page)."""

    kind: registry.ChaseKind
    item: registry.ChaseItem
    stage: str
    late: int  # working days overdue: 0 due today, negative due in that many working days
    owner: User | None = None  # whose item it is, for an escalation
    covering: User | None = None  # whose item it is, when the recipient covers for them while they are away

    @property
    def when(self) -> str:
        if self.late > 0:
            return f"{self.late} working day{'s' if self.late != 1 else ''} overdue"
        if self.late == 0:
            return "Due today"
        return f"Due in {-self.late} working day{'s' if self.late != -1 else ''}"

    @property
    def overdue(self) -> bool:
        return self.late > 0

    @property
    def link(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.item.url


@dataclass
class Result:
    day: date
    digests: int = 0
    items: int = 0
    skipped: str = ""  # why nothing was written
    notifications: list[int] = field(default_factory=list)

    def __str__(self):
        if self.skipped:
            return f"No chase on {self.day:%A %d %B %Y}: {self.skipped}."
        return f"Chase of {self.day:%A %d %B %Y}: {self.digests} digest(s) holding {self.items} item(s)."


def _heads() -> list[User]:
    return list(User.objects.filter(is_active=True, groups__name=Role.HEAD_OF_OFFICE.label).order_by("pk"))


def plan(today: date, *, person_ids=None, escalate: bool = True, own_page: bool = False) -> dict[int, list[Line]]:
    """Every person's lines for `today`: {user id: [Line]}, each person's ordered by app then due date. With
    `person_ids`, only those people's items (the home page, the alerts). An absent officer's items go to whoever
    covers them (named by reference only: the cover may not see every record), not to them, except on their own
    home page (`own_page`). A fixed number of queries: one per chase kind, the people, the Heads, who covers whom
    and the days off, however many items."""
    return _plan(today, person_ids=person_ids, escalate=escalate, own_page=own_page)[0]


def _plan(
    today: date, *, person_ids=None, escalate=True, own_page=False, shown=None, skip=frozenset()
) -> tuple[dict, dict]:
    """`plan`, and with `shown` (one person's home page) only the first `shown` items of each kind that offers
    `soonest`, and none of the kinds named in `skip`: ({user id: [Line]}, {kind name: how many more items it has
    than it gave})."""
    rules = ChaseSettings.current()
    horizon = add_working_days(today, rules.remind_before_days)
    covers = absences.covers_on(today)  # {absent officer's id: who covers them}
    asked = set(person_ids) if person_ids is not None else None
    if asked is not None:  # and the items of those they cover today
        person_ids = [*asked, *(pk for pk, cover in covers.items() if cover.pk in asked)]
    found, more = [], {}
    for kind in registry.chase_kinds():
        if kind.name in skip:
            continue
        if shown is not None and kind.soonest is not None:
            items, total = kind.soonest(horizon, person_ids, shown)
            more[kind.name] = total - len(items)
        else:
            items = kind.items(horizon, person_ids)
        found.extend((kind, item) for item in items)
    if not found:
        return {}, more
    span = WorkingDaySpan(min(today, *(item.due_on for _, item in found)), horizon)
    people = User.objects.select_related("reports_to").in_bulk({item.person_id for _, item in found} - {None})
    heads = _heads() if escalate or any(item.person_id is None for _, item in found) else []
    lines: dict[int, dict[tuple, Line]] = defaultdict(dict)

    def add(recipient: User | None, line: Line):
        if recipient is None or not recipient.is_active:
            return
        key = (line.kind.name, line.item.model, str(line.item.pk))
        lines[recipient.pk].setdefault(key, line)  # the first stage wins: one's own items are added first

    escalations = []
    for kind, item in found:
        late = span.between(item.due_on, today)
        if item.due_on < today:
            late = max(late, 1)  # due on Friday, looked at on Saturday: overdue, not "due today"
        stage = Stage.OVERDUE if late > 0 else Stage.DUE if late == 0 else Stage.BEFORE
        owner = people.get(item.person_id)
        cover = covers.get(item.person_id)
        if owner is not None and owner.is_active:
            if cover is not None:  # away: their cover is chased for it (and it stays on their own home page)
                add(cover, Line(kind, replace(item, title=""), stage, late, covering=owner))
            if cover is None or own_page:
                add(owner, Line(kind, item, stage, late))
            if escalate and late > 0:
                escalations.append((kind, item, late, owner))
        else:  # nobody's yet, or theirs who has left: the Head of Mayor's Office's
            for head in heads:
                add(head, Line(kind, item, stage, late))
    for kind, item, late, owner in escalations:  # after every own line: an item two people own is each one's own
        if late >= rules.lead_after_days and owner.reports_to_id and owner.reports_to_id != owner.pk:
            # A team lead may not see every record their team works on: the email names it by reference only.
            add(owner.reports_to, Line(kind, replace(item, title=""), Stage.LEAD, late, owner))
        if late >= rules.head_after_days:
            for head in heads:
                add(head, Line(kind, item, Stage.HEAD, late, owner))
    by_person = {
        pk: sorted(by_item.values(), key=lambda line: (line.kind.order, line.kind.name, line.item.due_on))
        for pk, by_item in lines.items()
        if asked is None or pk in asked
    }
    return by_person, more


def due_for(user, today: date | None = None) -> list[Line]:
    """The user's own items due or overdue (and due within the reminder window), soonest due first, from the same
    selectors as the chase: every one of them (`home_due` is the home page's first few)."""
    return home_due(user, today, shown=None).lines


@dataclass
class Due:
    """The home page's "Due and overdue": its lines, soonest due first, and how many more items of each kind there
    are than lines (a kind of thousands gives only its first few: `registry.ChaseKind.soonest`)."""

    lines: list[Line]
    more: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.lines) + sum(self.more.values())


def home_due(user, today: date | None = None, *, shown: int | None = 20, without=frozenset()) -> Due:
    """The user's items due or overdue for their home page, of which the first `shown` are listed: every line of
    the kinds of a few items, and the first `shown` of each kind of thousands, with the count of the rest; none of
    the kinds named in `without` (a member's drafts, listed in their own section of the page: not read twice)."""
    if not (user and user.is_authenticated):
        return Due([], {})
    today = today or timezone.localdate()
    by_person, more = _plan(today, person_ids=[user.pk], escalate=False, own_page=True, shown=shown, skip=without)
    # soonest due first; the same day in a kind's own order, by record (as `soonest` picks its first few)
    lines = sorted(by_person.get(user.pk, []), key=lambda line: (line.item.due_on, line.kind.order, line.item.pk))
    return Due(lines, more)


def why_not_now(now: datetime, rules: ChaseSettings | None = None) -> str:
    """Why no chase email may be written at `now` ("" when one may)."""
    today = now.date()
    if not is_working_day(today):
        return "it is not a working day (a weekend, a bank holiday or a closure day)"
    rules = rules or ChaseSettings.current()
    if now.time() < rules.digest_time:
        return f"the digests are written at {rules.digest_time:%H:%M}"
    return ""


SHOWN_PER_GROUP = 25


@dataclass
class Group:
    """One kind's lines in a digest: the first SHOWN_PER_GROUP (soonest due first, so the most overdue), and how
    many more. Every line is in the chase ledger; an email of thousands of lines would be read by nobody."""

    label: str
    lines: list[Line]
    more: int = 0


def _group(lines: list[Line]) -> list[Group]:
    groups: dict[str, list[Line]] = {}
    for line in lines:
        groups.setdefault(line.kind.label, []).append(line)
    return [
        Group(label, found[:SHOWN_PER_GROUP], max(len(found) - SHOWN_PER_GROUP, 0)) for label, found in groups.items()
    ]


def _digest(recipient: User, lines: list[Line], today: date) -> Notification:
    mine = [line for line in lines if line.stage in OWN_STAGES]
    escalated = [line for line in lines if line.stage not in OWN_STAGES]
    overdue = sum(line.overdue for line in mine)
    context = {
        "recipient": recipient,
        "today": today,
        "mine": _group(mine),
        "escalated": _group(escalated),
        "overdue": overdue,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    counts = [f"{overdue} overdue"] if overdue else []
    if len(mine) - overdue:
        counts.append(f"{len(mine) - overdue} due soon")
    if escalated:
        counts.append(f"{len(escalated)} escalated to you")
    return Notification(
        to=[recipient.email],
        recipient=recipient,
        subject=f"Your work for {today:%A} {today.day} {today:%B}: {', '.join(counts)}",
        body=render_to_string("mayoral_office/email/chase_digest.txt", context),
        html_body=render_to_string("mayoral_office/email/chase_digest.html", context),
        kind=DIGEST_KIND,
        idempotency_key=f"{DIGEST_KIND}:{recipient.pk}:{today.isoformat()}",
    )


def _entries(recipient_lines, notifications, today) -> list[ChaseEntry]:
    types = {}
    entries = []
    for (recipient, lines), notification in zip(recipient_lines, notifications, strict=True):
        for line in lines:
            if line.item.model not in types:
                types[line.item.model] = ContentType.objects.get_by_natural_key(*line.item.model.split("."))
            entries.append(
                ChaseEntry(
                    kind=line.kind.name,
                    regarding_type=types[line.item.model],
                    regarding_id=str(line.item.pk),
                    recipient=recipient,
                    stage=line.stage,
                    day=today,
                    due_on=line.item.due_on,
                    notification=notification,
                    covering=line.covering,
                )
            )
    return entries


# The ledger's columns: fixed names, never input (the statement below is built from them and the table's name).
ENTRY_COLUMNS = (
    "kind",
    "regarding_type_id",
    "regarding_id",
    "recipient_id",
    "stage",
    "day",
    "due_on",
    "notification_id",
    "covering_id",
)


def _insert_entries(entries: list[ChaseEntry]) -> None:
    """Write a day's ledger in one statement however many items it holds: the rows travel as one JSON parameter
    (PostgreSQL's jsonb_to_recordset, SQLite's json_each), not as thousands of bound values in batches."""
    if not entries:
        return
    rows = json.dumps(
        [
            {
                "kind": e.kind,
                "regarding_type_id": e.regarding_type.pk,
                "regarding_id": e.regarding_id,
                "recipient_id": e.recipient.pk,
                "stage": e.stage,
                "day": e.day.isoformat(),
                "due_on": e.due_on.isoformat(),
                "notification_id": e.notification.pk,
                "covering_id": e.covering.pk if e.covering else None,
            }
            for e in entries
        ]
    )
    table = connection.ops.quote_name(ChaseEntry._meta.db_table)
    columns = ", ".join(ENTRY_COLUMNS)
    if connection.vendor == "postgresql":
        source = (
            "SELECT * FROM jsonb_to_recordset(%s::jsonb) AS r(kind text, regarding_type_id integer, regarding_id "
            "text, recipient_id bigint, stage text, day date, due_on date, notification_id bigint, covering_id bigint)"
        )
    else:
        source = "SELECT " + ", ".join(f"json_extract(value, '$.{c}')" for c in ENTRY_COLUMNS) + " FROM json_each(%s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {source}", [rows])  # noqa: S608 (no input in the SQL)


def _send_after_commit(notification_ids: list[int]) -> None:
    from mayoral_office.outbox import send_after_commit

    for pk in notification_ids:
        send_after_commit(pk)


def run_chase(now: datetime | None = None) -> Result:
    """Write today's digests, once. Does nothing out of hours or when today's are written already."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    rules = ChaseSettings.current()
    reason = why_not_now(now, rules)
    if reason:
        return Result(today, skipped=reason)
    with transaction.atomic():
        run, _ = ChaseRun.objects.get_or_create(day=today)
        run = ChaseRun.objects.select_for_update().get(pk=run.pk)  # a second worker waits here, then finds it done
        if run.finished_at is not None:
            return Result(today, skipped="today's digests are written already")
        by_person = plan(today)
        recipients = User.objects.in_bulk(list(by_person))
        recipient_lines = [(recipients[pk], lines) for pk, lines in by_person.items() if recipients[pk].email]
        notifications = Notification.objects.bulk_create(
            [_digest(recipient, lines, today) for recipient, lines in recipient_lines]
        )
        _insert_entries(_entries(recipient_lines, notifications, today))
        run.finished_at = timezone.now()
        run.digests = len(notifications)
        run.items = sum(len(lines) for _, lines in recipient_lines)
        run.save(update_fields=["finished_at", "digests", "items"])
        ids = [n.pk for n in notifications]
        transaction.on_commit(lambda: _send_after_commit(ids))
    return Result(today, digests=len(ids), items=run.items, notifications=ids)


def send_alerts(now: datetime | None = None) -> Result:
    """For those who asked for alerts (`User.chase_alerts`): one email per item newly due for them, that is, one
    they have never been chased or alerted about. In working hours only, like the digests."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    reason = why_not_now(now)
    if reason:
        return Result(today, skipped=reason)
    if not ChaseRun.objects.filter(day=today, finished_at__isnull=False).exists():
        return Result(today, skipped="today's digests are not written yet: they come first")
    wanting = list(
        User.objects.filter(is_active=True, chase_alerts=True).exclude(email="").values_list("pk", flat=True)
    )
    by_person = plan(today, person_ids=wanting, escalate=False) if wanting else {}
    candidates = [(pk, line) for pk, lines in by_person.items() for line in lines if line.stage != Stage.BEFORE]
    if not candidates:
        return Result(today)
    known = set(
        ChaseEntry.objects.filter(  # the unique index's leading columns: kind, then the record
            kind__in={line.kind.name for _, line in candidates},
            regarding_id__in={str(line.item.pk) for _, line in candidates},
            recipient_id__in=list(by_person),
        ).values_list("kind", "regarding_id", "recipient_id")
    )
    fresh = [(pk, line) for pk, line in candidates if (line.kind.name, str(line.item.pk), pk) not in known]
    recipients = User.objects.in_bulk({pk for pk, _ in fresh})
    with transaction.atomic():
        notifications = []
        for pk, line in fresh:
            key = f"{ALERT_KIND}:{line.kind.name}:{line.item.model}:{line.item.pk}:{pk}"
            context = {"recipient": recipients[pk], "line": line}
            notification, created = Notification.objects.get_or_create(
                idempotency_key=key,
                defaults={
                    "to": [recipients[pk].email],
                    "recipient": recipients[pk],
                    "subject": f"{line.item.what or 'Due'}: {line.item.reference} {line.item.title}"[:250],
                    "body": render_to_string("mayoral_office/email/chase_alert.txt", context),
                    "html_body": render_to_string("mayoral_office/email/chase_alert.html", context),
                    "kind": ALERT_KIND,
                },
            )
            if created:
                notifications.append(notification)
                entry = _entries([(recipients[pk], [line])], [notification], today)[0]
                entry.stage = Stage.ALERT
                entry.save()
        ids = [n.pk for n in notifications]
        transaction.on_commit(lambda: _send_after_commit(ids))
    return Result(today, digests=len(ids), items=len(ids), notifications=ids)


def history(obj) -> list[ChaseEntry]:
    """The chase history of one record, oldest first, with whom and in which email (for its page). One query."""
    return list(
        ChaseEntry.objects.filter(regarding_type=ContentType.objects.get_for_model(obj), regarding_id=str(obj.pk))
        .select_related("recipient", "notification", "covering")
        .only(
            "stage",
            "day",
            "kind",
            "recipient__full_name",
            "recipient__email",
            "covering__full_name",
            "notification__status",
            "notification__sent_at",
        )
        .order_by("day", "pk")
    )
