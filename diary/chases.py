"""What the diary chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations):
invitations awaiting a decision, the same ones `selectors.invitations_to_decide` counts on the home page (status
"Awaiting decision"; accepted, declined or delegated ones are done and no longer returned).

Who: the officers who keep the member's diary and so may decide (a current `SupportAssignment`, active, not read
only: no intern or work-experience placement, no directorate contact; diary/policy.py `decides_invitation`). Of those,
the member's primary officers (`is_primary`); when none of them is current, whoever covers. Nobody keeps the diary:
the Head of Mayor's Office (person None). The member may decide their own invitations too, but is not chased: their
officers are.

When: an invitation has no reply-by date, so its decision is due `REPLY_WORKING_DAYS` (5) working days after it was
received (weekends, bank holidays and closure days skipped, as every deadline of the office), and never after the
event itself: a short-notice invitation is due on the day of its event at the latest. Five working days leave at
least as long again for the reply before an event given the diary's minimum notice (10 working days by default).

One query for the invitations, however many there are (who keeps which diary, and the calendar's days off, are kept in
the cache); for some people only (their home page), only the invitations of the diaries they keep are read.
Invitations carry no protective marking: the title is the event and its organiser."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from diary.models import Invitation, InvitationStatus
from mayoral_office import choices
from mayoral_office.models import SupportAssignment, User
from mayoral_office.registry import ChaseItem, ChaseKind
from mayoral_office.roles import Role
from mayoral_office.working_days import WorkingDaySpan

REPLY_WORKING_DAYS = 5
AHEAD = timedelta(days=31)  # the span of days off read past the latest start: 5 working days, whatever the holidays


def due_on(received_on: date, event_date: date, calendar: WorkingDaySpan | None = None) -> date:
    """When the decision on an invitation is due: REPLY_WORKING_DAYS working days after it arrived, and never after
    its event."""
    calendar = calendar or WorkingDaySpan(received_on, received_on + AHEAD)
    return min(calendar.after(received_on, REPLY_WORKING_DAYS), event_date)


def _not_keeping() -> Q:
    """Those whose support of a member does not let them decide: read only (interns and work experience) or a
    directorate contact, unless they see everything (the Head of Mayor's Office): DiaryReader.of as a query."""
    head = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="view_all_records")
        | Q(user_permissions__codename="view_all_records")
    )
    limited = (
        Q(groups__permissions__codename="draft_only")
        | Q(user_permissions__codename="draft_only")
        | Q(groups__name=Role.DIRECTORATE_CONTACT.label)
    )
    heads = User.objects.filter(head).values("pk")
    return Q(officer_id__in=User.objects.filter(limited).exclude(pk__in=heads).values("pk"))


def _keeping(officer_ids=None):
    """The current assignments that let an active officer keep a member's diary (of these officers only, if given)."""
    found = SupportAssignment.objects.current().filter(officer__is_active=True)
    if officer_ids is not None:
        found = found.filter(officer_id__in=list(officer_ids))
    return found.exclude(_not_keeping())


def _kept_by(officer_ids) -> list[int]:
    """The members whose diaries these officers keep today."""
    ids = sorted(set(officer_ids))

    def read() -> list[int]:
        return sorted(set(_keeping(ids).values_list("member_id", flat=True)))

    return choices.kept(f"diary:kept-by:{ids}:{timezone.localdate()}", read)


def keepers(member_ids) -> dict[int, list[int]]:
    """{member id: the officers chased for their invitations}: the primary officers who keep the diary today, or
    every officer who keeps it when no primary one does. Kept in the cache (assignments, users and their roles are
    kept tables: mayoral_office/choices.py)."""
    ids = sorted(set(member_ids))
    found = (
        _keeping()
        .filter(member_id__in=ids)
        .order_by("officer_id")
        .values_list("member_id", "officer_id", "is_primary")
        .distinct()
    )
    return choices.kept(f"diary:keepers:{ids}:{timezone.localdate()}", lambda: _responsible(found))


def _responsible(found) -> dict[int, list[int]]:
    primary, cover = defaultdict(list), defaultdict(list)
    for member_id, officer_id, is_primary in found:
        chosen = primary if is_primary else cover
        if officer_id not in chosen[member_id]:
            chosen[member_id].append(officer_id)
    return {member_id: primary[member_id] or cover[member_id] for member_id in set(primary) | set(cover)}


def invitations(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Invitations awaiting a decision due on or before `horizon`, for each officer responsible."""
    # due is at least REPLY_WORKING_DAYS calendar days after receipt, or the event: those that cannot be due are left
    found = Invitation.objects.filter(status=InvitationStatus.RECEIVED).filter(
        Q(event_date__lte=horizon) | Q(received_on__lte=horizon - timedelta(days=REPLY_WORKING_DAYS))
    )
    if person_ids is not None:  # the diaries they keep (their home page): no other member's invitations are read
        kept_by = _kept_by(person_ids)
        if not kept_by:
            return []
        found = found.filter(member_id__in=kept_by)
    rows = list(
        found.values(
            "pk", "reference", "event_name", "organisation", "member_id", "received_on", "event_date"
        ).order_by("event_date", "pk")
    )
    if not rows:
        return []
    calendar = WorkingDaySpan(min(row["received_on"] for row in rows), max(row["received_on"] for row in rows) + AHEAD)
    responsible = keepers({row["member_id"] for row in rows})
    items = []
    for row in rows:
        due = due_on(row["received_on"], row["event_date"], calendar)
        if due > horizon:
            continue
        for person_id in responsible.get(row["member_id"]) or [None]:
            if person_ids is not None and person_id not in person_ids:
                continue
            items.append(
                ChaseItem(
                    model="diary.invitation",
                    pk=row["pk"],
                    person_id=person_id,
                    due_on=due,
                    reference=row["reference"],
                    title=f"{row['event_name']} ({row['organisation']})",
                    url=reverse("diary:invitation", args=[row["pk"]]),
                    what="Your decision on the invitation",
                )
            )
    return items


KINDS = [
    ChaseKind("diary.invitation", "diary", "Invitations awaiting a decision", invitations, order=20),
]
