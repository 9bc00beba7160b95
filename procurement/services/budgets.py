"""Budgets: allocations and transfers, each written to the lines' ledger (never an edited total)."""

from __future__ import annotations

from django.utils import timezone

from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from procurement import policy
from procurement.models import BudgetLine, BudgetTransfer, Buyer, Movement
from procurement.money import MAX_AMOUNT, gbp
from procurement.services._base import bump, claim
from procurement.services._checks import decimal as _decimal
from procurement.services._checks import text as _text


def _amount(raw, *, field: str = "amount", what: str = "the amount"):
    value = _decimal(raw, field=field, what=what)
    if value <= 0 or value > MAX_AMOUNT:
        raise ServiceError(f"Enter {what} between £0.01 and {gbp(MAX_AMOUNT)}", field=field)
    return value


@service
def budget_allocate(*, actor, line: BudgetLine, amount, note: str = "") -> Movement:
    """Money given to a line for its year (the Head of Mayor's Office or a finance approver)."""
    policy.require(actor, "budget.line_allocate", line)
    return Movement.objects.create(
        line=line,
        kind=Movement.Kind.ALLOCATION,
        amount=_amount(amount),
        by=actor,
        note=_text(note, field="note", what="the note", limit=250, required=False) or "Allocation",
    )


@service
def transfer_request(*, actor, from_line: BudgetLine, to_line: BudgetLine, amount, reason: str) -> BudgetTransfer:
    """Ask to move money between two lines of the same year; the Head of Mayor's Office decides."""
    policy.require(actor, "transfer.request")
    buyer = Buyer.of(actor)
    if not (buyer.everything or actor.pk in (from_line.holder_id, from_line.deputy_id)):
        raise ServiceError("You can move money only out of a line you hold or deputise for", field="from_line")
    if not (from_line.is_active and to_line.is_active):
        raise ServiceError("Money moves only between open lines", field="to_line")
    if from_line.pk == to_line.pk:
        raise ServiceError("Choose two different lines", field="to_line")
    if from_line.year != to_line.year:
        raise ServiceError("Money moves only between lines of the same financial year", field="to_line")
    return BudgetTransfer.objects.create(
        from_line=from_line,
        to_line=to_line,
        amount=_amount(amount),
        reason=_text(reason, field="reason", what="why the money is needed"),
        requested_by=actor,
    )


@service
def transfer_decide(
    *, actor, transfer: BudgetTransfer, approve: bool, expected_version: int | None = None
) -> BudgetTransfer:
    """Approved: two movements, out of one line and into the other, after checking under a row lock that the line
    giving has that much left. Rejected: nothing moves."""
    transfer = claim(actor, "transfer.decide", transfer, expected_version)
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    if approve:
        giving = BudgetLine.objects.select_for_update().get(pk=transfer.from_line_id)
        left = giving.figures()["remaining"]
        if transfer.amount > left:
            raise ServiceError(f"{giving} has {gbp(left)} left: it cannot give {gbp(transfer.amount)}")
        note = f"Transfer {transfer.pk}: {transfer.reason[:200]}"
        Movement.objects.create(
            line=giving, kind=Movement.Kind.TRANSFER, amount=-transfer.amount, transfer=transfer, by=actor, note=note
        )
        Movement.objects.create(
            line_id=transfer.to_line_id,
            kind=Movement.Kind.TRANSFER,
            amount=transfer.amount,
            transfer=transfer,
            by=actor,
            note=note,
        )
        transfer.state = BudgetTransfer.State.APPROVED
    else:
        transfer.state = BudgetTransfer.State.REJECTED
    bump(transfer)
    transfer.save()
    return transfer
