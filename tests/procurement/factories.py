"""Procurement test records, made through the services where the rules matter (a requisition is created, submitted
and approved as an officer would) and directly only for the reference data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile

from mayoral_office.roles import Role
from procurement.models import BudgetLine, Category, CostCentre, ProcurementSettings, Supplier
from procurement.services import budgets, requisitions
from tests.mayoral_office.factories import UserFactory

YEAR = 2026  # the financial year of the frozen clock
NEEDED_BY = date(2027, 1, 15)


def make_people(*, head, requester):
    holder = UserFactory(role=Role.BUDGET_HOLDER, full_name="Patrick Mensah")
    deputy = UserFactory(role=Role.BUDGET_HOLDER, full_name="Grace Okafor")
    finance = UserFactory(role=Role.BUDGET_HOLDER, full_name="Sunil Varma")
    director = UserFactory(role=Role.BUDGET_HOLDER, full_name="Helen Marsh")
    procurement_officer = UserFactory(role=Role.BUDGET_HOLDER, full_name="Tom Reid")
    settings = ProcurementSettings.current()
    settings.finance_approvers.set([finance])
    settings.directors.set([director])
    settings.procurement_team.set([procurement_officer])
    return SimpleNamespace(
        head=head,
        requester=requester,
        holder=holder,
        deputy=deputy,
        finance=finance,
        director=director,
        procurement=procurement_officer,
    )


def make_line(people, *, allocation="50000.00", code="4010", year=YEAR, name="Mayor's events") -> BudgetLine:
    centre, _ = CostCentre.objects.get_or_create(code="MO100", defaults={"name": "Mayor's Office"})
    line = BudgetLine.objects.create(
        cost_centre=centre, year=year, code=code, name=name, holder=people.holder, deputy=people.deputy
    )
    if allocation:
        budgets.budget_allocate(actor=people.head, line=line, amount=Decimal(allocation))
    return line


def make_supplier(name="Eastbridge Catering Ltd", number="01234567") -> Supplier:
    return Supplier.objects.get_or_create(name=name, defaults={"company_number": number})[0]


def category(name="Catering and hospitality") -> Category:
    return Category.objects.get(name=name)


CATEGORIES = [
    "Catering and hospitality",
    "Venue hire",
    "Printing and design",
    "Events and civic ceremonies",
    "Consultancy and research",
    "Translation and interpreting",
    "Travel",
    "Office equipment and supplies",
    "Communications and advertising",
    "Subscriptions and memberships",
]


def one_line(net="6000.00", rate="standard", quantity="1"):
    return [{"description": "Reception for 200 guests", "quantity": quantity, "unit_price": net, "vat_rate": rate}]


def make_requisition(people, line, *, lines=None, supplier=None, category_name="Catering and hospitality", **fields):
    return requisitions.requisition_create(
        actor=people.requester,
        budget_line=line,
        supplier=supplier or make_supplier(),
        category=category(category_name),
        description=fields.pop("description", "Civic reception"),
        justification=fields.pop("justification", "The Mayor's reception for the borough's volunteers"),
        needed_by=fields.pop("needed_by", NEEDED_BY),
        lines=one_line() if lines is None else lines,
        **fields,
    )


def add_quotes(people, requisition, n, amount="7200.00"):
    for k in range(n):
        requisitions.quote_add(
            actor=people.requester,
            requisition=requisition,
            supplier_name=f"Supplier {k + 1}",
            amount=amount,
            file=ContentFile(b"%PDF-1.4 quote", name=f"quote-{k + 1}.pdf"),
        )
