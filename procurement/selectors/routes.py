"""Reads that matter in procurement: the route a requisition will take and what it still lacks, the splitting
check, and whether it needs a contract notice. Lists and reports start from `visible_to(user)`. No HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from mayoral_office.errors import ServiceError
from procurement import routing
from procurement.models import LIVE, Band, Requisition, RuleSet
from procurement.models.rules import QuoteKind
from procurement.money import gbp

SPLIT_WINDOW_DAYS = 365


@dataclass
class SplitCheck:
    """Related requisitions (same supplier, or same category, in the last 12 months) that with this one cross a
    band this one does not cross alone."""

    by: str  # "supplier" or "category"
    total: Decimal
    band: Band
    related: list = field(default_factory=list)

    @property
    def message(self) -> str:
        return (
            f"With {len(self.related)} other requisition{'s' if len(self.related) != 1 else ''} in the same "
            f"{self.by} in the last 12 months the total is {gbp(self.total)}, which is in the band "
            f"{self.band.label}"
        )


@dataclass
class Route:
    rules: RuleSet
    band: Band
    quotes_have: int
    split: SplitCheck | None
    contract_notice: bool

    @property
    def quotes_needed(self) -> int:
        return self.band.quotes

    @property
    def missing_quotes(self) -> str:
        if self.band.quote_kind == QuoteKind.TENDER or self.quotes_have >= self.band.quotes:
            return ""
        kind = self.band.get_quote_kind_display().lower()
        return (
            f"A requisition of {self.band.label} needs {self.band.quotes} quote{'s' if self.band.quotes != 1 else ''}"
            f" ({kind}): {self.quotes_have} attached"
        )


class NoRulesInForce(ServiceError):
    """No rule set takes effect on or before the day: nothing can be routed until the Head adds one."""


def rules_in_force(on=None) -> RuleSet:
    rules = RuleSet.objects.in_force(on)
    if rules is None:
        raise NoRulesInForce(
            "No procurement rules are in force today, so a requisition cannot be routed: ask the Head of Mayor's "
            "Office to add a rule set in Configuration (Procurement rule sets)"
        )
    return rules


def split_check(requisition: Requisition, rules: RuleSet, band: Band) -> SplitCheck | None:
    """The first of supplier and category whose 12 months' total with this requisition reaches a higher band."""
    since = timezone.now() - timedelta(days=SPLIT_WINDOW_DAYS)
    others = (
        Requisition.objects.filter(status__in=LIVE, submitted_at__gte=since)
        .exclude(pk=requisition.pk)
        .select_related("supplier", "category")
        .order_by("submitted_at")
    )
    for by, condition in (
        ("supplier", Q(supplier_id=requisition.supplier_id)),
        ("category", Q(category_id=requisition.category_id)),
    ):
        related = list(others.filter(condition))
        total = requisition.gross + sum((r.gross for r in related), Decimal("0.00"))
        reached = rules.band_for(total)
        if related and reached.lower > band.lower:
            return SplitCheck(by=by, total=total, band=reached, related=related)
    return None


def route_for(requisition: Requisition, on=None) -> Route:
    """The route the requisition would take if submitted now, and what it still lacks."""
    rules = rules_in_force(on)
    band = routing.band_of(rules, requisition)
    return Route(
        rules=rules,
        band=band,
        quotes_have=requisition.quotes.count(),
        split=split_check(requisition, rules, band),
        contract_notice=requisition.gross >= rules.contract_threshold,
    )


def needs_contract_notice(requisition: Requisition) -> bool:
    rules = requisition.rules or rules_in_force()
    return requisition.gross >= rules.contract_threshold and not requisition.contract_notice_reference


def related_total(requisitions) -> Decimal:
    return requisitions.aggregate(total=Sum("gross"))["total"] or Decimal("0.00")
