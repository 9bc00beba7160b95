"""Reads of requisitions: the list (from `visible_to(user)`, with the joins its columns show, so a page of 100 rows
runs the same queries as one of 10), the queryset a requisition's page is fetched from, what that page shows (the
budget line's figures, the route and what the requisition still lacks, the splitting warning, the approval history),
the approvals waiting for a user, the pick-lists of the requisition form and the rows of the CSV export. No HTTP."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from mayoral_office.roles import Role
from mayoral_office.spreadsheets import safe_cell
from procurement import policy, routing
from procurement.models import (
    EDITABLE,
    ApprovalStep,
    BudgetLine,
    Category,
    ProcurementSettings,
    Quote,
    Requisition,
    Status,
    Supplier,
)
from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT, Buyer
from procurement.models.rules import TIER_LABELS
from procurement.money import financial_year
from procurement.selectors.routes import NoRulesInForce, Route, SplitCheck, route_for, split_check

LIST_RELATED = ("requester", "budget_line__cost_centre", "supplier", "category")


# --- lists --------------------------------------------------------------------------------------------------------
def requisition_list(user) -> QuerySet:
    """Every requisition the user may see, newest first, with what the list's columns show."""
    return Requisition.objects.visible_to(user).select_related(*LIST_RELATED).order_by("-created_at", "-pk")


def waiting_for(user) -> QuerySet:
    """The submitted requisitions whose current step (the first waiting step of the latest round) the user may act
    at: the budget holder or deputy of the line (the Head when the requester holds the line and there is no other
    deputy), the Head or a head deputy, a Director, the procurement team. Never their own. Oldest first."""
    buyer = Buyer.of(user)
    if buyer.user_id is None:
        return Requisition.objects.none()
    current = ApprovalStep.objects.filter(requisition=OuterRef("pk"), state=ApprovalStep.State.WAITING).order_by(
        "-round", "position"
    )
    holder = Q(budget_line__holder_id=buyer.user_id) | Q(budget_line__deputy_id=buyer.user_id)
    if buyer.head:
        no_one_else = Q(requester_id=F("budget_line__holder_id")) & (
            Q(budget_line__deputy_id__isnull=True) | Q(budget_line__deputy_id=F("requester_id"))
        )
        holder |= no_one_else
    acts = Q(current_tier=BUDGET_HOLDER) & holder
    tiers = [t for t in buyer.tiers if t in (HEAD, DIRECTOR, PROCUREMENT)]
    if tiers:
        acts |= Q(current_tier__in=tiers)
    return (
        Requisition.objects.visible_to(user)
        .filter(status=Status.SUBMITTED)
        .exclude(requester_id=buyer.user_id)
        .annotate(current_tier=Subquery(current.values("tier")[:1]))
        .filter(acts)
        .select_related(*LIST_RELATED)
        .order_by("submitted_at", "pk")
    )


def tier_label(tier: str) -> str:
    return TIER_LABELS.get(tier, tier)


# --- the requisition form's pick-lists ----------------------------------------------------------------------------
def chargeable_lines(user) -> QuerySet:
    """The budget lines of this financial year, open, that the user may charge."""
    year = financial_year(timezone.localdate())
    return BudgetLine.objects.visible_to(user).filter(year=year, is_active=True).select_related("cost_centre")


def suppliers() -> QuerySet:
    return Supplier.objects.filter(is_active=True).order_by("name")


def categories() -> QuerySet:
    return Category.objects.filter(is_active=True).order_by("name")


def requesters() -> QuerySet:
    """The people who raise requisitions (the filter's pick-list)."""
    roles = [Role.HEAD_OF_OFFICE.label, Role.EXECUTIVE_SUPPORT.label, Role.CABINET_SUPPORT.label]
    return get_user_model().objects.filter(groups__name__in=roles).distinct().order_by("full_name")


# --- a requisition's page -----------------------------------------------------------------------------------------
def detail_queryset() -> QuerySet:
    """What a requisition's page (and each action on it) reads, in a fixed number of queries."""
    return Requisition.objects.select_related(
        "requester",
        "budget_line__cost_centre",
        "budget_line__holder",
        "budget_line__deputy",
        "supplier",
        "category",
        "rules",
        "override_by",
    ).prefetch_related(
        "rules__bands",
        "lines",
        Prefetch("quotes", queryset=Quote.objects.select_related("added_by")),
        Prefetch("steps", queryset=ApprovalStep.objects.select_related("acted_by", "acting_for")),
        "receipts",
        "invoices",
    )


@dataclass
class Tier:
    tier: str
    label: str
    people: list = field(default_factory=list)


@dataclass
class Round:
    number: int
    steps: list


def _people() -> dict[str, list]:
    """The Heads of Mayor's Office (and their deputies for approvals) and the Directors and procurement team named in
    the settings, by tier, in one query."""
    named = ProcurementSettings.people()
    head_role = Role.HEAD_OF_OFFICE.label
    is_head = Exists(Group.objects.filter(user=OuterRef("pk"), name=head_role))
    users = list(
        get_user_model()
        .objects.filter(Q(pk__in=set().union(*named.values())) | Q(groups__name=head_role), is_active=True)
        .annotate(is_head=is_head)
        .distinct()
        .order_by("full_name")
        .only("pk", "full_name", "email")
    )
    return {
        HEAD: [u for u in users if u.is_head or u.pk in named["head_deputies"]],
        DIRECTOR: [u for u in users if u.pk in named["directors"]],
        PROCUREMENT: [u for u in users if u.pk in named["procurement_team"]],
    }


def chain(requisition: Requisition, tiers: Iterable[str]) -> list[Tier]:
    """Each tier of the route with the people who may act at it (never the requester)."""
    people = _people()
    line = requisition.budget_line
    found = []
    for tier in tiers:
        if tier == BUDGET_HOLDER:
            who = [p for p in (line.holder, line.deputy) if p is not None and p.pk != requisition.requester_id]
            who = who or [p for p in people[HEAD] if p.pk != requisition.requester_id]
        else:
            who = [p for p in people.get(tier, []) if p.pk != requisition.requester_id]
        found.append(Tier(tier=tier, label=tier_label(tier), people=who))
    return found


def rounds(requisition: Requisition) -> list[Round]:
    """The approval history, latest submission first."""
    by_round: dict[int, list] = {}
    for step in requisition.steps.all():
        by_round.setdefault(step.round, []).append(step)
    return [Round(number=n, steps=by_round[n]) for n in sorted(by_round, reverse=True)]


def _split_now(requisition: Requisition) -> SplitCheck | None:
    """The splitting warning an approver sees: under the rules it was submitted with."""
    rules = requisition.rules
    if rules is None:
        return None
    return split_check(requisition, rules, routing.band_of(rules, requisition))


def lacks(requisition: Requisition, route: Route) -> list[str]:
    """What the requisition still needs before it can be submitted, in plain English."""
    missing = []
    if route.missing_quotes:
        missing.append(route.missing_quotes)
    if route.split:
        missing.append("A reason these are separate purchases (you give it when you submit)")
    if requisition.needed_by < timezone.localdate():
        missing.append("A needed-by date of today or later: change the requisition")
    if requisition.budget_line.year != financial_year(timezone.localdate()):
        missing.append("A budget line of this financial year: change the requisition")
    return missing


def visible_ids(user, records) -> set[int]:
    keys = [r.pk for r in records]
    if not keys:
        return set()
    return set(Requisition.objects.visible_to(user).filter(pk__in=keys).values_list("pk", flat=True))


def requisition_page(user, requisition: Requisition) -> dict:
    """Everything a requisition's page shows besides the record itself."""
    figures = BudgetLine.objects.filter(pk=requisition.budget_line_id).with_figures().first().figures()
    route, no_rules = None, ""
    if requisition.status in EDITABLE:
        try:
            route = route_for(requisition)
        except NoRulesInForce as exc:  # the draft is still shown, with why it cannot be routed
            no_rules = exc.message
    split = route.split if route else (_split_now(requisition) if requisition.status == Status.SUBMITTED else None)
    waiting = requisition.status in (*EDITABLE, Status.SUBMITTED)
    overspend = waiting and requisition.net > figures["remaining"] and not requisition.override_at
    tiers = route.band.approvers if route else []
    return {
        "actions": policy.available_actions(user, None) | policy.available_actions(user, requisition),
        "figures": figures,
        "after_approval": figures["remaining"] - requisition.net,
        "overspend": overspend,
        "route": route,
        "no_rules": no_rules,
        "chain": chain(requisition, tiers) if tiers else [],
        "lacks": lacks(requisition, route) if route else [],
        **split_context(user, split),
        "rounds": rounds(requisition),
        "current_step": routing.current_step(requisition),
    }


def split_context(user, split) -> dict:
    """The splitting warning for this user: the total counts every related requisition, but only those the user
    may open are listed (with their details); the others are only counted."""
    if not split:
        return {"split": None, "related_shown": [], "related_hidden": 0}
    visible = visible_ids(user, split.related)
    shown = [other for other in split.related if other.pk in visible]
    return {"split": split, "related_shown": shown, "related_hidden": len(split.related) - len(shown)}


def submit_page(user, requisition: Requisition) -> dict:
    """What the submit page shows: the route, the people on it and what is missing."""
    route = route_for(requisition)
    return {
        "route": route,
        "chain": chain(requisition, route.band.approvers),
        "lacks": lacks(requisition, route),
        **split_context(user, route.split),
    }


def approve_page(user, requisition: Requisition) -> dict:
    """What an approver sees before deciding: the line's figures, the splitting warning, the related requisitions."""
    figures = BudgetLine.objects.filter(pk=requisition.budget_line_id).with_figures().first().figures()
    split = _split_now(requisition)
    return {
        "figures": figures,
        "overspend": requisition.net > figures["remaining"] and not requisition.override_at,
        **split_context(user, split),
        "current_step": routing.current_step(requisition),
    }


# --- the CSV export -----------------------------------------------------------------------------------------------
def _day(value) -> str:
    return value.isoformat() if value else ""


EXPORT_COLUMNS = [
    ("Reference", lambda r: r.reference),
    ("Description", lambda r: r.description),
    ("Supplier", lambda r: r.supplier.name),
    ("Category", lambda r: r.category.name),
    ("Budget line", lambda r: f"{r.budget_line.cost_centre.code}/{r.budget_line.code} {r.budget_line.name}"),
    ("Financial year", lambda r: r.budget_line.year_label),
    ("Requester", lambda r: r.requester.full_name),
    ("Needed by", lambda r: _day(r.needed_by)),
    ("Submitted", lambda r: _day(timezone.localtime(r.submitted_at).date() if r.submitted_at else None)),
    ("Net", lambda r: f"{r.net:.2f}"),
    ("VAT", lambda r: f"{r.vat:.2f}"),
    ("Value including VAT", lambda r: f"{r.gross:.2f}"),
    ("Status", lambda r: r.get_status_display()),
    ("Purchase order", lambda r: r.po_number or ""),
]
EXPORT_FIELDS = (
    "reference",
    "description",
    "needed_by",
    "submitted_at",
    "net",
    "vat",
    "gross",
    "status",
    "po_number",
    "supplier__name",
    "category__name",
    "budget_line__code",
    "budget_line__name",
    "budget_line__year",
    "budget_line__cost_centre__code",
    "requester__full_name",
)


def export_rows(requisitions: QuerySet) -> Iterable[list]:
    """The header, then one row of safe cells per requisition, read a chunk at a time with only these columns."""
    yield [title for title, _ in EXPORT_COLUMNS]
    rows = requisitions.select_related(None).select_related(*LIST_RELATED).only(*EXPORT_FIELDS)
    for requisition in rows.iterator(chunk_size=2000):
        yield [safe_cell(get(requisition)) for _, get in EXPORT_COLUMNS]
