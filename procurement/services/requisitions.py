"""Requisitions: raised and changed as drafts, submitted along the route their value gives them, approved tier by
tier, committed against their budget line (never past its allocation without a recorded override), ordered with a
gapless purchase order number, received, invoiced (spent) or cancelled (the commitment released)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mayoral_office.audit import service
from mayoral_office.errors import PermissionDenied, ServiceError
from procurement import policy, routing, selectors
from procurement.models import ApprovalStep, Buyer, Movement, Quote, Requisition, RequisitionLine, RuleSet, Status
from procurement.models.budgets import BudgetLine
from procurement.money import MAX_AMOUNT, financial_year, gbp, year_label
from procurement.services._base import bump, claim, next_number
from procurement.services._checks import DESCRIPTION_LIMIT, check_lines
from procurement.services._checks import decimal as _decimal
from procurement.services._checks import text as _text


# --- checks ---------------------------------------------------------------------------------------------------
def _check_budget_line(line: BudgetLine) -> None:
    year = financial_year(timezone.localdate())
    if line.year != year:
        raise ServiceError(
            f"Choose a budget line of this financial year ({year_label(year)}): {line} is for {line.year_label}",
            field="budget_line",
        )
    if not line.is_active:
        raise ServiceError("That budget line is closed: choose another", field="budget_line")


def _check_needed_by(needed_by: date | None) -> None:
    if needed_by is None:
        raise ServiceError("Enter the date the goods or services are needed by", field="needed_by")
    if needed_by < timezone.localdate():
        raise ServiceError("The needed-by date must be today or in the future", field="needed_by")


def _write_lines(requisition: Requisition, lines: list[dict]) -> None:
    requisition.lines.all().delete()
    RequisitionLine.objects.bulk_create(
        RequisitionLine(requisition=requisition, position=n, **line) for n, line in enumerate(lines, start=1)
    )
    requisition.net = sum((line["net"] for line in lines), Decimal("0.00"))
    requisition.vat = sum((line["vat"] for line in lines), Decimal("0.00"))
    requisition.gross = requisition.net + requisition.vat


def _fields(*, budget_line, supplier, category, description, justification, needed_by, contract_reference) -> dict:
    _check_budget_line(budget_line)
    _check_needed_by(needed_by)
    if supplier is None or not supplier.is_active:
        raise ServiceError("Choose a supplier from the list", field="supplier")
    if category is None:
        raise ServiceError("Choose a category from the list", field="category")
    return {
        "budget_line": budget_line,
        "supplier": supplier,
        "category": category,
        "description": _text(
            description, field="description", what="what the requisition is for", limit=DESCRIPTION_LIMIT
        ),
        "justification": _text(justification, field="justification", what="why it is needed"),
        "needed_by": needed_by,
        "contract_reference": _text(
            contract_reference, field="contract_reference", what="the contract reference", limit=50, required=False
        ),
    }


# --- drafts ---------------------------------------------------------------------------------------------------
@service
def requisition_create(
    *,
    actor,
    budget_line,
    supplier,
    category,
    description,
    justification,
    needed_by,
    lines,
    contract_reference: str = "",
) -> Requisition:
    """A new requisition, as a draft the requester can change until they submit it."""
    policy.require(actor, "requisition.create")
    fields = _fields(
        budget_line=budget_line,
        supplier=supplier,
        category=category,
        description=description,
        justification=justification,
        needed_by=needed_by,
        contract_reference=contract_reference,
    )
    checked = check_lines(lines)
    year = financial_year(timezone.localdate())
    reference = f"REQ/{year}/{next_number('REQ', year):05d}"
    requisition = Requisition.objects.create(reference=reference, requester=actor, **fields)
    _write_lines(requisition, checked)
    requisition.save()
    return requisition


@service
def requisition_update(
    *,
    actor,
    requisition: Requisition,
    budget_line,
    supplier,
    category,
    description,
    justification,
    needed_by,
    lines,
    contract_reference: str = "",
    expected_version: int | None = None,
) -> Requisition:
    requisition = claim(actor, "requisition.edit", requisition, expected_version)
    fields = _fields(
        budget_line=budget_line,
        supplier=supplier,
        category=category,
        description=description,
        justification=justification,
        needed_by=needed_by,
        contract_reference=contract_reference,
    )
    checked = check_lines(lines)
    for name, value in fields.items():
        setattr(requisition, name, value)
    _write_lines(requisition, checked)
    _forget_override(requisition)
    bump(requisition)
    requisition.save()
    return requisition


@service
def quote_add(*, actor, requisition: Requisition, supplier_name: str, amount, file=None) -> Quote:
    """A quote received for the requisition (with its PDF when there is one)."""
    requisition = claim(actor, "requisition.add_quote", requisition)
    name = _text(supplier_name, field="supplier_name", what="who gave the quote", limit=200)
    value = _decimal(amount, field="amount", what="the quote's amount")
    if value <= 0 or value > MAX_AMOUNT:
        raise ServiceError(f"The quote's amount must be between £0.01 and {gbp(MAX_AMOUNT)}", field="amount")
    quote = Quote(requisition=requisition, supplier_name=name, amount=value, added_by=actor)
    if file is not None:
        quote.file_name = file.name[:200]
        quote.file.save(file.name, file, save=False)
    quote.save()
    return quote


# --- the route --------------------------------------------------------------------------------------------------
@service
def requisition_submit(
    *, actor, requisition: Requisition, split_reason: str = "", expected_version: int | None = None
) -> Requisition:
    """Sent along its route: the band its value falls in under the rules in force today gives the quotes it needs
    and its approvers. Refused, saying what it lacks, when it has too few quotes, or when it and related
    requisitions together cross a band it does not cross alone and no reason is given."""
    requisition = claim(actor, "requisition.submit", requisition, expected_version)
    _check_budget_line(requisition.budget_line)
    _check_needed_by(requisition.needed_by)
    route = selectors.route_for(requisition)
    if route.missing_quotes:
        raise ServiceError(route.missing_quotes, field="quotes")
    nobody = routing.tiers_without_approver(requisition, route.band.approvers)
    if nobody:
        raise ServiceError(
            f"Nobody is named to approve at the {nobody[0]} step: ask the Head of Mayor's Office to name someone in "
            "the procurement settings before you submit"
        )
    split_reason = (split_reason or "").strip()
    if route.split and not split_reason:
        raise ServiceError(f"{route.split.message}. Give the reason these are separate purchases", field="split_reason")
    requisition.split_reason = _text(split_reason, field="split_reason", what="the reason", required=False)
    round_ = max((s.round for s in requisition.steps.all()), default=0) + 1
    ApprovalStep.objects.bulk_create(
        ApprovalStep(requisition=requisition, round=round_, position=n, tier=tier)
        for n, tier in enumerate(route.band.approvers, start=1)
    )
    requisition.rules = route.rules
    requisition.status = Status.SUBMITTED
    requisition.submitted_at = timezone.now()
    bump(requisition)
    requisition.save()
    return requisition


def _waiting_step(actor, requisition: Requisition) -> tuple[ApprovalStep, Buyer]:
    """The step the requisition waits at, which the actor must be able to act at (checked again after the lock:
    someone else may have acted first)."""
    step = routing.current_step(requisition)
    buyer = Buyer.of(actor)
    if step is None or not routing.acts_at(buyer, requisition, step.tier):
        raise PermissionDenied("You cannot approve this requisition at the step it has reached")
    return step, buyer


def _act(step: ApprovalStep, actor, buyer: Buyer, requisition: Requisition, state: str, comments: str) -> None:
    step.state = state
    step.acted_by = actor
    step.acting_for_id = routing.acting_for(buyer, requisition, step.tier)
    step.comments = comments
    step.acted_at = timezone.now()
    step.save()


@service
def requisition_approve(
    *, actor, requisition: Requisition, comments: str = "", expected_version: int | None = None
) -> Requisition:
    """Approve at the step it waits at. Later steps the same person could also act at are marked approved at an
    earlier tier (nobody is asked twice). The last approval commits the value to the budget line under a row lock
    (two approvals at once can never together overspend) and raises the purchase order when nothing is missing."""
    requisition = claim(actor, "requisition.approve", requisition, expected_version)
    step, buyer = _waiting_step(actor, requisition)
    comments = _text(comments, field="comments", what="your comments", required=False)
    _act(step, actor, buyer, requisition, ApprovalStep.State.APPROVED, comments)
    later = [
        s
        for s in requisition.steps.all()
        if s.round == step.round and s.state == ApprovalStep.State.WAITING and s.pk != step.pk
    ]
    for other in later:
        if routing.acts_at(buyer, requisition, other.tier):
            _act(other, actor, buyer, requisition, ApprovalStep.State.ALREADY, "")
    if all(
        s.state != ApprovalStep.State.WAITING
        for s in ApprovalStep.objects.filter(requisition=requisition, round=step.round)
    ):
        _commit(actor, requisition)
    bump(requisition)
    requisition.save()
    return requisition


def _commit(actor, requisition: Requisition) -> None:
    line = BudgetLine.objects.select_for_update().get(pk=requisition.budget_line_id)
    remaining = line.figures()["remaining"]
    if requisition.net > remaining and not requisition.override_at:
        raise ServiceError(
            f"Approving this would take {line.cost_centre.code}/{line.code} {line.name} past its allocation: "
            f"{gbp(remaining)} is left and this needs {gbp(requisition.net)}. Nothing has been approved. A finance "
            "approver can record an override with a reason, or the budget holder can ask for a transfer"
        )
    Movement.objects.create(
        line=line,
        kind=Movement.Kind.COMMITMENT,
        amount=requisition.net,
        requisition=requisition,
        by=actor,
        note=f"{requisition.reference} approved",
    )
    requisition.status = Status.APPROVED
    requisition.decided_at = timezone.now()
    if not selectors.needs_contract_notice(requisition):
        _raise_po(requisition)


def _raise_po(requisition: Requisition) -> None:
    year = financial_year(timezone.localdate())
    requisition.po_number = f"PO/{year}/{next_number('PO', year):05d}"
    requisition.status = Status.ORDERED
    requisition.ordered_at = timezone.now()


@service
def requisition_return(*, actor, requisition: Requisition, comments: str, expected_version: int | None = None):
    """Back to the requester to change, with what needs to change; the route starts again when they resubmit."""
    return _decide(
        actor,
        requisition,
        comments,
        expected_version,
        "requisition.return",
        ApprovalStep.State.RETURNED,
        Status.RETURNED,
    )


@service
def requisition_reject(*, actor, requisition: Requisition, comments: str, expected_version: int | None = None):
    return _decide(
        actor,
        requisition,
        comments,
        expected_version,
        "requisition.reject",
        ApprovalStep.State.REJECTED,
        Status.REJECTED,
    )


def _decide(actor, requisition, comments, expected_version, action, step_state, status) -> Requisition:
    requisition = claim(actor, action, requisition, expected_version)
    step, buyer = _waiting_step(actor, requisition)
    comments = _text(
        comments, field="comments", what="what needs to change" if status == Status.RETURNED else "why it is rejected"
    )
    _act(step, actor, buyer, requisition, step_state, comments)
    ApprovalStep.objects.filter(requisition=requisition, round=step.round, state=ApprovalStep.State.WAITING).delete()
    requisition.status = status
    requisition.decided_at = timezone.now()
    _forget_override(requisition)
    bump(requisition)
    requisition.save()
    return requisition


def _forget_override(requisition: Requisition) -> None:
    """An override lets one submission past its line's allocation: a returned requisition may come back changed
    (bigger), so a finance approver must look at it again."""
    requisition.override_reason = ""
    requisition.override_by = None
    requisition.override_at = None


@service
def requisition_override(*, actor, requisition: Requisition, reason: str, expected_version: int | None = None):
    """A finance approver lets the requisition past its line's allocation, with the reason on the record."""
    requisition = claim(actor, "requisition.override", requisition, expected_version)
    requisition.override_reason = _text(reason, field="reason", what="the reason for the override")
    requisition.override_by = actor
    requisition.override_at = timezone.now()
    bump(requisition)
    requisition.save()
    return requisition


@service
def requisition_raise_po(
    *, actor, requisition: Requisition, contract_notice_reference: str = "", expected_version: int | None = None
) -> Requisition:
    """The purchase order of an approved requisition that waited for its contract notice reference."""
    requisition = claim(actor, "requisition.raise_po", requisition, expected_version)
    reference = _text(
        contract_notice_reference,
        field="contract_notice_reference",
        what="the contract notice reference",
        limit=50,
        required=False,
    )
    if reference:
        requisition.contract_notice_reference = reference
    if selectors.needs_contract_notice(requisition):
        raise ServiceError(
            "Enter the contract notice reference (Contracts Finder or Find a Tender): a requisition of "
            f"{gbp(requisition.rules.contract_threshold if requisition.rules else Decimal('30000'))} or more needs "
            "one before its purchase order",
            field="contract_notice_reference",
        )
    _raise_po(requisition)
    bump(requisition)
    requisition.save()
    return requisition


@service
def requisition_receive(*, actor, requisition: Requisition, received_on: date | None, note: str = ""):
    requisition = claim(actor, "requisition.receive", requisition)
    if received_on is None or received_on > timezone.localdate():
        raise ServiceError("Enter the date the goods or services were received: today or earlier", field="received_on")
    if received_on < timezone.localdate() - timedelta(days=366):
        raise ServiceError("The date received must be within the last year", field="received_on")
    requisition.receipts.create(
        received_on=received_on,
        note=_text(note, field="note", what="the note", limit=250, required=False),
        recorded_by=actor,
    )
    requisition.status = Status.RECEIVED
    bump(requisition)
    requisition.save()
    return requisition


def _committed(requisition: Requisition) -> Decimal:
    kinds = (Movement.Kind.COMMITMENT, Movement.Kind.RELEASE)
    return sum((m.amount for m in requisition.movements.filter(kind__in=kinds)), Decimal("0.00"))


@service
def requisition_invoice(
    *,
    actor,
    requisition: Requisition,
    supplier_invoice_number: str,
    invoice_date: date | None,
    paid_on: date | None,
    net,
    vat,
    vat_recoverable: bool = True,
    difference_reason: str = "",
):
    """The supplier's invoice matched to the order: the commitment released and the invoice's net spent. An
    invoice further from the order than the tolerance (the rules' amount, and never more than 5% of the order)
    is accepted only by a finance approver with a reason."""
    requisition = claim(actor, "requisition.invoice", requisition)
    number = _text(
        supplier_invoice_number, field="supplier_invoice_number", what="the supplier's invoice number", limit=50
    )
    net = _decimal(net, field="net", what="the invoice's net amount")
    vat = _decimal(vat, field="vat", what="the invoice's VAT")
    if net <= 0 or net > MAX_AMOUNT or vat < 0 or vat > MAX_AMOUNT:
        raise ServiceError("Enter the invoice's net amount (more than £0) and its VAT (£0 or more)", field="net")
    today = timezone.localdate()
    if invoice_date is None or invoice_date > today:
        raise ServiceError("Enter the invoice's date: today or earlier", field="invoice_date")
    if paid_on is None or paid_on > today + timedelta(days=60):
        raise ServiceError("Enter the date it is paid (or due to be paid)", field="paid_on")
    spent = net if vat_recoverable else net + vat
    difference = abs(spent - requisition.net)
    rules = requisition.rules or RuleSet.objects.in_force()
    tolerance = min(rules.invoice_tolerance, (requisition.net * Decimal("0.05")).quantize(Decimal("0.01")))
    reason = (difference_reason or "").strip()
    if difference > tolerance:
        if not Buyer.of(actor).finance:
            raise ServiceError(
                f"The invoice differs from the order by {gbp(difference)}, more than the tolerance of "
                f"{gbp(tolerance)}: a finance approver must accept it",
                field="net",
            )
        if not reason:
            raise ServiceError(
                f"The invoice differs from the order by {gbp(difference)}: give the reason it is accepted",
                field="difference_reason",
            )
    year = financial_year(paid_on)
    invoice = requisition.invoices.create(
        supplier_invoice_number=number,
        transaction_number=f"TXN/{year}/{next_number('TXN', year):06d}",
        invoice_date=invoice_date,
        paid_on=paid_on,
        net=net,
        vat=vat,
        vat_recoverable=vat_recoverable,
        difference_reason=_text(reason, field="difference_reason", what="the reason", required=False),
        recorded_by=actor,
    )
    line = BudgetLine.objects.select_for_update().get(pk=requisition.budget_line_id)
    committed = _committed(requisition)
    if committed:
        Movement.objects.create(
            line=line,
            kind=Movement.Kind.RELEASE,
            amount=-committed,
            requisition=requisition,
            by=actor,
            note=f"{requisition.reference} invoiced",
        )
    spent = net if vat_recoverable else net + vat
    Movement.objects.create(
        line=line,
        kind=Movement.Kind.SPEND,
        amount=spent,
        requisition=requisition,
        by=actor,
        note=f"Invoice {number} ({invoice.transaction_number})",
    )
    requisition.status = Status.INVOICED
    bump(requisition)
    requisition.save()
    return invoice


@service
def requisition_cancel(*, actor, requisition: Requisition, reason: str, expected_version: int | None = None):
    """Cancelled, with the reason; a commitment it held is released to the line."""
    requisition = claim(actor, "requisition.cancel", requisition, expected_version)
    requisition.cancel_reason = _text(reason, field="reason", what="why it is cancelled")
    committed = _committed(requisition)
    if committed:
        line = BudgetLine.objects.select_for_update().get(pk=requisition.budget_line_id)
        Movement.objects.create(
            line=line,
            kind=Movement.Kind.RELEASE,
            amount=-committed,
            requisition=requisition,
            by=actor,
            note=f"{requisition.reference} cancelled",
        )
    ApprovalStep.objects.filter(requisition=requisition, state=ApprovalStep.State.WAITING).delete()
    requisition.status = Status.CANCELLED
    bump(requisition)
    requisition.save()
    return requisition
