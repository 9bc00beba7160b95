"""Report reads: the budget report (per cost centre and line, for a year), requisitions by status and age, the
year-end commitments, and the invoices the Transparency Code asks councils to publish. Each starts from
`visible_to(user)`; each runs a fixed number of queries however many rows it reads."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from mayoral_office.working_days import bank_holidays, closure_days
from procurement.models import COMMITTED, Invoice, Requisition, Status
from procurement.money import pennies
from procurement.selectors.budgets import budget_lines

ZERO = Decimal("0.00")
FIGURES = ("allocated", "committed", "spent", "remaining")
SPEND_THRESHOLD = Decimal("500.00")  # the Transparency Code 2015: every item of spend over £500
QUARTERS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}
AGE_BANDS = [(0, 5, "0 to 5"), (6, 10, "6 to 10"), (11, 20, "11 to 20"), (21, None, "over 20")]
OPEN = (Status.SUBMITTED, Status.RETURNED, *COMMITTED)  # requisitions still under way, by age since submitted


def _totals(rows) -> dict[str, Decimal]:
    return {name: sum((row[name] for row in rows), ZERO) for name in FIGURES}


# --- the budget report ----------------------------------------------------------------------------------------
@dataclass
class Centre:
    code: str
    name: str
    lines: list[dict] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Decimal]:
        return _totals(self.lines)


def budget_report(user, year: int) -> dict:
    """The year's lines the user may see, grouped by cost centre, each with its figures; the centres' and the
    year's totals; and the chart's data (one query)."""
    centres: dict[str, Centre] = {}
    lines = budget_lines(user).filter(year=year).order_by("cost_centre__code", "code", "pk")
    for line in lines:
        centre = centres.setdefault(line.cost_centre.code, Centre(line.cost_centre.code, line.cost_centre.name))
        centre.lines.append({"line": line, **line.figures()})
    every = [row for centre in centres.values() for row in centre.lines]
    found = list(centres.values())
    return {"centres": found, "totals": _totals(every), "chart": _chart(found, year)}


def _chart(centres: list[Centre], year: int) -> dict:
    """Per cost centre: committed, spent and remaining stacked to the allocation (as plain numbers for Chart.js)."""
    return {
        "labels": [f"{c.code} {c.name}" for c in centres],
        "committed": [float(c.totals["committed"]) for c in centres],
        "spent": [float(c.totals["spent"]) for c in centres],
        "remaining": [float(max(c.totals["remaining"], ZERO)) for c in centres],
        "allocated": [float(c.totals["allocated"]) for c in centres],
    }


def budget_report_rows(user, year: int):
    """The budget report as a spreadsheet: the header, then a row per line and a total row."""
    report = budget_report(user, year)
    yield ["Cost centre", "Cost centre name", "Line", "Line name", "Budget holder", "Allocation", "Committed",
           "Spent", "Remaining"]  # fmt: skip
    for centre in report["centres"]:
        for row in centre.lines:
            line = row["line"]
            yield [centre.code, centre.name, line.code, line.name, line.holder.full_name,
                   *(pennies(row[name]) for name in FIGURES)]  # fmt: skip
    yield ["Total", "", "", "", "", *(pennies(report["totals"][name]) for name in FIGURES)]


# --- requisitions by status and age ----------------------------------------------------------------------------
def _ages(first: date, today: date):
    """How many working days after a day up to today (as mayoral_office.working_days counts them), for any day
    from `first`: the closure days read once (kept in the cache), however many days are asked about."""
    off = set(bank_holidays(first, today)) | set(closure_days(first, today))
    working = [
        first + timedelta(days=n)
        for n in range((today - first).days + 1)
        if (first + timedelta(days=n)).weekday() < 5 and first + timedelta(days=n) not in off
    ]
    return lambda day: len(working) - bisect_right(working, day)


def _band(age: int) -> int:
    return next(i for i, (low, high, _) in enumerate(AGE_BANDS) if high is None or age <= high)


def requisition_report(user, year: int) -> dict:
    """The year's requisitions the user may see by status (how many, their value), and those still under way by
    working days since they were submitted (two queries; the closure days are kept in the cache)."""
    mine = Requisition.objects.visible_to(user).filter(budget_line__year=year).order_by()
    counts = {row["status"]: row for row in mine.values("status").annotate(n=Count("pk"), value=Sum("gross"))}
    by_status = [
        {"status": status, "label": label, "n": counts.get(status, {}).get("n", 0),
         "value": counts.get(status, {}).get("value") or ZERO}
        for status, label in Status.choices
    ]  # fmt: skip
    days = (
        mine.filter(status__in=OPEN, submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at"))
        .values("status", "day")
        .annotate(n=Count("pk"))
    )
    days = list(days)
    today = timezone.localdate()
    age = _ages(min((row["day"] for row in days), default=today), today) if days else None
    grid = {status: [0] * len(AGE_BANDS) for status in OPEN}
    for row in days:
        grid[row["status"]][_band(age(row["day"]))] += row["n"]
    labels = dict(Status.choices)
    ages = [{"status": s, "label": labels[s], "bands": grid[s], "n": sum(grid[s])} for s in OPEN]
    column_totals = [sum(row["bands"][i] for row in ages) for i in range(len(AGE_BANDS))]
    return {
        "by_status": by_status,
        "total": {"n": sum(r["n"] for r in by_status), "value": sum((r["value"] for r in by_status), ZERO)},
        "ages": ages,
        "bands": [label for _, _, label in AGE_BANDS],
        "age_totals": column_totals,
        "age_total": sum(column_totals),
    }


# --- the year end ----------------------------------------------------------------------------------------------
def year_end(user, year: int) -> dict:
    """What is committed (approved, ordered or received, not invoiced) on the year's lines, to be carried into the
    next year: the requisitions the user may see, per line, with each line's total (one query)."""
    requisitions = (
        Requisition.objects.visible_to(user)
        .filter(budget_line__year=year, status__in=COMMITTED)
        .select_related("budget_line__cost_centre", "supplier")
        .order_by("budget_line__cost_centre__code", "budget_line__code", "budget_line_id", "reference")
    )
    lines: dict[int, dict] = {}
    for requisition in requisitions:
        row = lines.setdefault(
            requisition.budget_line_id, {"line": requisition.budget_line, "requisitions": [], "total": ZERO}
        )
        row["requisitions"].append(requisition)
        row["total"] += requisition.net
    found = list(lines.values())
    return {"lines": found, "total": sum((row["total"] for row in found), ZERO)}


# --- transparency ----------------------------------------------------------------------------------------------
def quarter_dates(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of a quarter of a financial year (Q1 April to June ... Q4 January to March)."""
    month = 4 + 3 * (quarter - 1)  # 4, 7, 10, 13 (January of the next calendar year)
    start = date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    after = date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1)
    return start, after - timedelta(days=1)


def spend_over_threshold(year: int, quarter: int):
    """The invoices paid in the quarter whose cost to the council (the net, and the VAT when it cannot be
    recovered) is over £500 (£500.00 itself is not), in the order paid, with what the Code's columns read."""
    start, end = quarter_dates(year, quarter)
    over = Q(vat_recoverable=True, net__gt=SPEND_THRESHOLD) | Q(
        vat_recoverable=False, net__gt=SPEND_THRESHOLD - F("vat")
    )
    return (
        Invoice.objects.filter(over, paid_on__range=(start, end))
        .select_related("requisition__budget_line__cost_centre", "requisition__supplier", "requisition__category")
        .order_by("paid_on", "transaction_number")
    )
