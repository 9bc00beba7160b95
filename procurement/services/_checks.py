"""The checks the procurement services share: text, amounts to the penny, and a requisition's lines, each refused
with a plain-English message naming the field. Internal to the services package."""

from __future__ import annotations

from decimal import Decimal

from mayoral_office.errors import ServiceError
from procurement.money import MAX_AMOUNT, MAX_QUANTITY, VatRate, gbp, line_figures, to_amount

TEXT_LIMIT = 5000
DESCRIPTION_LIMIT = 200


def text(value, *, field: str, what: str, limit: int = TEXT_LIMIT, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError(f"Enter {what}", field=field)
    if len(value) > limit:
        raise ServiceError(f"{what[0].upper()}{what[1:]} must be {limit:,} characters or fewer", field=field)
    return value


def decimal(raw, *, field: str, what: str) -> Decimal:
    value = to_amount(raw)
    if value is None:
        raise ServiceError(f"Enter {what} as a number, like 12.50", field=field)
    if value != value.quantize(Decimal("0.01")):
        raise ServiceError(f"Enter {what} to the penny (two decimal places at most)", field=field)
    return value


def check_lines(lines) -> list[dict]:
    """Each line's description, quantity, unit price and VAT rate, checked, with its net and VAT worked out."""
    lines = [line for line in (lines or []) if any(str(v).strip() for v in line.values())]
    if not lines:
        raise ServiceError("Add at least one line: what you are buying, how many, and the price", field="lines")
    checked = []
    for number, line in enumerate(lines, start=1):
        where = f"line {number}"
        description = text(
            line.get("description"), field="lines", what=f"what is being bought on {where}", limit=DESCRIPTION_LIMIT
        )
        quantity = decimal(line.get("quantity"), field="lines", what=f"the quantity on {where}")
        if quantity <= 0:
            raise ServiceError(f"The quantity on {where} must be more than 0", field="lines")
        if quantity > MAX_QUANTITY:
            raise ServiceError(f"The quantity on {where} must be {MAX_QUANTITY:,} or fewer", field="lines")
        price = decimal(line.get("unit_price"), field="lines", what=f"the unit price on {where}")
        if price < 0:
            raise ServiceError(f"The unit price on {where} cannot be negative", field="lines")
        if price > MAX_AMOUNT:
            raise ServiceError(f"The unit price on {where} must be {gbp(MAX_AMOUNT)} or less", field="lines")
        rate = line.get("vat_rate") or ""
        if rate not in VatRate.values:
            raise ServiceError(f"Choose the VAT rate of {where} from the list", field="lines")
        figures = line_figures(quantity, price, rate)
        checked.append(
            {
                "description": description,
                "quantity": quantity,
                "unit_price": price,
                "vat_rate": rate,
                "net": figures.net,
                "vat": figures.vat,
            }
        )
    gross = sum(line["net"] + line["vat"] for line in checked)
    if gross > MAX_AMOUNT:
        raise ServiceError(f"The requisition's total must be {gbp(MAX_AMOUNT)} or less", field="lines")
    return checked
