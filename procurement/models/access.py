"""Who sees what in procurement, from a few facts about the user computed once per request (`Buyer.of`):

- the Head of Mayor's Office and the finance approvers (named in the procurement settings) see everything;
- a requester (an Executive or Cabinet Support Officer) sees the requisitions they raised;
- a budget holder, or their deputy, sees their lines and every requisition charged to them;
- the Director and the procurement team (named in the settings) see the requisitions whose route passes them;
- members, interns and directorate contacts see nothing of procurement unless given one of these parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from mayoral_office import choices
from mayoral_office.access import sees_everything
from mayoral_office.roles import Role

HEAD, DIRECTOR, PROCUREMENT, BUDGET_HOLDER = "head", "director", "procurement", "budget_holder"


@dataclass(frozen=True)
class Buyer:
    user_id: int | None
    head: bool = False
    finance: bool = False
    requests: bool = False
    holds: bool = False  # holder or deputy of a budget line, or the budget holder role
    tiers: frozenset = frozenset()  # the approval tiers the user acts for (director, procurement; head)

    @property
    def everything(self) -> bool:
        return self.head or self.finance

    @property
    def approves(self) -> bool:
        """Whether any step of a requisition can wait for them: a Head, a budget line's holder or deputy, or one of
        a later tier's approvers (the chase asks the same of the kept tables: procurement/chases.py, `_steps_of`)."""
        return self.head or self.holds or bool(self.tiers)

    @property
    def may_open(self) -> bool:
        return self.everything or self.requests or self.holds or bool(self.tiers)

    @classmethod
    def of(cls, user) -> Buyer:
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user_id=None)
        cached = getattr(user, "_procurement_buyer", None)
        if cached is not None:
            return cached
        from procurement.models.budgets import BudgetLine
        from procurement.models.rules import ProcurementSettings

        people = ProcurementSettings.people()
        head = sees_everything(user)
        tiers = set()
        if head or user.pk in people["head_deputies"]:
            tiers.add(HEAD)
        if user.pk in people["directors"]:
            tiers.add(DIRECTOR)
        if user.pk in people["procurement_team"]:
            tiers.add(PROCUREMENT)
        holds = user.has_role(Role.BUDGET_HOLDER) or choices.kept(  # kept: budget lines are a kept table (apps.py)
            f"procurement:holds:{user.pk}",
            lambda: BudgetLine.objects.filter(Q(holder_id=user.pk) | Q(deputy_id=user.pk)).exists(),
        )
        user._procurement_buyer = cls(
            user_id=user.pk,
            head=head,
            finance=user.pk in people["finance_approvers"],
            requests=user.has_role(Role.HEAD_OF_OFFICE, Role.EXECUTIVE_SUPPORT, Role.CABINET_SUPPORT),
            holds=holds,
            tiers=frozenset(tiers),
        )
        return user._procurement_buyer
