"""Meetings of the council's bodies: scheduling (one, or a year's series skipping bank holidays and closure days),
attendance, agendas (standing items, reordering, papers, the forward agenda planner) and minutes (discussion,
decisions for the register, approval at a later meeting, sending the decisions and actions to attendees)."""

from __future__ import annotations

import copy
import os
import uuid
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.utils import timezone

from decisions import pathway as pathway_helper
from decisions import policy
from decisions.models import (
    AgendaItem,
    Body,
    Decision,
    DecisionSettings,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    PathwayItem,
    PathwayNote,
    PathwayStatus,
)
from decisions.models.meetings import STANDING_KINDS
from decisions.schedule import series_days
from decisions.services._base import bump, claim
from mayoral_office import registry
from mayoral_office.audit import record_change, service
from mayoral_office.errors import ServiceError
from mayoral_office.outbox import queue_email

LONDON = timezone.get_default_timezone()
MAX_SERIES_DAYS = 366
# An item's fields as a form gives them, with what a field left out means.
ITEM_DEFAULTS = {
    "title": "",
    "purpose": "",
    "lead_officer": None,
    "portfolio": None,
    "paper_due": None,
    "minutes_allowed": None,
    "confidential": False,
    "exempt_category": None,
    "pathway_item": None,
}


def _at(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LONDON)


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at < timezone.now():
        raise ServiceError("A meeting cannot be scheduled in the past: check the date and time", field="day")
    if ends_at <= starts_at:
        raise ServiceError("The meeting must end after it starts", field="ends")


def _with_standing_items(meeting: Meeting) -> Meeting:
    for position, kind in enumerate(STANDING_KINDS, start=1):
        AgendaItem.objects.create(
            body=meeting.body, meeting=meeting, kind=kind, title=ItemKind(kind).label, position=position
        )
    return meeting


@service
def meeting_schedule(
    *, actor, body: Body, starts_at: datetime, ends_at: datetime, place: str = "", online_link: str = ""
) -> Meeting:
    """A meeting of `body`, its agenda opened with the standing items (apologies, minutes, matters arising)."""
    policy.require(actor, "meeting.schedule")
    _check_times(starts_at, ends_at)
    if not (place or online_link):
        place = body.default_place
    meeting = Meeting.objects.create(
        body=body, starts_at=starts_at, ends_at=ends_at, place=place, online_link=online_link
    )
    return _with_standing_items(meeting)


@service
def meetings_schedule_series(
    *, actor, body: Body, first: date, until: date, every_weeks: int, start: time, minutes: int, place: str = ""
) -> tuple[list[Meeting], list[date]]:
    """A year (at most) of meetings at once, every `every_weeks` weeks or every month on the same weekday
    (schedule.MONTHLY), skipping bank holidays and closure days.
    Returns the meetings and the days skipped."""
    policy.require(actor, "meeting.schedule")
    if until < first:
        raise ServiceError("The last date must be on or after the first", field="until")
    if (until - first).days > MAX_SERIES_DAYS:
        raise ServiceError("A series can be scheduled for up to a year at a time", field="until")
    if not 0 <= every_weeks <= 13:  # 0: every month, on the same weekday (decisions/schedule.py)
        raise ServiceError("Choose how often the meetings are", field="every_weeks")
    days, skipped = series_days(first, until, every_weeks)
    if not days:
        raise ServiceError("None of those dates is a working day", field="first")
    _check_times(_at(days[0], start), _at(days[0], start) + timedelta(minutes=minutes))
    series = uuid.uuid4().hex
    meetings = [
        _with_standing_items(
            Meeting.objects.create(
                body=body,
                starts_at=_at(day, start),
                ends_at=_at(day, start) + timedelta(minutes=minutes),
                place=place or body.default_place,
                series=series,
            )
        )
        for day in days
    ]
    return meetings, skipped


@service
def meeting_edit(
    *, actor, meeting: Meeting, starts_at, ends_at, place: str, online_link: str, expected_version=None
) -> Meeting:
    """Move a meeting or change its place. A proposal to be decided at it has its statutory dates recalculated, and
    its history says how they changed."""
    meeting = claim(actor, "meeting.edit", meeting, expected_version)
    before = copy.copy(meeting)
    if (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at):
        _check_times(starts_at, ends_at)
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.online_link = starts_at, ends_at, place, online_link
    bump(meeting)
    meeting.save()
    if before.day != meeting.day:
        _note_decision_meeting_changed(actor, before, meeting)
    if (before.starts_at, before.ends_at) != (meeting.starts_at, meeting.ends_at):
        registry.announce_change("decisions.meeting", actor=actor, obj=meeting)  # a pack's due date follows it
    return meeting


@service
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    """Cancel a meeting to come. Proposals that were to be decided at it lose their decision meeting (their history
    says so), so that their dates are planned again from the next one chosen, not from a meeting that will not be."""
    meeting = claim(actor, "meeting.cancel", meeting)
    meeting.status = MeetingStatus.CANCELLED
    bump(meeting)
    meeting.save()
    _note_decision_meeting_changed(actor, meeting, None)
    registry.announce_change("decisions.meeting", actor=actor, obj=meeting)
    return meeting


def _note_decision_meeting_changed(actor, old: Meeting, new: Meeting | None) -> None:
    rules, today = DecisionSettings.current().rules(), timezone.localdate()
    undecided = PathwayItem.objects.filter(decision_meeting_id=old.pk).exclude(
        status__in=(PathwayStatus.DECIDED, PathwayStatus.WITHDRAWN)
    )
    for item in undecided.select_for_update(of=("self",)):
        dates_before = pathway_helper.plan_for(item, old.day, today=today, rules=rules)
        dates_after = pathway_helper.plan_for(item, new.day, today=today, rules=rules) if new else []
        text = pathway_helper.meeting_moved_note(old, new, dates_before, dates_after)
        PathwayNote.objects.create(item=item, written_at=timezone.now(), author=actor, text=text)
        if new is None:
            item.decision_meeting = None
            bump(item)
            item.save()


@service
def meeting_record_attendance(*, actor, meeting: Meeting, attendees, apologies, others_present: str = "") -> Meeting:
    meeting = claim(actor, "minutes.record", meeting)
    both = {u.pk for u in attendees} & {u.pk for u in apologies}
    if both:
        raise ServiceError("Someone cannot both attend and send apologies", field="apologies")
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    meeting.others_present = others_present
    meeting.save()
    return meeting


# --- the agenda ------------------------------------------------------------------------------------------------
def _check_item(data: dict) -> dict:
    if not (data.get("title") or "").strip():
        raise ServiceError("Enter the item's title", field="title")
    fields = {name: data.get(name, default) for name, default in ITEM_DEFAULTS.items()}
    fields["title"] = fields["title"].strip()
    fields["purpose"] = (fields["purpose"] or "").strip()
    fields["exempt_category"] = fields["exempt_category"] or None
    pathway = fields["pathway_item"]
    if pathway is not None:  # an item about a restricted proposal is restricted too
        fields["confidential"] = bool(fields["confidential"] or pathway.confidential)
        fields["exempt_category"] = fields["exempt_category"] or pathway.exempt_category
    return fields


@service
def agenda_item_add(*, actor, data: dict, meeting: Meeting | None = None, body: Body | None = None) -> AgendaItem:
    """An item on `meeting`'s agenda (at the end), or waiting on `body`'s forward agenda planner for a meeting."""
    if meeting is not None:
        meeting = claim(actor, "agenda.add_item", meeting)
        body = meeting.body
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    else:
        policy.require(actor, "agenda.plan")
        last = 0
    fields = _check_item(data)
    return AgendaItem.objects.create(body=body, meeting=meeting, position=last + 1, **fields)


@service
def agenda_item_edit(*, actor, item: AgendaItem, data: dict) -> AgendaItem:
    item = claim(actor, "item.edit", item)
    before = {name: getattr(item, name) for name in RESTRICTION}
    for name, value in _check_item(data).items():
        if not (item.is_standing and name == "title"):
            setattr(item, name, value)
    item.save()
    if {name: getattr(item, name) for name in RESTRICTION} != before:
        _restrict_what_arose(actor, item, before)
    return item


RESTRICTION = ("confidential", "exempt_category", "lead_officer", "portfolio")


def _restrict_what_arose(actor, item: AgendaItem, before: dict) -> None:
    """The decisions and actions recorded on an item are as restricted as the item: a change to its restriction
    is copied to them (each change in the audit trail)."""
    values = {name: getattr(item, name) for name in RESTRICTION}
    changes = {name: (before[name], values[name]) for name in RESTRICTION if before[name] != values[name]}
    for arising in [*item.decisions.all(), *item.actions.all()]:
        type(arising).objects.filter(pk=arising.pk).update(**values)
        record_change(actor=actor, obj=arising, changes=changes, note=f"As restricted as the agenda item {item.pk}")


@service
def agenda_item_place(*, actor, item: AgendaItem, meeting: Meeting | None) -> AgendaItem:
    """Book an item from the planner into a meeting of its body (at the end of the agenda), or back to the
    planner (None)."""
    item = claim(actor, "item.edit", item)
    if meeting is not None:
        meeting = claim(actor, "agenda.add_item", meeting)
        if meeting.body_id != item.body_id:
            raise ServiceError(f"Choose a meeting of {item.body}", field="meeting")
        item.position = (meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0) + 1
    item.meeting = meeting
    item.save()
    return item


@service
def agenda_item_move(*, actor, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap the item's place with the item before (up) or after it among those the actor can see (an item hidden
    from them keeps its place)."""
    item = claim(actor, "item.edit", item)
    if item.meeting_id is None:
        raise ServiceError("Only an item on a meeting's agenda has a place in the order")
    policy.require(actor, "agenda.reorder", item.meeting)
    order = list(AgendaItem.objects.visible_to(actor).filter(meeting_id=item.meeting_id).order_by("position", "pk"))
    index = next(i for i, other in enumerate(order) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(order):
        neighbour = order[other]
        if neighbour.position == item.position:  # equal places (made outside the app): the order by key decides
            neighbour.position += 1 if up else -1
        item.position, neighbour.position = neighbour.position, item.position
        item.save(update_fields=["position"])
        neighbour.save(update_fields=["position"])
    return item


@service
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    item = claim(actor, "item.remove", item)
    if item.decisions.exists() or item.actions.exists():
        raise ServiceError("An item with decisions or actions recorded against it cannot be removed")
    item.delete()


PAPER_MAX_BYTES = 20 * 1024 * 1024


@service
def agenda_item_upload_paper(*, actor, item: AgendaItem, paper) -> AgendaItem:
    """The item's paper: a PDF (it is appended to the agenda pack)."""
    item = claim(actor, "item.upload_paper", item)
    name = os.path.basename(paper.name or "")
    if not name.lower().endswith(".pdf"):
        raise ServiceError("The paper must be a PDF", field="paper")
    if not 0 < paper.size <= PAPER_MAX_BYTES:
        raise ServiceError(f"{name} must be a PDF of up to 20 MB, and not empty", field="paper")
    paper.seek(0)
    if not paper.read(5).startswith(b"%PDF"):
        raise ServiceError(f"{name} is not a real PDF file", field="paper")
    paper.seek(0)
    item.paper.save(name, paper, save=False)
    item.paper_received_at = timezone.now()
    item.save()
    return item


# --- minutes ---------------------------------------------------------------------------------------------------
def _drafting(meeting: Meeting) -> None:
    """The first minute recorded: the meeting has been held and its minutes are in draft."""
    if meeting.minutes_status == MinutesStatus.NONE:
        meeting.minutes_status = MinutesStatus.DRAFT
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["minutes_status", "status"])


@service
def minutes_record_item(*, actor, item: AgendaItem, discussion: str) -> AgendaItem:
    """The summary of an item's discussion, in the draft minutes."""
    meeting = claim(actor, "minutes.record", _meeting_of(item))
    item = claim(actor, "item.edit", item)
    item.discussion = discussion.strip()
    item.save()
    _drafting(meeting)
    return item


def _meeting_of(item: AgendaItem) -> Meeting:
    if item.meeting_id is None:
        raise ServiceError("Book the item into a meeting before minuting it")
    return item.meeting


def _decision_reference(body: Body, year: int) -> str:
    """The body's next decision number of the year (CLT/2026/001), after the highest so far (gaps are not reused)."""
    prefix = f"{body.short_name}/{year}/"
    last = (
        Decision.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last[len(prefix) :]) if last and last[len(prefix) :].isdigit() else 0
    return f"{prefix}{number + 1:03d}"


@service
def minutes_record_decision(*, actor, item: AgendaItem, title: str, text: str) -> Decision:
    """A decision taken on the item: in the minutes and the decision register, as restricted as the item. The
    body's row is locked while its next number is taken, so two meetings minuted at once never share one."""
    meeting = claim(actor, "minutes.record", _meeting_of(item))
    Body.objects.select_for_update().filter(pk=meeting.body_id).first()
    if not title.strip():
        raise ServiceError("Enter the decision's title", field="title")
    if not text.strip():
        raise ServiceError("Enter the decision as the meeting took it", field="text")
    pathway = item.pathway_item
    decision = Decision.objects.create(
        reference=_decision_reference(meeting.body, meeting.day.year),
        title=title.strip(),
        text=text.strip(),
        meeting=meeting,
        agenda_item=item,
        pathway_item=pathway,
        decision_maker=meeting.body.name,
        taken_on=meeting.day,
        # a key decision is an executive one: a leadership team's recommendation on a key proposal is not
        key_decision=bool(pathway and pathway.key_decision and meeting.body.takes_executive_decisions),
        lead_officer=item.lead_officer,
        portfolio=item.portfolio,
        confidential=item.confidential,
        exempt_category=item.exempt_category,
    )
    _drafting(meeting)
    return decision


@service
def minutes_approve(*, actor, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """Draft minutes approved at a later meeting of the same body; from then on the meeting is read-only."""
    meeting = claim(actor, "minutes.approve", meeting)
    if at_meeting.body_id != meeting.body_id or at_meeting.starts_at <= meeting.starts_at:
        raise ServiceError(f"Minutes are approved at a later meeting of {meeting.body}", field="at_meeting")
    if at_meeting.starts_at > timezone.now():
        raise ServiceError("Minutes are approved at a meeting that has started", field="at_meeting")
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_at = at_meeting
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
    bump(meeting)
    meeting.save()
    return meeting


@service
def minutes_send(*, actor, meeting: Meeting, decisions, actions) -> int:
    """Email the meeting's decisions and actions to its attendees (through the outbox). `decisions` and `actions`
    are what the sender may see; restricted ones are left out of the email whatever the reader. Returns how many
    people it was sent to."""
    meeting = claim(actor, "minutes.send", meeting)
    to = [u.email for u in meeting.attendees.all() if u.is_active and u.email]
    if not to:
        raise ServiceError("Record who attended before sending the decisions and actions")
    context = {
        "meeting": meeting,
        "decisions": [d for d in decisions if not d.is_restricted],
        "actions": [a for a in actions if not a.is_restricted],
    }
    queue_email(
        to=to,
        subject=f"Decisions and actions: {meeting}",
        body=render_to_string("decisions/email/decisions_and_actions.txt", context),
        kind="decisions.minutes",
        regarding=meeting,
    )
    meeting.minutes_sent_at = timezone.now()
    meeting.save(update_fields=["minutes_sent_at"])
    return len(to)
