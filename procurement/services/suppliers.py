"""Suppliers: added by a requester or the office, each company once (by its Companies House number)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from procurement import policy
from procurement.models import Supplier
from procurement.services._checks import text as _text

# Companies House: 8 characters, either 8 digits (England and Wales, leading zeros kept: 01234567) or a two-letter
# prefix and 6 digits (SC123456 Scotland, NI Northern Ireland, OC a limited liability partnership...).
COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$")
CHARITY_NUMBER = re.compile(r"^(?:\d{6,8}(?:-\d{1,2})?|SC\d{6})$")  # England and Wales (with a subsidiary), Scotland
VAT_NUMBER = re.compile(r"^(?:GB)?(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$")


def _squeezed(value) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


def _company_number(value) -> str:
    """A Companies House number as typed ("sc 123456", "1234567") checked and written as it is registered
    ("SC123456", "01234567"): a 7-digit number is an England and Wales number without its leading zero."""
    number = _squeezed(value)
    if number.isdigit() and 6 <= len(number) < 8:
        number = number.zfill(8)
    if number and not COMPANY_NUMBER.match(number):
        raise ServiceError(
            "Enter the company number as Companies House shows it: 8 digits, like 01234567, or 2 letters and "
            "6 digits, like SC123456",
            field="company_number",
        )
    return number


def _charity_number(value) -> str:
    number = _squeezed(value)
    if number and not CHARITY_NUMBER.match(number):
        raise ServiceError(
            "Enter the charity number as the register shows it, like 1012345 (England and Wales) or SC012345 "
            "(Scotland)",
            field="charity_number",
        )
    return number


def _vat_number(value) -> str:
    number = _squeezed(value)
    if number and not VAT_NUMBER.match(number):
        raise ServiceError("Enter the VAT number as 9 digits, like GB123456789", field="vat_number")
    return f"GB{number}" if number and not number.startswith("GB") else number


def _email(value) -> str:
    email = (value or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ServiceError("Enter an email address like name@example.com", field="email") from None
    return email


@service
def supplier_create(
    *,
    actor,
    name: str,
    company_number: str = "",
    charity_number: str = "",
    vat_number: str = "",
    is_sole_trader: bool = False,
    email: str = "",
) -> Supplier:
    """A supplier for requisitions. A company is added once: a company number already on the list is refused with
    the supplier that has it. A sole trader (a person) has no company number; their name is left out of the
    published spend (procurement/exports.py)."""
    policy.require(actor, "supplier.create")
    name = _text(name, field="name", what="the supplier's name", limit=200)
    number = _company_number(company_number)
    if number and is_sole_trader:
        raise ServiceError(
            "A sole trader has no company number: remove it, or untick 'sole trader' for a company",
            field="company_number",
        )
    existing = Supplier.objects.filter(company_number=number).first() if number else None
    if existing is not None:
        raise ServiceError(
            f"{existing.name} already has company number {number}: choose it when you raise a requisition",
            field="company_number",
        )
    return Supplier.objects.create(
        name=name,
        company_number=number,
        charity_number=_charity_number(charity_number),
        vat_number=_vat_number(vat_number),
        is_sole_trader=bool(is_sole_trader),
        email=_email(email),
    )
