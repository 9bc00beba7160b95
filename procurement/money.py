"""Money, exactly: amounts are `Decimal` pounds with two places, never float.

The council's finance system works line by line, and so do we:
- a line's net is its quantity times its unit price, rounded to the penny (half up);
- a line's VAT is its net times the line's rate, rounded to the penny (half up), on each line, not on the total;
- a requisition's net, VAT and gross are the sums of its lines' rounded figures.
So the total VAT can differ by a penny or two from the total net times 20%, exactly as on the supplier's invoice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models

PENNY = Decimal("0.01")
MAX_AMOUNT = Decimal("99999999.99")  # what the amount fields hold: 12 digits, 2 after the point
MAX_QUANTITY = Decimal("999999.99")


class VatRate(models.TextChoices):
    STANDARD = "standard", "Standard (20%)"
    REDUCED = "reduced", "Reduced (5%)"
    ZERO = "zero", "Zero-rated (0%)"
    EXEMPT = "exempt", "Exempt"


RATES = {
    VatRate.STANDARD: Decimal("0.20"),
    VatRate.REDUCED: Decimal("0.05"),
    VatRate.ZERO: Decimal("0"),
    VatRate.EXEMPT: Decimal("0"),
}


def pennies(amount: Decimal) -> Decimal:
    """Rounded to the penny, half up (0.005 -> 0.01)."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def to_amount(raw) -> Decimal | None:
    """A typed amount ("£1,200.50", "1200.5") as pounds to the penny, or None when it is not a number."""
    text = str(raw).strip().replace("£", "").replace(",", "")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    if value.adjusted() > 15:  # "1e26": far past anything the fields hold; kept small enough to round safely
        return Decimal("1e16").copy_sign(value)
    return value


@dataclass(frozen=True)
class LineFigures:
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def line_figures(quantity: Decimal, unit_price: Decimal, rate: str) -> LineFigures:
    net = pennies(Decimal(quantity) * Decimal(unit_price))
    return LineFigures(net=net, vat=pennies(net * RATES[VatRate(rate)]))


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def totals(lines: Iterable[tuple[Decimal, Decimal, str]]) -> Totals:
    """(quantity, unit price, rate) for each line -> the requisition's net and VAT, line by line."""
    figures = [line_figures(q, p, r) for q, p, r in lines]
    return Totals(
        net=sum((f.net for f in figures), Decimal("0.00")), vat=sum((f.vat for f in figures), Decimal("0.00"))
    )


def gbp(amount: Decimal | None) -> str:
    """£1,234.50 (and -£12.00)."""
    if amount is None:
        return ""
    amount = pennies(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def financial_year(on) -> int:
    """The financial year (1 April to 31 March) a date falls in, by the year it starts: 2026 for 2026/27."""
    return on.year if on.month >= 4 else on.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"
