"""Procurement's figures for the dashboard (registered in apps.py): each budget line of this financial year with its
allocation, what is committed and spent against it and what remains, from the ledger in one query over the lines
the viewer may see. A line's figures link to its page (its ledger and requisitions), for those who may open it."""

from __future__ import annotations

from django.urls import reverse

from mayoral_office.dashboard import percent
from mayoral_office.registry import Cell, Chart, Period, Table
from procurement.money import financial_year, gbp, year_label
from procurement.selectors.budgets import budget_lines, viewable


def budget_table(user, period: Period) -> Table:
    year = financial_year(period.today)
    lines = list(budget_lines(user).filter(year=year))
    opens = viewable(user, lines)
    rows = []
    for line in lines:
        url = reverse("procurement:budget_line", args=[line.pk]) if line.pk in opens else ""
        used = percent(line.committed + line.spent, line.allocated)
        rows.append(
            (
                Cell(f"{line.cost_centre.code}/{line.code} {line.name}"),
                *[Cell(amount, url, gbp(amount)) for amount in (line.allocated, line.committed, line.spent)],
                Cell(line.left, url, gbp(line.left)),
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
