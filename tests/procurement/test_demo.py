"""seed_demo adds this year's and last year's budgets, requisitions in every state through the services, a line more
than 90% used, a split attempt, transfers, and invoices over and under £500 across the quarters; running it again
changes nothing. On the frozen clock (Wednesday 2 December 2026: the financial year 2026/27)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from mayoral_office import demo as office_demo
from mayoral_office import registry
from mayoral_office.models import User
from procurement import demo
from procurement.models import (
    ApprovalStep,
    BudgetLine,
    BudgetTransfer,
    Invoice,
    Movement,
    ProcurementSettings,
    Requisition,
    Status,
)
from procurement.money import financial_year
from procurement.selectors.home import home_work

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db, clock):
    office_demo.seed()
    out = io.StringIO()
    demo.seed(out)
    return out.getvalue()


def _by(description):
    return Requisition.objects.get(description=description, budget_line__year=2026)


def _tiers(requisition, state):
    return [s.tier for s in requisition.steps.filter(state=state).order_by("round", "position")]


def test_requisitions_in_every_state(seeded):
    assert "Procurement: 7 budget lines" in seeded
    this_year = Requisition.objects.filter(budget_line__year=2026)
    assert set(this_year.values_list("status", flat=True)) == set(Status.values)
    reception = _by("Catering for the Mayor's New Year reception")
    assert reception.gross == Decimal("7200.00") and reception.quotes.count() == 3
    assert _tiers(reception, ApprovalStep.State.APPROVED) == ["budget_holder"]
    assert _tiers(reception, ApprovalStep.State.WAITING) == ["head"]  # waiting at the Head of Mayor's Office
    assert _tiers(_by("Refreshments for the Mayor's volunteers' evening"), "waiting") == ["budget_holder"]
    tender = _by("Digital engagement platform: three-year licence and set-up")
    assert _tiers(tender, ApprovalStep.State.WAITING) == ["procurement"] and tender.quotes.count() == 0
    survey = _by("Residents' survey 2027: fieldwork and analysis")
    assert survey.status == Status.APPROVED and survey.gross >= Decimal("30000") and not survey.po_number
    assert _by("Interpreters for the Bengali community forum").status == Status.RETURNED
    assert _by("Standing desks for the office").steps.get(state="rejected").comments
    stationery = _by("Toner and paper for the quarter")
    holder = User.objects.get(email="budget.holder@eastbridge.gov.uk")
    assert stationery.steps.get().acting_for_id == holder.pk  # the deputy approved for the holder
    coach = _by("Coach to the airport for the twinning delegation")
    assert coach.status == Status.CANCELLED and coach.po_number
    assert sum(m.amount for m in coach.movements.all()) == 0  # the commitment released
    po_numbers = list(this_year.exclude(po_number=None).values_list("po_number", flat=True))
    assert po_numbers and all(n.startswith("PO/2026/") for n in po_numbers)


def test_an_order_past_its_needed_by_date_and_dates_within_the_year(seeded, clock):
    late = Requisition.objects.filter(status=Status.ORDERED, needed_by__lt=clock.today, budget_line__year=2026)
    assert [r.description for r in late] == ["Wreaths for Remembrance Sunday"]
    this_year = Requisition.objects.filter(budget_line__year=2026)
    assert min(r.created_at.date() for r in this_year) >= date(2026, 4, 1)
    assert this_year.filter(created_at__date__lt=date(2026, 6, 1)).exists()  # dated back across the year


def test_the_twinning_line_is_more_than_90_percent_used_with_a_transfer_waiting(seeded):
    line = BudgetLine.objects.with_figures().get(year=2026, code="4120")
    figures = line.figures()
    assert figures["committed"] + figures["spent"] > figures["allocated"] * Decimal("0.9")
    assert figures["remaining"] >= 0
    waiting = BudgetTransfer.objects.get(state=BudgetTransfer.State.REQUESTED)
    assert waiting.to_line == line
    assert BudgetTransfer.objects.filter(state=BudgetTransfer.State.APPROVED).count() == 1
    assert Movement.objects.filter(kind=Movement.Kind.TRANSFER).count() == 2


def test_a_split_attempt_three_hall_hires_within_a_month(seeded):
    halls = Requisition.objects.filter(supplier__name="Eastbridge Community Halls Trust", budget_line__year=2026)
    assert sorted(r.gross for r in halls) == [Decimal("2000.00")] * 3
    third = halls.order_by("-submitted_at").first()
    assert third.status == Status.SUBMITTED and "different wards" in third.split_reason
    assert not halls.exclude(pk=third.pk).exclude(split_reason="").exists()
    others = Requisition.objects.exclude(split_reason="").exclude(pk=third.pk)
    assert not others.exists()  # on the frozen clock no other requisition needs the demo's fallback reason
    dates = sorted(r.submitted_at for r in halls)
    assert (dates[-1] - dates[0]).days <= 31


def test_invoices_over_and_under_500_across_quarters_and_last_years_history(seeded):
    invoices = Invoice.objects.select_related("requisition")
    this_year = [i for i in invoices if i.paid_on >= date(2026, 4, 1)]
    assert any(i.gross > 500 for i in this_year) and any(i.gross < 500 for i in this_year)
    assert len({(i.paid_on.month - 4) // 3 for i in this_year}) >= 3  # three quarters of 2026/27
    last_year = [i for i in invoices if i.paid_on < date(2026, 4, 1)]
    assert len({(i.paid_on.month - 4) % 12 // 3 for i in last_year}) == 4
    assert Requisition.objects.filter(budget_line__year=2025, status=Status.ORDERED).count() == 2  # into this year
    assert BudgetLine.objects.filter(year=2025).count() == BudgetLine.objects.filter(year=2026).count() == 7
    for line in BudgetLine.objects.with_figures():
        assert line.figures()["remaining"] >= 0, line


def test_the_people_are_named_and_see_their_work(seeded):
    people = ProcurementSettings.people()
    finance = User.objects.get(email="finance.approver@eastbridge.gov.uk")
    assert (
        finance.pk in people["finance_approvers"] and len(people["directors"]) == len(people["procurement_team"]) == 1
    )
    work = {i.label: i.count for i in home_work(User.objects.get(email="budget.holder@eastbridge.gov.uk"))}
    assert work["Requisitions waiting for your approval"] == 2  # the volunteers' evening and the third hall
    head = {i.label: i.count for i in home_work(User.objects.get(email="head.office@eastbridge.gov.uk"))}
    assert head["Requisitions waiting for your approval"] == 1  # the reception
    assert head["Approved requisitions waiting for a contract notice"] == 1
    assert head["Orders past their needed-by date with no invoice"] == 3  # the wreaths, and last year's two
    officer = {i.label: i.count for i in home_work(User.objects.get(email="procurement.officer@eastbridge.gov.uk"))}
    assert officer == {"Requisitions waiting for your approval": 1}
    returned = {i.label: i.count for i in home_work(User.objects.get(email="cabinet.support2@eastbridge.gov.uk"))}
    assert returned == {"Your requisitions returned with comments": 1}


def test_running_it_again_changes_nothing(seeded):
    before = [m.objects.count() for m in (Requisition, BudgetLine, Movement, Invoice, User)]
    out = io.StringIO()
    demo.seed(out)
    assert "already there" in out.getvalue()
    assert [m.objects.count() for m in (Requisition, BudgetLine, Movement, Invoice, User)] == before


def test_seed_demo_runs_it(small_demo, clock):
    assert "procurement" in [s.name for s in registry.demo_seeders()]
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Procurement: 7 budget lines" in out.getvalue()
    assert Requisition.objects.filter(status=Status.INVOICED).exists()


@pytest.mark.parametrize("day", ["2027-04-01 08:00", "2026-12-26 09:30", "2027-03-31 17:00", "2026-06-15 10:00"])
def test_it_seeds_on_any_day(db, clock, day):
    clock.move_to(day)
    office_demo.seed()
    demo.seed()
    this_year = Requisition.objects.filter(budget_line__year=financial_year(clock.today))
    assert set(this_year.values_list("status", flat=True)) == set(Status.values)
    assert min(r.created_at.date() for r in this_year) >= date(financial_year(clock.today), 4, 1)
    halls = this_year.filter(supplier__name="Eastbridge Community Halls Trust").exclude(split_reason="")
    assert [r.split_reason[:29] for r in halls] == ["Three surgeries in different "]
