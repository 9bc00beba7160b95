"""The procurement app's share of `manage.py seed_volume`: five financial years of requisitions with their lines,
quotes, approval steps, ledger movements, invoices and the audit entries the services would write. Run here at a
tiny scale (scale 1: 20,000 requisitions)."""

import random
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from mayoral_office import demo as office_demo
from mayoral_office.models import User
from procurement import demo, volume
from procurement.models import (
    ApprovalStep,
    BudgetLine,
    GoodsReceipt,
    Invoice,
    Movement,
    Requisition,
    RequisitionLine,
    Status,
)
from procurement.money import line_figures
from procurement.services import requisitions
from tests.procurement.factories import NEEDED_BY

pytestmark = pytest.mark.django_db
SCALE = 0.01  # 200 requisitions


@pytest.fixture
def office(db, clock):
    """The demo office and the procurement demo, which the volume goes on top of (as seed_volume runs seed_demo)."""
    office_demo.seed()
    demo.seed()
    return set(Requisition.objects.values_list("pk", flat=True))


@pytest.fixture
def counts(office):
    return volume.seed(SCALE, random.Random(2026))


def test_it_makes_the_rows_asked_for_and_returns_their_counts(office, counts):
    new = Requisition.objects.exclude(pk__in=office)
    assert counts["procurement.Requisition"] == new.count() == 200
    assert counts["procurement.RequisitionLine"] == RequisitionLine.objects.filter(requisition__in=new).count() >= 200
    assert counts["procurement.ApprovalStep"] == ApprovalStep.objects.filter(requisition__in=new).count() > 100
    assert counts["procurement.Invoice"] == Invoice.objects.filter(requisition__in=new).count() > 50
    assert counts["procurement.GoodsReceipt"] == GoodsReceipt.objects.filter(requisition__in=new).count()
    assert counts["procurement.BudgetLine"] == 8 * 5 * 5
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Requisition), object_id__in=new)
    assert counts["auditlog.LogEntry (procurement)"] == entries.count() >= 200


def test_five_years_in_every_state_and_no_line_overspent(office, counts, clock):
    new = Requisition.objects.exclude(pk__in=office)
    assert set(new.values_list("budget_line__year", flat=True)) == {2022, 2023, 2024, 2025, 2026}
    found = set(new.values_list("status", flat=True))  # at this scale only a few are recent enough to be open
    assert {Status.DRAFT, Status.SUBMITTED, Status.ORDERED, Status.INVOICED, Status.CANCELLED, Status.REJECTED} <= found
    assert not new.filter(created_at__gt=clock.now()).exists()
    for line in BudgetLine.objects.with_figures():
        assert line.figures()["remaining"] >= 0, line
    for requisition in new.filter(status=Status.INVOICED).prefetch_related("movements", "invoices")[:50]:
        kinds = sorted(m.kind for m in requisition.movements.all())
        assert kinds == ["commitment", "release", "spend"]
        assert sum(m.amount for m in requisition.movements.all() if m.kind != "spend") == 0
        assert len(requisition.invoices.all()) == 1
    for requisition in new.prefetch_related("lines")[:50]:
        figures = [line_figures(x.quantity, x.unit_price, x.vat_rate) for x in requisition.lines.all()]
        assert requisition.net == sum((f.net for f in figures), Decimal("0.00"))
        assert requisition.vat == sum((f.vat for f in figures), Decimal("0.00"))
    assert not Movement.objects.filter(kind=Movement.Kind.COMMITMENT, requisition__status=Status.DRAFT).exists()


def test_the_next_requisition_gets_a_fresh_reference(office, counts, clock):
    references = set(Requisition.objects.values_list("reference", flat=True))
    numbers = set(Requisition.objects.exclude(po_number=None).values_list("po_number", flat=True))
    assert len(numbers) == Requisition.objects.exclude(po_number=None).count()
    officer = User.objects.get(email="cabinet.support@eastbridge.gov.uk")
    line = BudgetLine.objects.filter(year=2026).order_by("pk").first()
    requisition = requisitions.requisition_create(
        actor=officer,
        budget_line=line,
        supplier=Requisition.objects.first().supplier,
        category=Requisition.objects.first().category,
        description="Refreshments",
        justification="For the forum",
        needed_by=NEEDED_BY,
        lines=[{"description": "Tea", "quantity": "1", "unit_price": "20.00", "vat_rate": "standard"}],
    )
    assert requisition.reference not in references
    this_year = [int(r.rsplit("/", 1)[1]) for r in references if r.startswith("REQ/2026/")]
    assert int(requisition.reference.rsplit("/", 1)[1]) == max(this_year) + 1
    assert date(2026, 4, 1) <= requisition.created_at.date()
