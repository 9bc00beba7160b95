"""The procurement landing page's figures and the lines of "Your work" on the home page, each in a fixed number of
queries however many requisitions and budget lines there are. No HTTP."""

from __future__ import annotations

from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from mayoral_office.registry import WorkItem
from procurement import policy
from procurement.models import ApprovalStep, BudgetLine, Buyer, Requisition, Status
from procurement.models.access import BUDGET_HOLDER
from procurement.money import financial_year, year_label

ZERO = Decimal("0.00")
NEARLY_SPENT = Decimal("0.9")  # a line with more than 90% of its allocation committed or spent
NOT_INVOICED = (Status.ORDERED, Status.RECEIVED)


def with_current_tier(queryset):
    """Each requisition's current tier: that of its first waiting step. A return, rejection or cancellation removes
    the round's waiting steps, so the waiting steps are always those of the latest round."""
    waiting = ApprovalStep.objects.filter(requisition=OuterRef("pk"), state=ApprovalStep.State.WAITING)
    return queryset.annotate(current_tier=Subquery(waiting.order_by("-round", "position").values("tier")[:1]))


def waiting_for(buyer: Buyer) -> Q:
    """Submitted requisitions waiting at a step this user acts at (procurement/routing.py `acts_at`, as a query on
    `with_current_tier`): never their own."""
    if buyer.user_id is None:
        return Q(pk__in=[])
    me = buyer.user_id
    holder = Q(budget_line__holder_id=me) | Q(budget_line__deputy_id=me)
    if buyer.head:  # a holder's own requisition, with no other deputy, goes to the Head
        holder |= Q(requester_id=F("budget_line__holder_id")) & (
            Q(budget_line__deputy_id__isnull=True) | Q(budget_line__deputy_id=F("requester_id"))
        )
    at = Q(current_tier=BUDGET_HOLDER) & holder
    if buyer.tiers - {BUDGET_HOLDER}:
        at |= Q(current_tier__in=sorted(buyer.tiers - {BUDGET_HOLDER}))
    return Q(status=Status.SUBMITTED) & at & ~Q(requester_id=me)


def counts(user) -> dict[str, int]:
    """How many requisitions wait for the user's approval, were returned to them, wait for their purchase order
    (a contract notice), and (for finance approvers and the Head) are ordered, past their needed-by date and not
    invoiced. One query; none for a user with no part in procurement. Only an approver's asks at which step each
    requisition waits (for one who approves nothing, none waits for them)."""
    if not policy.may_open(user):
        return {}
    buyer = Buyer.of(user)
    approves = buyer.approves
    wanted = {
        "waiting": waiting_for(buyer) if approves else None,
        "returned": Q(status=Status.RETURNED, requester_id=buyer.user_id),
        "to_order": Q(status=Status.APPROVED) & (Q() if buyer.everything else Q(requester_id=buyer.user_id)),
    }
    if buyer.everything:
        wanted["late_invoice"] = Q(status__in=NOT_INVOICED, needed_by__lt=timezone.localdate())
    asked = {name: q for name, q in wanted.items() if q is not None}
    requisitions = with_current_tier(Requisition.objects.all()) if approves else Requisition.objects.all()
    found = requisitions.filter(reduce(or_, asked.values()))
    return dict.fromkeys(wanted, 0) | found.aggregate(**{name: Count("pk", filter=q) for name, q in asked.items()})


def home_work(user) -> list[WorkItem]:
    """The user's procurement to-do on the home page (nothing for those with no part in procurement)."""
    found = counts(user)
    requisitions = reverse("procurement:requisition_list")
    lines = [
        ("waiting", "Requisitions waiting for your approval", reverse("procurement:approval_list")),
        ("returned", "Your requisitions returned with comments", f"{requisitions}?status=returned&scope=mine"),
        ("to_order", "Approved requisitions waiting for a contract notice", f"{requisitions}?status=approved"),
        ("late_invoice", "Orders past their needed-by date with no invoice", f"{requisitions}?status=ordered"),
    ]
    return [WorkItem(label, found[name], url) for name, label, url in lines if found.get(name)]


def landing(user) -> dict:
    """The landing page: the user's counts, and this financial year's allocation, committed, spent and remaining
    over the budget lines they may see, with the lines more than 90% used. Two queries (and the user's facts)."""
    year = financial_year(timezone.localdate())
    rows = list(
        BudgetLine.objects.visible_to(user)
        .filter(year=year)
        .with_figures()
        .select_related("cost_centre")
        .order_by("cost_centre__code", "code")
    )
    totals = {"allocated": ZERO, "committed": ZERO, "spent": ZERO}
    nearly_spent = []
    for line in rows:
        for name in totals:
            totals[name] += getattr(line, name)
        used = line.committed + line.spent
        if line.allocated and used > line.allocated * NEARLY_SPENT:
            line.used_share = int(used * 100 / line.allocated)
            nearly_spent.append(line)
    totals["remaining"] = totals["allocated"] - totals["committed"] - totals["spent"]
    return {
        "year_label": year_label(year),
        "line_count": len(rows),
        "totals": totals,
        "nearly_spent": nearly_spent,
        "counts": counts(user),
    }
