"""Due dates that follow something else: a pack for an engagement or a meeting is due a set number of working days
before it (the briefing rules, seed 2), so when the engagement or meeting moves, or a council closure day is added
or removed, its due date is worked out again, and the open commissions that would now come in too late for it are
brought forward to a working day before the new date. Issued and withdrawn packs keep theirs (they are done).

`packs_follow_record` is the change listener the diary's and decisions' services call (through
`registry.announce_change`, inside their transaction); `packs_recalculate_for_closure_day` is the core's deadline
recalculator. Both registered in apps.py. A cancelled engagement or meeting leaves its pack as it is: the pack page
shows the cancellation."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q

from briefings.deadlines import commission_due, pack_due
from briefings.models import BriefingSettings, Commission, Pack, PackStatus
from briefings.services._base import bump
from decisions.models import Meeting
from diary.models import LONDON, Engagement
from mayoral_office.audit import record_change, service

LIVE = (PackStatus.DRAFT, PackStatus.CLEARED)


def _event_day(pack: Pack) -> date | None:
    """The local day of the pack's engagement or meeting (None for a standalone pack)."""
    if pack.engagement_id:
        return pack.engagement.local_start.date()
    if pack.meeting_id:
        return pack.meeting.day
    return None


def _follow(actor, pack: Pack, rules: BriefingSettings, why: str) -> bool:
    """Work the pack's due date out again from its engagement or meeting; bring forward its open commissions that
    are now due later than a commission for the new date may be. True if anything moved."""
    day = _event_day(pack)
    if day is None:
        return False
    due = pack_due(day, rules.due_working_days_before)
    if due == pack.due_on:
        return False
    before = pack.due_on
    pack.due_on = due
    bump(pack)
    pack.save(update_fields=["due_on", "version", "updated_at"])
    latest = commission_due(due, rules.commission_working_days_before_due)
    moved = []
    for commission in Commission.objects.open().filter(section__pack=pack, due_on__gt=latest).select_related("section"):
        moved.append(f"{commission.section.title} {commission.due_on:%-d %b} → {latest:%-d %b}")
        commission.due_on = latest
        bump(commission)
        commission.save(update_fields=["due_on", "version", "updated_at"])
    note = f"{why}: the pack is now due on {due:%-d %B %Y} (was {before:%-d %B %Y})"
    if moved:
        note += "; commissions brought forward: " + "; ".join(moved)
    record_change(actor=actor, obj=pack, changes={"due_on": (before, due)}, note=note + ".")
    return True


@service
def packs_follow_record(*, actor, record) -> int:
    """An engagement or a meeting moved or was cancelled (`record`): each of its live packs (in preparation or
    cleared) is due again a set number of working days before it. Returns how many packs moved."""
    if isinstance(record, Engagement):
        packs, what = Pack.objects.filter(engagement_id=record.pk), "The engagement moved"
    elif isinstance(record, Meeting):
        packs, what = Pack.objects.filter(meeting_id=record.pk), "The meeting moved"
    else:
        return 0
    rules = BriefingSettings.current()
    packs = packs.filter(status__in=LIVE).select_related("engagement", "meeting").select_for_update(of=("self",))
    return sum(_follow(actor, pack, rules, what) for pack in packs.order_by("pk"))


@service
def packs_recalculate_for_closure_day(*, actor, changed_day: date, note: str) -> int:
    """A closure day was added or removed: every live pack for an engagement or meeting after that day whose due
    date is on or before it is worked out again (a standalone pack's date is the officer's). Returns how many
    packs moved."""
    after = datetime.combine(changed_day, time.max, tzinfo=LONDON)
    packs = (
        Pack.objects.filter(status__in=LIVE, due_on__lte=changed_day)
        .filter(Q(engagement__starts_at__gt=after) | Q(meeting__starts_at__gt=after))
        .select_related("engagement", "meeting")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    rules = BriefingSettings.current()
    return sum(_follow(actor, pack, rules, note) for pack in packs)
