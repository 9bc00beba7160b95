"""The seed rules by value (DESIGN.md section 5), in force from 1 April 2020, the contract publication threshold
(£30,000 including VAT), the categories of spend, and the Head of Mayor's Office's right to edit them in the
admin (rules as dated data: a change is a new rule set with its own effective date)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

from mayoral_office.roles import Role, grant_model_permissions

BANDS = [
    # lower, upper, quotes, kind, approval chain
    ("0.00", "5000.00", 1, "one", ["budget_holder"]),
    ("5000.00", "25000.00", 3, "written", ["budget_holder", "head"]),
    ("25000.00", "100000.00", 3, "formal", ["budget_holder", "head", "director"]),
    ("100000.00", None, 0, "tender", ["budget_holder", "head", "director", "procurement"]),
]
CATEGORIES = [
    ("Catering and hospitality", "Catering"),
    ("Venue hire", "Premises: hire of rooms"),
    ("Printing and design", "Printing and stationery"),
    ("Events and civic ceremonies", "Civic and ceremonial"),
    ("Consultancy and research", "Consultants' fees"),
    ("Translation and interpreting", "Translation services"),
    ("Travel", "Travel expenses"),
    ("Office equipment and supplies", "Equipment, furniture and materials"),
    ("Communications and advertising", "Advertising"),
    ("Subscriptions and memberships", "Subscriptions"),
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("procurement", "RuleSet")
    Band = apps.get_model("procurement", "Band")
    Category = apps.get_model("procurement", "Category")
    if not RuleSet.objects.exists():
        rules = RuleSet.objects.create(
            effective_from=date(2020, 4, 1), contract_threshold=Decimal("30000.00"), note="Seed rules"
        )
        for lower, upper, quotes, kind, chain in BANDS:
            Band.objects.create(
                rules=rules,
                lower=Decimal(lower),
                upper=Decimal(upper) if upper else None,
                quotes=quotes,
                quote_kind=kind,
                approvers=chain,
                includes_vat=True,
            )
    for name, expense_type in CATEGORIES:
        Category.objects.get_or_create(name=name, defaults={"expense_type": expense_type})
    grant_model_permissions(
        apps,
        Role.HEAD_OF_OFFICE.label,
        {
            "procurement.ruleset": ["add", "change", "view"],
            "procurement.band": ["add", "change", "view", "delete"],
            "procurement.procurementsettings": ["change", "view"],
            "procurement.category": ["add", "change", "view"],
            "procurement.supplier": ["add", "change", "view"],
            "procurement.costcentre": ["add", "change", "view"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial"), ("mayoral_office", "0004_head_of_office_configuration")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
