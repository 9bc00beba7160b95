"""Demo procurement for Eastbridge (`manage.py seed_demo`, after the other apps: apps.py, order 40).

The people: the office's budget holder (Patrick Mensah) holds every line, the Senior Executive Support Officer is
his deputy, and the settings name a finance approver, the Director of Resources and a procurement officer (demo
logins made here: procurement/demo_content.py). Three cost centres with seven budget lines for this financial year
and last, allocated at the start of each year. This year's requisitions are taken through the services by the
people who would act, one for each state: a draft; waiting for the budget holder; waiting for the Head of Mayor's
Office (the £7,200 reception: three quotes); waiting for the procurement team (a tender); returned; rejected;
approved and waiting for its contract notice (over £30,000); ordered (one past its needed-by date with no
invoice); goods received (one approved by the deputy for the holder); invoiced, over and under £500 across the
quarters (one within the invoice tolerance); and cancelled after its order. The twinning line is more than 90%
used, with a transfer into it waiting for the Head; another transfer is approved. And a split attempt: three hall
hires from one supplier within a month, the third submitted with the requester's reason.

The services date everything now, so each requisition is then dated back to when it would have been raised
(its invoice three weeks later), within this financial year, and the change is recorded in the audit trail (as the
briefings demo does). Last year's history cannot go through the services (they take only this year's lines): it
is written directly with the models, attributed to the people who acted, with its ledger movements. Idempotent:
does nothing when the demo's cost centres exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from mayoral_office.audit import acting_as, record_change
from mayoral_office.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from mayoral_office.models import User
from mayoral_office.roles import Role
from procurement import routing, selectors
from procurement.demo_content import BUDGETS, LAST_YEAR, PEOPLE, SPLIT_FALLBACK, SUPPLIERS, THIS_YEAR, Spec
from procurement.models import (
    ApprovalStep,
    BudgetLine,
    Category,
    CostCentre,
    GoodsReceipt,
    Invoice,
    Movement,
    ProcurementSettings,
    Quote,
    Requisition,
    Status,
    Supplier,
)
from procurement.models.access import BUDGET_HOLDER, DIRECTOR, HEAD, PROCUREMENT
from procurement.money import financial_year, line_figures
from procurement.services import budgets, requisitions
from procurement.services._base import next_number

INVOICE_AFTER_DAYS = 21
LONDON = timezone.get_default_timezone()


@dataclass
class People:
    head: User
    holder: User
    deputy: User
    finance: User
    director: User
    procurement: User
    by_local: dict[str, User]

    @classmethod
    def load(cls) -> People | None:
        """Fresh user objects (a user's procurement facts are kept on the object once read)."""
        users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
        wanted = ["head.office", "budget.holder", "senior.exec", *(local for local, *_ in PEOPLE)]
        if any(local not in users for local in wanted):
            return None
        return cls(
            head=users["head.office"],
            holder=users["budget.holder"],
            deputy=users["senior.exec"],
            finance=users["finance.approver"],
            director=users["director.resources"],
            procurement=users["procurement.officer"],
            by_local=users,
        )

    def approver(self, requisition: Requisition, tier: str, *, deputy: bool = False) -> User:
        if tier == BUDGET_HOLDER:
            holder_is_requester = requisition.requester_id == self.holder.pk
            return self.deputy if deputy or holder_is_requester else self.holder
        return {HEAD: self.head, DIRECTOR: self.director, PROCUREMENT: self.procurement}[tier]


def seed(stdout=None) -> None:
    if User.objects.filter(email=f"head.office@{DEMO_EMAIL_DOMAIN}").first() is None:
        return
    if CostCentre.objects.filter(code__in=[code for code, _, _ in BUDGETS]).exists():
        if stdout:
            stdout.write("Procurement: demo budgets already there.")
        return
    _people()
    people = People.load()
    if people is None:
        return
    today = timezone.localdate()
    year = financial_year(today)
    with acting_as(people.head):
        _settings(people)
        suppliers = {name: Supplier.objects.create(name=name, company_number=number, is_sole_trader=sole)
                     for name, number, sole in SUPPLIERS}  # fmt: skip
        lines = _budgets(people, year)
        people = People.load()  # fresh facts, now that the deputy holds lines
        made = [_requisition(people, spec, lines[year], suppliers, today) for spec in THIS_YEAR]
        _transfers(people, lines[year])
        history = _last_year(people, lines[year - 1], suppliers, year - 1)
    if stdout:
        states = sorted({r.get_status_display().lower() for r in made})
        stdout.write(
            f"Procurement: {len(lines[year])} budget lines for this year and last, {len(made)} requisitions this year "
            f"({', '.join(states)}) and {history} last year; logins for the finance approver, the Director and the "
            f"procurement officer: {', '.join(f'{local}@{DEMO_EMAIL_DOMAIN}' for local, *_ in PEOPLE)}."
        )


# --- people, settings and budgets --------------------------------------------------------------------------------
def _people() -> None:
    """The finance approver, the Director and the procurement officer, as demo logins (budget holders by role:
    they work in procurement only)."""
    group = Group.objects.get(name=Role.BUDGET_HOLDER.label)
    for local, name, job_title, _ in PEOPLE:
        email = f"{local}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, job_title=job_title)
        user.groups.add(group)


def _settings(people: People) -> None:
    settings = ProcurementSettings.current()
    settings.finance_approvers.add(people.finance)
    settings.directors.add(people.director)
    settings.procurement_team.add(people.procurement)


def _start_of(year: int) -> datetime:
    return datetime.combine(date(year, 4, 1), time(9), tzinfo=LONDON)


def _budgets(people: People, year: int) -> dict[int, dict[str, BudgetLine]]:
    """This year's and last year's lines, each allocated (through the service) on the first day of its year."""
    found: dict[int, dict[str, BudgetLine]] = {year: {}, year - 1: {}}
    for code, name, rows in BUDGETS:
        centre = CostCentre.objects.create(code=code, name=name)
        for line_code, line_name, this_year, last_year in rows:
            for y, amount in ((year, this_year), (year - 1, last_year)):
                line = BudgetLine.objects.create(
                    cost_centre=centre,
                    year=y,
                    code=line_code,
                    name=line_name,
                    holder=people.holder,
                    deputy=people.deputy,
                )
                budgets.budget_allocate(
                    actor=people.head, line=line, amount=Decimal(amount), note="Budget for the year"
                )
                found[y][line_code] = line
    Movement.objects.filter(kind=Movement.Kind.ALLOCATION, line__year=year).update(at=_start_of(year))
    Movement.objects.filter(kind=Movement.Kind.ALLOCATION, line__year=year - 1).update(at=_start_of(year - 1))
    return found


def _transfers(people: People, lines: dict[str, BudgetLine]) -> None:
    approved = budgets.transfer_request(
        actor=people.holder,
        from_line=lines["4020"],
        to_line=lines["4110"],
        amount="2000.00",
        reason="The civic awards have grown: office running costs are below forecast.",
    )
    budgets.transfer_decide(actor=people.head, transfer=approved, approve=True)
    budgets.transfer_request(
        actor=people.holder,
        from_line=lines["4020"],
        to_line=lines["4120"],
        amount="1500.00",
        reason="The twinning line is nearly spent and the return visit from Lyon needs hotel rooms.",
    )


# --- this year's requisitions, through the services ---------------------------------------------------------------
def _requisition(people: People, spec: Spec, lines, suppliers, today: date) -> Requisition:
    requester = people.by_local[spec.by]
    requisition = requisitions.requisition_create(
        actor=requester,
        budget_line=lines[spec.line],
        supplier=suppliers[spec.supplier],
        category=Category.objects.get(name=spec.category),
        description=spec.description,
        justification=spec.justification or f"{spec.description}, as agreed with the Head of Mayor's Office.",
        needed_by=today + timedelta(days=30),
        lines=[{"description": d, "quantity": q, "unit_price": p, "vat_rate": r} for d, q, p, r in spec.items],
    )
    if spec.state != Status.DRAFT:
        requisition = _route(people, spec, requester, requisition)
    _after_approval(people, spec, requester, requisition)
    requisition.refresh_from_db()
    _date_back(people, requisition, spec, today)
    return requisition


def _route(people: People, spec: Spec, requester, requisition: Requisition) -> Requisition:
    route = selectors.route_for(requisition)
    names = [spec.supplier, "Second supplier Ltd", "Third supplier Ltd"]
    for n in range(route.quotes_needed if route.missing_quotes else 0):
        amount = (requisition.gross * Decimal(("1", "1.08", "1.15")[n % 3])).quantize(Decimal("0.01"))
        requisitions.quote_add(actor=requester, requisition=requisition, supplier_name=names[n % 3], amount=amount)
    reason = spec.split_reason or (SPLIT_FALLBACK if route.split else "")
    requisition = requisitions.requisition_submit(actor=requester, requisition=requisition, split_reason=reason)
    steps, limit = 0, spec.approve if spec.approve is not None else (0 if spec.state == Status.SUBMITTED else None)
    while requisition.status == Status.SUBMITTED:
        step = routing.current_step(requisition)
        approver = people.approver(requisition, step.tier, deputy=spec.deputy)
        if spec.state in (Status.RETURNED, Status.REJECTED):
            act = requisitions.requisition_return if spec.state == Status.RETURNED else requisitions.requisition_reject
            return act(actor=approver, requisition=requisition, comments=spec.comments)
        if limit is not None and steps >= limit:
            break
        requisition = requisitions.requisition_approve(actor=approver, requisition=requisition)
        steps += 1
    return requisition


def _after_approval(people: People, spec: Spec, requester, requisition: Requisition) -> None:
    if spec.state in (Status.RECEIVED, Status.INVOICED):
        requisitions.requisition_receive(actor=requester, requisition=requisition, received_on=timezone.localdate())
    if spec.state == Status.INVOICED:
        net, vat = spec.invoice or (requisition.net, requisition.vat)
        today = timezone.localdate()
        requisitions.requisition_invoice(
            actor=people.finance,
            requisition=requisition,
            supplier_invoice_number=f"INV-{requisition.pk:05d}",
            invoice_date=today,
            paid_on=today,
            net=net,
            vat=vat,
        )
    if spec.state == Status.CANCELLED:
        requisitions.requisition_cancel(actor=requester, requisition=requisition, reason=spec.cancel_reason)


def _date_back(people: People, requisition: Requisition, spec: Spec, today: date) -> None:
    """Dated back to when it would have been raised (not before this financial year began), its invoice and goods
    three weeks later, and its needed-by date a month after it was raised (or as the demo says)."""
    days = min(spec.days, (today - date(financial_year(today), 4, 1)).days)
    later = max(days - INVOICE_AFTER_DAYS, 0)
    back, paid = timedelta(days=days), timedelta(days=later)
    needed = today + timedelta(days=spec.needed) if spec.needed is not None else today - back + timedelta(days=30)
    if not days and spec.needed is None:
        return
    old = {"created_at": requisition.created_at, "needed_by": requisition.needed_by}
    fields = {"created_at": requisition.created_at - back, "needed_by": max(needed, today - back)}
    for name in ("submitted_at", "decided_at", "ordered_at"):
        if getattr(requisition, name):
            fields[name] = getattr(requisition, name) - back
    Requisition.objects.filter(pk=requisition.pk).update(**fields)
    for step in ApprovalStep.objects.filter(requisition=requisition).exclude(acted_at=None):
        ApprovalStep.objects.filter(pk=step.pk).update(acted_at=step.acted_at - back)
    for quote in Quote.objects.filter(requisition=requisition):
        Quote.objects.filter(pk=quote.pk).update(added_at=quote.added_at - back)
    for movement in Movement.objects.filter(requisition=requisition):
        shift = paid if movement.kind == Movement.Kind.SPEND or "invoiced" in movement.note else back
        Movement.objects.filter(pk=movement.pk).update(at=movement.at - shift)
    for receipt in GoodsReceipt.objects.filter(requisition=requisition):
        GoodsReceipt.objects.filter(pk=receipt.pk).update(
            received_on=receipt.received_on - paid, recorded_at=receipt.recorded_at - paid
        )
    for invoice in Invoice.objects.filter(requisition=requisition):
        Invoice.objects.filter(pk=invoice.pk).update(
            invoice_date=invoice.invoice_date - paid - timedelta(days=3),
            paid_on=invoice.paid_on - paid,
            recorded_at=invoice.recorded_at - paid,
        )
    changes = {name: (old[name], fields[name]) for name in old}
    record_change(
        actor=people.head, obj=requisition, changes=changes, note=f"Demo data: dated as if raised {days} days ago"
    )


# --- last year's history, written directly ----------------------------------------------------------------------
def _last_year(people: People, lines, suppliers, year: int) -> int:
    """Last year's requisitions, invoiced (one cancelled, two still ordered: committed into this year), written
    with the models as the services would have left them."""
    rules = selectors.rules_in_force(date(year, 4, 1))
    requesters = [people.by_local[local] for local in ("senior.exec", "exec.support", "cabinet.support")]
    for n, (code, supplier, category, description, net, rate, month, state) in enumerate(LAST_YEAR):
        line = lines[code]
        figures = line_figures(Decimal("1"), Decimal(net), rate)
        raised = _start_of(year) + timedelta(days=30 * month + 3 * (n % 5))
        band = rules.band_for(figures.gross)
        requisition = Requisition.objects.create(
            reference=f"REQ/{year}/{next_number('REQ', year):05d}",
            requester=requesters[n % len(requesters)],
            budget_line=line,
            supplier=suppliers[supplier],
            category=Category.objects.get(name=category),
            description=description,
            justification=f"{description}, as agreed with the Head of Mayor's Office.",
            needed_by=(raised + timedelta(days=30)).date(),
            status=state,
            net=figures.net,
            vat=figures.vat,
            gross=figures.gross,
            rules=rules,
            po_number=f"PO/{year}/{next_number('PO', year):05d}",
            created_at=raised,
            submitted_at=raised + timedelta(hours=2),
            decided_at=raised + timedelta(days=2),
            ordered_at=raised + timedelta(days=2),
            cancel_reason="The event moved online: no interpreters needed." if state == Status.CANCELLED else "",
        )
        requisition.lines.create(
            position=1, description=description, quantity=1, unit_price=Decimal(net), vat_rate=rate,
            net=figures.net, vat=figures.vat,
        )  # fmt: skip
        for position, tier in enumerate(band.approvers, start=1):
            ApprovalStep.objects.create(
                requisition=requisition,
                position=position,
                tier=tier,
                state=ApprovalStep.State.APPROVED,
                acted_by=people.approver(requisition, tier),
                acted_at=raised + timedelta(days=1, hours=position),
            )
        _ledger(people, requisition, raised)
    return len(LAST_YEAR)


def _ledger(people: People, requisition: Requisition, raised: datetime) -> None:
    line, net = requisition.budget_line, requisition.net
    Movement.objects.create(
        line=line, kind=Movement.Kind.COMMITMENT, amount=net, requisition=requisition, by=people.holder,
        at=raised + timedelta(days=2), note=f"{requisition.reference} approved",
    )  # fmt: skip
    if requisition.status == Status.ORDERED:
        return
    closed = raised + timedelta(days=30)
    word = "cancelled" if requisition.status == Status.CANCELLED else "invoiced"
    Movement.objects.create(
        line=line, kind=Movement.Kind.RELEASE, amount=-net, requisition=requisition, by=people.finance, at=closed,
        note=f"{requisition.reference} {word}",
    )  # fmt: skip
    if requisition.status != Status.INVOICED:
        return
    paid_on = closed.date()
    invoice = Invoice.objects.create(
        requisition=requisition,
        supplier_invoice_number=f"INV-{requisition.pk:05d}",
        transaction_number=f"TXN/{financial_year(paid_on)}/{next_number('TXN', financial_year(paid_on)):06d}",
        invoice_date=paid_on - timedelta(days=5),
        paid_on=paid_on,
        net=net,
        vat=requisition.vat,
        recorded_by=people.finance,
        recorded_at=closed,
    )
    GoodsReceipt.objects.create(
        requisition=requisition, received_on=paid_on - timedelta(days=10), recorded_by=people.holder, recorded_at=closed
    )
    Movement.objects.create(
        line=line, kind=Movement.Kind.SPEND, amount=net, requisition=requisition, by=people.finance, at=closed,
        note=f"Invoice {invoice.supplier_invoice_number} ({invoice.transaction_number})",
    )  # fmt: skip
