"""What procurement chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations):
requisitions waiting for approval, the ones "Requisitions waiting for your approval" counts on the home page
(selectors/home.py): submitted, at the first waiting step of their latest round. Approved, ordered, returned,
rejected and cancelled ones wait for no approver and are no longer returned; each approval moves the chase to the
next step's approver.

Who: the approver of the step it waits at (procurement/routing.py `acts_at`), never the requester:
- budget holder: the line's holder; when the holder raised it, the line's deputy; with no other deputy, the Head of
  Mayor's Office. A deputy otherwise covers for an absent holder and is not chased;
- Head of Mayor's Office: the Head (a deputy named in the settings acts only when the Head is absent, and is chased
  only when no Head could act);
- Director, procurement team: those named in the procurement settings.
Nobody: the Head of Mayor's Office (person None).

When: a step has no due date of its own, so each approver has `APPROVAL_WORKING_DAYS` (5) working days from the day
it reached them (the submission, or the approval at the step before): the first band, "0 to 5" working days, of the
report of requisitions by age (selectors/reports.py). Never after the requisition's needed-by date: an approval after
it comes too late for the purchase.

One query for the requisitions with their steps (the calendar's days off, the Heads, the budget lines' holders and the
procurement settings' people are kept in the cache); for some people only (their home page), none when none of them
approves anything. Requisitions carry no protective marking: the title is what is being bought."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import DateTimeField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from mayoral_office import choices
from mayoral_office.models import User
from mayoral_office.registry import ChaseItem, ChaseKind
from mayoral_office.roles import Role
from mayoral_office.working_days import WorkingDaySpan
from procurement.models import ApprovalStep, BudgetLine, ProcurementSettings, Requisition, Status
from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT
from procurement.selectors.home import with_current_tier
from procurement.selectors.reports import AGE_BANDS

APPROVAL_WORKING_DAYS = AGE_BANDS[0][1]  # 5
AHEAD = timedelta(days=31)  # the span of days off read past the latest start: 5 working days, whatever the holidays


def waiting():
    """Submitted requisitions with their current tier and when they reached it (the submission, or the latest
    approval since, as the steps of earlier rounds were all acted on before it was submitted again)."""
    acted = ApprovalStep.objects.filter(requisition=OuterRef("pk"), acted_at__isnull=False).order_by("-acted_at")
    latest = Subquery(acted.values("acted_at")[:1], output_field=DateTimeField())
    return with_current_tier(Requisition.objects.filter(status=Status.SUBMITTED)).annotate(
        reached=Greatest("submitted_at", Coalesce(latest, "submitted_at"), output_field=DateTimeField())
    )


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class _Approvers:
    """Who is chased at each tier, read only when a tier needs them: the Heads (one query) and the people the
    procurement settings name (from the cache)."""

    def __init__(self):
        self._heads = self._people = None

    def heads(self) -> list[int]:
        if self._heads is None:
            self._heads = _heads()
        return self._heads

    def named(self, part: str) -> list[int]:
        if self._people is None:
            self._people = ProcurementSettings.people()
        return sorted(self._people[part])

    def at(self, row: dict) -> list[int]:
        """The people chased for the step a requisition waits at (never its requester); [] when nobody."""
        tier, requester = row["current_tier"], row["requester_id"]
        holder, deputy = row["holder_id"], row["deputy_id"]
        if tier == BUDGET_HOLDER:
            if holder != requester:
                found = [holder]
            elif deputy is not None and deputy != requester:
                found = [deputy]
            else:
                found = self.heads()
        elif tier == HEAD:
            found = [pk for pk in self.heads() if pk != requester] or self.named("head_deputies")
        elif tier == DIRECTOR:
            found = self.named("directors")
        elif tier == PROCUREMENT:
            found = self.named("procurement_team")
        else:
            found = []
        return [pk for pk in found if pk != requester]


def _heads() -> list[int]:
    """The active Heads of Mayor's Office (users and roles are kept tables: mayoral_office/choices.py)."""
    found = User.objects.filter(is_active=True, groups__name=Role.HEAD_OF_OFFICE.label)
    return choices.kept("procurement:heads", lambda: list(found.order_by("pk").values_list("pk", flat=True).distinct()))


def _lines() -> dict[int, tuple[int, int | None]]:
    """{budget line id: (its holder, its deputy)} (budget lines are a kept table: apps.py): the chase reads who holds
    the line a requisition is on from here, not by joining every waiting requisition to the lines."""
    lines = BudgetLine.objects.values_list("pk", "holder_id", "deputy_id")
    return choices.kept("procurement:lines", lambda: {pk: (holder, deputy) for pk, holder, deputy in lines})


def _holder_and_deputy(lines: dict, line_id: int) -> tuple[int, int | None]:
    found = lines.get(line_id)
    if found is None:  # a line made since the kept table was read
        found = BudgetLine.objects.values_list("holder_id", "deputy_id").get(pk=line_id)
    return found


NAMED_TIERS = ((HEAD, "head_deputies"), (DIRECTOR, "directors"), (PROCUREMENT, "procurement_team"))


def _steps_of(person_ids) -> Q | None:
    """The waiting requisitions whose step one of these people may be chased for (`_Approvers.at` decides among
    them), None when none can be: at the budget holder, a line they hold or deputise for, or any line for a Head (a
    holder's own with no other deputy); at a later tier, every one when they are among its approvers. Asked of the
    kept tables, without a query."""
    ids = set(person_ids)
    named = ProcurementSettings.people()
    tiers = {tier for tier, part in NAMED_TIERS if ids & named[part]}
    if ids & set(_heads()):
        tiers |= {BUDGET_HOLDER, HEAD}
    own = sorted(pk for pk, people in _lines().items() if ids.intersection(people))  # as holder or deputy
    if not tiers and not own:
        return None
    return Q(current_tier__in=sorted(tiers)) | Q(current_tier=BUDGET_HOLDER, budget_line_id__in=own)


def approvals(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Requisitions waiting for approval, due on or before `horizon`, for the approver of the step they wait at."""
    # due is at least APPROVAL_WORKING_DAYS calendar days after the step was reached, or the needed-by date
    reached_before = _midnight(horizon - timedelta(days=APPROVAL_WORKING_DAYS - 1))
    found = waiting().filter(Q(needed_by__lte=horizon) | Q(reached__lt=reached_before), current_tier__isnull=False)
    if person_ids is not None:  # their home page: the steps they could be chased for, not every requisition waiting
        theirs = _steps_of(person_ids)
        if theirs is None:
            return []
        found = found.filter(theirs)
    rows = list(
        found.values(
            "pk", "reference", "description", "needed_by", "requester_id", "current_tier", "reached",
            "budget_line_id",
        )
        .order_by("needed_by", "pk")
    )  # fmt: skip
    if not rows:
        return []
    lines = _lines()
    for row in rows:
        row["reached_on"] = timezone.localtime(row["reached"]).date()
        row["holder_id"], row["deputy_id"] = _holder_and_deputy(lines, row["budget_line_id"])
    calendar = WorkingDaySpan(min(row["reached_on"] for row in rows), max(row["reached_on"] for row in rows) + AHEAD)
    approvers = _Approvers()
    items = []
    for row in rows:
        due = min(calendar.after(row["reached_on"], APPROVAL_WORKING_DAYS), row["needed_by"])
        if due > horizon:
            continue
        for person_id in approvers.at(row) or [None]:
            if person_ids is not None and person_id not in person_ids:
                continue
            items.append(
                ChaseItem(
                    model="procurement.requisition",
                    pk=row["pk"],
                    person_id=person_id,
                    due_on=due,
                    reference=row["reference"],
                    title=row["description"],
                    url=reverse("procurement:requisition", args=[row["pk"]]),
                    what="Your approval",
                )
            )
    return items


KINDS = [
    ChaseKind("procurement.approval", "procurement", "Requisitions waiting for approval", approvals, order=50),
]
