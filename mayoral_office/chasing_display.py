"""A record's chase history in a few sentences, for its page: "Chased Kim Lee on 2, 3 and 4 December 2026." Pure:
it reads the ChaseEntry rows `chasing.history(obj)` returns (oldest first) and never the database.

Entries to the same person at the same stage make one sentence listing their days, however many of the record's
chase kinds produced them (a case's acknowledgement and its response chased on one day are one day). A sentence ends
when the stage passes to someone else (the case was reallocated): the next run of the same person is a new sentence,
so the sentences keep the order things happened in. People escalated to at the same stage on the same days share a
sentence. An email the outbox has not sent says so: "not yet delivered", or "delivery failed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from mayoral_office.models import ChaseEntry, Notification

Stage = ChaseEntry.Stage
STAGE_ORDER = {stage: n for n, stage in enumerate(Stage.values)}
LONG_RUN = 5  # more days than this: "on 12 working days from 2 to 17 December 2026"

FAILED = "delivery failed"
NOT_YET = "not yet delivered"
_DELIVERY = {
    Notification.Status.PENDING: NOT_YET,
    Notification.Status.SENDING: NOT_YET,
    Notification.Status.FAILED: FAILED,
    Notification.Status.ABANDONED: FAILED,
    Notification.Status.BOUNCED: FAILED,
}


@dataclass
class ChaseLine:
    """One sentence of the history."""

    text: str
    failed: bool = False  # some email of it was not delivered, and will not be or may not be


@dataclass
class _Group:
    stage: str
    names: list[str]
    days: list[date] = field(default_factory=list)
    problems: dict[str, list[date]] = field(default_factory=dict)  # "delivery failed": [days]
    order: int = 0

    def add(self, day: date, status: str) -> None:
        if day not in self.days:
            self.days.append(day)
        problem = _DELIVERY.get(status)
        if problem and day not in self.problems.setdefault(problem, []):
            self.problems[problem].append(day)


def days_text(days: list[date]) -> str:
    """2, 3 and 4 December 2026; 30 November, 1 and 2 December 2026; 31 December 2026 and 4 January 2027. The
    month once per run of days in it, the year once per run of days in it."""
    days = sorted(set(days))
    if not days:
        return ""
    if len(days) > LONG_RUN:
        first, last = days[0], days[-1]
        if (first.year, first.month) == (last.year, last.month):
            span = f"{first.day} to {last.day} {last:%B %Y}"
        elif first.year == last.year:
            span = f"{first.day} {first:%B} to {last.day} {last:%B %Y}"
        else:
            span = f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
        return f"{len(days)} working days from {span}"
    words = []
    for n, day in enumerate(days):
        following = days[n + 1] if n + 1 < len(days) else None
        word = str(day.day)
        if following is None or (following.year, following.month) != (day.year, day.month):
            word += f" {day:%B}"
        if following is None or following.year != day.year:
            word += f" {day.year}"
        words.append(word)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _on(days: list[date]) -> str:
    return f"on {days_text(days)}"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _sentence(group: _Group) -> ChaseLine:
    who, on = _names(group.names), _on(group.days)
    text = {
        Stage.BEFORE: f"Reminded {who} {on}",
        Stage.DUE: f"Reminded {who} {on}",
        Stage.OVERDUE: f"Chased {who} {on}",
        Stage.LEAD: f"Escalated to {who} (team lead) {on}",
        Stage.HEAD: f"Escalated to the Head of Mayor's Office ({who}) {on}",
        Stage.ALERT: f"Alerted {who} {on}",
    }.get(group.stage, f"Emailed {who} {on}")
    notes = {Stage.BEFORE: ["before due"], Stage.DUE: ["the day it was due"]}.get(group.stage, [])
    for problem in (FAILED, NOT_YET):
        days = group.problems.get(problem)
        if days:
            notes.append(problem if len(days) == len(group.days) else f"{problem} {_on(days)}")
    if notes:
        text += f" ({'; '.join(notes)})"
    return ChaseLine(f"{text}.", failed=FAILED in group.problems)


def _name(entry) -> str:
    recipient = entry.recipient
    name = recipient.full_name or recipient.email
    return f"{name} (covering for {entry.covering.full_name})" if entry.covering_id else name


def condense(entries: Iterable[ChaseEntry]) -> list[ChaseLine]:
    """The history's sentences, oldest first (`entries` oldest first, as chasing.history gives them)."""
    by_day: dict[date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    groups: list[_Group] = []
    open_groups: dict[tuple, _Group] = {}  # (stage, recipient id, covering id) -> the group still running
    for day in sorted(by_day):
        todays_keys = set()
        for entry in by_day[day]:
            key = (entry.stage, entry.recipient_id, entry.covering_id)
            todays_keys.add(key)
            group = open_groups.get(key)
            if group is None:
                group = _Group(entry.stage, [_name(entry)], order=len(groups))
                groups.append(group)
                open_groups[key] = group
            group.add(day, entry.notification.status)
        todays_stages = {key[0] for key in todays_keys}
        for key in [key for key in open_groups if key[0] in todays_stages and key not in todays_keys]:
            del open_groups[key]  # the stage passed to someone else today: a later run is a new sentence
    groups.sort(key=lambda g: (g.days[0], STAGE_ORDER.get(g.stage, 99), g.order))
    return [_sentence(group) for group in _merge(groups)]


def _merge(groups: list[_Group]) -> list[_Group]:
    """People at the same stage on the same days (the Heads of Mayor's Office) share a sentence."""
    merged: list[_Group] = []
    for group in groups:
        last = merged[-1] if merged else None
        if last and (last.stage, last.days, last.problems) == (group.stage, group.days, group.problems):
            last.names.extend(name for name in group.names if name not in last.names)
        else:
            merged.append(group)
    return merged
