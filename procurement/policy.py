"""What each role may do in procurement, and when (the shape of every app's policy: mayoral_office/policy.py; who
sees what: procurement/models/access.py; who acts at each approval tier: procurement/routing.py).

Who:
- requesters (the Head of Mayor's Office and the Executive and Cabinet Support Officers) raise requisitions, change
  them while they are drafts or returned, submit them, raise the purchase order and record goods received;
- approvers act at the tier the requisition is waiting at (routing.acts_at); never on their own requisition;
- finance approvers (named in the settings) record an override that lets a requisition past its line's
  allocation, record invoices and see everything; the Head of Mayor's Office records invoices too;
- the Head of Mayor's Office and finance approvers allocate budgets; the Head approves transfers between lines;
- budget holders see their lines and what is charged to them; members see nothing unless given one of these parts.
"""

from __future__ import annotations

from mayoral_office.policy import AppPolicy, Policy, Rule, cached_facts
from procurement import routing
from procurement.models import EDITABLE, BudgetLine, BudgetTransfer, Buyer, Requisition, Status, can_move

facts = cached_facts(Buyer.of)


# --- who ------------------------------------------------------------------------------------------------------
def opens(f: Buyer, obj=None) -> bool:
    return f.may_open


def requests(f: Buyer, obj=None) -> bool:
    return f.requests


def everything(f: Buyer, obj=None) -> bool:
    return f.everything


def finance(f: Buyer, obj=None) -> bool:
    return f.finance


def head(f: Buyer, obj=None) -> bool:
    return f.head


def books(f: Buyer, obj=None) -> bool:
    """Records invoices: finance approvers and the Head of Mayor's Office."""
    return f.finance or f.head


def own(f: Buyer, r: Requisition) -> bool:
    return r.requester_id == f.user_id


def own_or_office(f: Buyer, r: Requisition) -> bool:
    return own(f, r) or f.everything


def approver(f: Buyer, r: Requisition) -> bool:
    step = routing.current_step(r)
    return step is not None and routing.acts_at(f, r, step.tier)


def holds_line(f: Buyer, line: BudgetLine) -> bool:
    return f.everything or f.user_id in (line.holder_id, line.deputy_id)


# --- when -----------------------------------------------------------------------------------------------------
def _waiting(r: Requisition) -> bool:
    return r.status == Status.SUBMITTED


NOT_WAITING = "This requisition is not waiting for approval"


def _editable(r: Requisition) -> bool:
    return r.status in EDITABLE


def _moves_to(status):
    return lambda r: can_move(r.status, status)


def _why_not_editable(r: Requisition) -> str:
    return f"This requisition is {r.get_status_display().lower()}: it can no longer be changed"


APP_RULES: dict[str, Rule] = {
    "procurement.view": Rule(who=opens),
    "requisition.list": Rule(who=opens),
    "requisition.create": Rule(who=requests),
    "budget.list": Rule(who=opens),
    "budget.allocate": Rule(who=everything),
    "budget.report": Rule(who=opens),
    "transfer.request": Rule(who=lambda f, obj: f.everything or f.holds),
    "transparency.export": Rule(who=everything),
    "supplier.list": Rule(who=opens),
    "supplier.create": Rule(who=lambda f, obj: f.requests or f.everything),
    "approval.list": Rule(who=lambda f, obj: f.everything or f.holds or bool(f.tiers)),
    "requisition.export": Rule(who=opens),
    "report.view": Rule(who=opens),
}

REQUISITION_RULES: dict[str, Rule] = {
    "requisition.view": Rule(who=lambda f, r: True),
    "requisition.edit": Rule(who=own, when=_editable, why_not=_why_not_editable),
    "requisition.add_quote": Rule(who=own, when=_editable, why_not=_why_not_editable),
    "requisition.submit": Rule(who=own, when=_moves_to(Status.SUBMITTED), why_not=_why_not_editable),
    "requisition.approve": Rule(
        who=approver,
        when=lambda r: r.status == Status.SUBMITTED,
        why_not="This requisition is not waiting for approval",
    ),
    "requisition.return": Rule(
        who=approver,
        when=lambda r: r.status == Status.SUBMITTED,
        why_not="This requisition is not waiting for approval",
    ),
    "requisition.reject": Rule(
        who=approver,
        when=lambda r: r.status == Status.SUBMITTED,
        why_not="This requisition is not waiting for approval",
    ),
    "requisition.override": Rule(
        who=lambda f, r: finance(f) and not own(f, r),
        when=lambda r: r.status == Status.SUBMITTED and not r.override_at,
        why_not="An override is recorded once, while the requisition waits for approval",
    ),
    "requisition.raise_po": Rule(
        who=own_or_office, when=lambda r: r.status == Status.APPROVED, why_not="The purchase order has been raised"
    ),
    "requisition.receive": Rule(
        who=own_or_office, when=lambda r: r.status == Status.ORDERED, why_not="Goods are received once ordered"
    ),
    "requisition.invoice": Rule(
        who=books,
        when=lambda r: r.status in (Status.ORDERED, Status.RECEIVED),
        why_not="An invoice is recorded against an order not yet invoiced",
    ),
    "requisition.cancel": Rule(
        who=lambda f, r: own(f, r) or f.everything,
        when=_moves_to(Status.CANCELLED),
        why_not="This requisition can no longer be cancelled",
    ),
}

LINE_RULES: dict[str, Rule] = {
    "budget.view": Rule(who=holds_line),
    "budget.line_allocate": Rule(who=everything),
}

TRANSFER_RULES: dict[str, Rule] = {
    "transfer.decide": Rule(
        who=head,
        when=lambda t: t.state == BudgetTransfer.State.REQUESTED,
        why_not="This transfer has been decided",
    ),
}


def _visible(model):
    return lambda user, obj: model.objects.visible_to(user).filter(pk=obj.pk).exists()


policy = AppPolicy(
    Policy("procurement", APP_RULES, facts=facts),
    {
        Requisition: Policy("requisition", REQUISITION_RULES, facts=facts, visible=_visible(Requisition)),
        BudgetLine: Policy("budget line", LINE_RULES, facts=facts, visible=_visible(BudgetLine)),
        BudgetTransfer: Policy("transfer", TRANSFER_RULES, facts=facts, visible=lambda u, t: Buyer.of(u).may_open),
    },
)
available_actions = policy.available_actions
require = policy.require
allows = policy.allows


def may_open(user) -> bool:
    return policy.allows(user, "procurement.view")
