"""Procurement's figures for the dashboard (registered in apps.py): each budget line of this financial year with its
allocation, what is committed and spent against it and what remains, from the ledger in one query over the lines
the viewer may see. A line's figures link to its page (its ledger and requisitions), for those who may open it."""

from __future__ import annotations

from mayoral_office.dashboard import percent
from mayoral_office.links import record_url
from mayoral_office.registry import Cell, Chart, Period, Table
from procurement.models import BudgetLine
from procurement.money import financial_year, gbp, year_label
from procurement.selectors.budgets import viewable


def budget_table(user, period: Period) -> Table:
    year = financial_year(period.today)
    # the lines' figures without their people, and what remains worked out here (in SQL it sums the ledger again)
    lines = list(
        BudgetLine.objects.visible_to(user)
        .filter(year=year)
        .with_figures()
        .select_related("cost_centre")
        .only("pk", "code", "name", "holder_id", "deputy_id", "cost_centre__code")
        .order_by("cost_centre__code", "code")
    )
    opens = viewable(user, lines)
    rows = []
    for line in lines:
        url = record_url("procurement:budget_line", line.pk) if line.pk in opens else ""
        used = percent(line.committed + line.spent, line.allocated)
        left = line.allocated - line.committed - line.spent
        rows.append(
            (
                Cell(f"{line.cost_centre.code}/{line.code} {line.name}"),
                *[Cell(amount, url, gbp(amount)) for amount in (line.allocated, line.committed, line.spent)],
                Cell(left, url, gbp(left)),
                used,
            )
        )
    return Table(
        "procurement.budget_lines",
        f"Budget lines {year_label(year)}: committed and spent against allocation",
        ("Budget line", "Allocated", "Committed", "Spent", "Remaining", "% used"),
        tuple(rows),
        chart=Chart("bar", (3, 2, 4), stacked=True, horizontal=True),
        note="Committed: ordered but not yet invoiced. Spent: invoiced.",
    )


def tables(user, period: Period) -> list[Table]:
    return [budget_table(user, period)]
