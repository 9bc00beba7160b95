"""Budget reads: the lines a user may see with their figures from the ledger, a line's page (its ledger, the
requisitions charged to it, its transfers), the transfers a user may see, and the choices of the budget forms.
Every read starts from `visible_to(user)`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import DecimalField, ExpressionWrapper, F, Q
from django.utils import timezone

from procurement.models import BudgetLine, BudgetTransfer, Buyer, CostCentre, Movement, Requisition
from procurement.money import financial_year

RECENT_REQUISITIONS = 25  # a line's page lists its latest requisitions; the requisition list has them all


def this_year() -> int:
    return financial_year(timezone.localdate())


def budget_lines(user):
    """The lines the user may see, each with its allocation, committed, spent and remaining (`left`, to sort by)
    from the ledger in the same query, and its cost centre and people."""
    money = DecimalField(max_digits=14, decimal_places=2)
    return (
        BudgetLine.objects.visible_to(user)
        .with_figures()
        .annotate(left=ExpressionWrapper(F("allocated") - F("committed") - F("spent"), output_field=money))
        .select_related("cost_centre", "holder", "deputy")
        .order_by("-year", "cost_centre__code", "code")
    )


def line_queryset():
    """What the line page is fetched from (through the authorising fetch): its figures and people in one query."""
    return BudgetLine.objects.with_figures().select_related("cost_centre", "holder", "deputy")


def viewable(user, lines) -> set[int]:
    """The lines of a list whose page the user may open (policy `budget.view`: the office, the holder, the
    deputy), with no query: a requester sees every line's figures to choose one, but not its ledger."""
    buyer = Buyer.of(user)
    return {line.pk for line in lines if buyer.everything or buyer.user_id in (line.holder_id, line.deputy_id)}


def line_page(user, line: BudgetLine) -> dict:
    """The line's ledger (newest first, paged by the view), the requisitions charged to it that the user may see
    (the latest few), and its transfers in and out."""
    requisitions = (
        Requisition.objects.visible_to(user)
        .filter(budget_line=line)
        .select_related("supplier", "requester")
        .order_by("-created_at", "-pk")
    )
    transfers = (
        BudgetTransfer.objects.filter(Q(from_line=line) | Q(to_line=line))
        .select_related("from_line__cost_centre", "to_line__cost_centre", "requested_by", "decided_by")
        .order_by("-requested_at", "-pk")
    )
    return {
        "movements": Movement.objects.filter(line=line).select_related("requisition", "by").order_by("-at", "-pk"),
        "requisitions": list(requisitions[: RECENT_REQUISITIONS + 1]),
        "transfers": list(transfers),
    }


def transfers_for(user):
    """The transfers the user may see: every one for the office; otherwise those they asked for and those to or
    from a line they hold or deputise for."""
    buyer = Buyer.of(user)
    found = BudgetTransfer.objects.select_related(
        "from_line__cost_centre", "to_line__cost_centre", "requested_by", "decided_by"
    )
    if buyer.everything:
        return found
    if buyer.user_id is None or not buyer.may_open:
        return found.none()
    mine = Q(requested_by_id=buyer.user_id)
    for side in ("from_line", "to_line"):
        mine |= Q(**{f"{side}__holder_id": buyer.user_id}) | Q(**{f"{side}__deputy_id": buyer.user_id})
    return found.filter(mine)


def open_lines():
    """Lines money may move between: active lines of this financial year or later."""
    return (
        BudgetLine.objects.filter(is_active=True, year__gte=this_year())
        .select_related("cost_centre")
        .order_by("year", "cost_centre__code", "code")
    )


def lines_to_give(user):
    """The lines the user may ask to move money out of: any for the office, their own lines for a holder."""
    buyer = Buyer.of(user)
    lines = open_lines()
    if buyer.everything:
        return lines
    return lines.filter(Q(holder_id=buyer.user_id) | Q(deputy_id=buyer.user_id))


def cost_centres():
    return CostCentre.objects.order_by("code")


def holders(user):
    """The holders of the lines the user may see (the list's filter)."""
    visible = BudgetLine.objects.visible_to(user).values("holder_id")
    return get_user_model().objects.filter(pk__in=visible).order_by("full_name")


def years(user) -> list[int]:
    """The financial years with lines the user may see, and this year, newest first."""
    found = set(BudgetLine.objects.visible_to(user).order_by().values_list("year", flat=True).distinct())
    return sorted(found | {this_year()}, reverse=True)


# --- suppliers (the list every requisition chooses from) -------------------------------------------------------
def supplier_list():
    """Every supplier (the list is not private: anyone in procurement chooses from it), active first."""
    from procurement.models import Supplier

    return Supplier.objects.order_by("-is_active", "name")
